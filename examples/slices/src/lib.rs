//! Slices across the boundary: a pointer and a length, both ways.
//!
//! Python lends Rust its memory (a bytearray, an array.array, a NumPy
//! array) for the length of one call, and Rust hands Python a vector that
//! only Rust may free.

use std::mem::ManuallyDrop;
use std::{ptr, slice};

counting_alloc::install!();

// ANCHOR: status
/// The call succeeded.
pub const OK: i32 = 0;
/// A pointer was NULL where data was needed.
pub const NULL_POINTER: i32 = 1;
/// A pointer was not aligned for its type.
pub const MISALIGNED: i32 = 2;
/// `len` items would span more than `isize::MAX` bytes.
pub const TOO_LONG: i32 = 3;
// ANCHOR_END: status

// ANCHOR: borrow
/// Checks what `slice::from_raw_parts` requires and a program can see.
fn check_parts<T>(data: *const T, len: usize) -> i32 {
    if data.is_null() {
        NULL_POINTER
    } else if !data.is_aligned() {
        MISALIGNED
    } else if len > isize::MAX as usize / size_of::<T>().max(1) {
        TOO_LONG
    } else {
        OK
    }
}

/// Borrows the `len` values at `data` as a slice, or returns a status.
/// Length 0 is the empty slice, whatever `data` is: C passes NULL for
/// "no items", and `from_raw_parts` must not get NULL even then.
///
/// # Safety
///
/// If the checks pass, `data` must point to `len` initialized values
/// that nothing changes while the slice is in use.
unsafe fn borrow<'a, T>(data: *const T, len: usize) -> Result<&'a [T], i32> {
    if len == 0 {
        return Ok(&[]);
    }
    match check_parts(data, len) {
        // SAFETY: non-NULL, aligned, and `len` fits (all checked); the
        // caller promises `len` initialized values.
        OK => Ok(unsafe { slice::from_raw_parts(data, len) }),
        status => Err(status),
    }
}

/// Like [`borrow`], for a slice that Rust writes to.
///
/// # Safety
///
/// As for [`borrow`], and nothing else reads or writes the values while
/// the slice is in use.
unsafe fn borrow_mut<'a, T>(
    data: *mut T,
    len: usize,
) -> Result<&'a mut [T], i32> {
    if len == 0 {
        return Ok(&mut []);
    }
    match check_parts(data.cast_const(), len) {
        // SAFETY: as in `borrow`; the caller promises exclusive access.
        OK => Ok(unsafe { slice::from_raw_parts_mut(data, len) }),
        status => Err(status),
    }
}
// ANCHOR_END: borrow

// ANCHOR: unchecked
/// Wrong on purpose: `scale_f64` without the checks of `borrow`.
///
/// # Safety
///
/// `data` must be non-NULL and aligned even when `len` is 0, and point to
/// `len` doubles that nothing else uses during the call. C's usual "no
/// items", NULL with length 0, breaks this contract.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn scale_f64_unchecked(
    data: *mut f64,
    len: usize,
    factor: f64,
) {
    // SAFETY: none but the caller's word; see the function's doc.
    let values = unsafe { slice::from_raw_parts_mut(data, len) };
    for value in values {
        *value *= factor;
    }
}
// ANCHOR_END: unchecked

// ANCHOR: scale
/// Multiplies each of the `len` doubles at `data` by `factor`, in place.
///
/// The caller owns `data`: Rust borrows it for this call and keeps no
/// pointer to it. Length 0 does nothing, even with NULL `data`. Returns
/// `OK`, or `NULL_POINTER`, `MISALIGNED` or `TOO_LONG` having changed
/// nothing.
///
/// # Safety
///
/// `data` must point to `len` doubles that nothing else uses during the
/// call. Rust cannot check this: with a `len` larger than the buffer, it
/// would read and write memory past its end.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn scale_f64(
    data: *mut f64,
    len: usize,
    factor: f64,
) -> i32 {
    // SAFETY: the caller upholds `borrow_mut`'s contract.
    match unsafe { borrow_mut(data, len) } {
        Ok(values) => {
            for value in values {
                *value *= factor;
            }
            OK
        }
        Err(status) => status,
    }
}
// ANCHOR_END: scale

/// Capitalizes the ASCII letters among the `len` bytes at `data`, in
/// place. Other bytes stay as they are, so valid UTF-8 stays valid.
///
/// Ownership, length 0, NULL and the statuses are as for [`scale_f64`].
///
/// # Safety
///
/// `data` must point to `len` bytes that nothing else uses during the
/// call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ascii_uppercase(data: *mut u8, len: usize) -> i32 {
    // SAFETY: the caller upholds `borrow_mut`'s contract.
    match unsafe { borrow_mut(data, len) } {
        Ok(bytes) => {
            bytes.make_ascii_uppercase();
            OK
        }
        Err(status) => status,
    }
}

// ANCHOR: indices
/// A `Vec<usize>` taken apart for C: `len` positions at `ptr`.
///
/// Rust allocated `ptr`, and only `free_indices` may free it. It needs
/// all three fields unchanged: `cap` is the allocation's capacity.
#[repr(C)]
pub struct Indices {
    pub ptr: *mut usize,
    pub len: usize,
    pub cap: usize,
}

impl Indices {
    /// No vector: what an `Indices` holds after an error or a free.
    const NONE: Indices = Indices {
        ptr: ptr::null_mut(),
        len: 0,
        cap: 0,
    };

    fn from_vec(vec: Vec<usize>) -> Indices {
        // Keep the buffer alive when `vec` goes out of scope: from now on,
        // the `Indices` owns it.
        let mut vec = ManuallyDrop::new(vec);
        Indices {
            ptr: vec.as_mut_ptr(),
            len: vec.len(),
            cap: vec.capacity(),
        }
    }
}
// ANCHOR_END: indices

// ANCHOR: find_byte
/// Writes the position of every `needle` among the `len` bytes at `data`
/// into `*out`, as a new vector.
///
/// The caller owns `data` (borrowed for this call only) and the
/// `Indices` at `out`. On `OK`, `*out` owns a Rust allocation: pass `out`
/// to `free_indices` once. Length 0 gives an empty vector, even with NULL
/// `data`. A NULL or misaligned `out` returns `NULL_POINTER` or
/// `MISALIGNED`. A bad `data` returns its status, with `*out` set to no
/// vector (NULL, 0, 0).
///
/// # Safety
///
/// `data` must point to `len` bytes that nothing writes during the call.
/// `out` must be NULL or point to memory for one `Indices`; the call
/// overwrites it without freeing what it held.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn find_byte(
    data: *const u8,
    len: usize,
    needle: u8,
    out: *mut Indices,
) -> i32 {
    let status = check_parts(out.cast_const(), 1);
    if status != OK {
        return status;
    }
    // SAFETY: the caller upholds `borrow`'s contract for `data`.
    let (found, status) = match unsafe { borrow(data, len) } {
        Ok(bytes) => {
            let positions = bytes
                .iter()
                .enumerate()
                .filter(|&(_, &byte)| byte == needle)
                .map(|(position, _)| position)
                .collect();
            (Indices::from_vec(positions), OK)
        }
        Err(status) => (Indices::NONE, status),
    };
    // SAFETY: `out` is non-NULL and aligned (checked); the caller
    // promises it points to memory for one `Indices`.
    unsafe { out.write(found) };
    status
}
// ANCHOR_END: find_byte

// ANCHOR: free_indices
/// Frees the vector in `*vec`, then sets `*vec` to no vector (NULL, 0, 0).
///
/// A NULL or misaligned `vec`, or one whose `ptr` is NULL (freed already,
/// or never filled), is left alone: freeing the same `Indices` twice does
/// nothing the second time.
///
/// # Safety
///
/// `vec` must be NULL or point to an `Indices` that holds no vector or
/// exactly what `find_byte` wrote, not freed since through a copy.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn free_indices(vec: *mut Indices) {
    if check_parts(vec.cast_const(), 1) != OK {
        return;
    }
    // SAFETY: non-NULL and aligned (checked); the caller promises that it
    // points to an `Indices`.
    let indices = unsafe { &mut *vec };
    if indices.ptr.is_null() {
        return;
    }
    // SAFETY: the three parts come unchanged from `Indices::from_vec`, and
    // the caller promises that nobody freed them yet.
    drop(unsafe { Vec::from_raw_parts(indices.ptr, indices.len, indices.cap) });
    *indices = Indices::NONE;
}
// ANCHOR_END: free_indices

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn null_with_length_zero_is_an_empty_slice() {
        // SAFETY: length 0 reads nothing.
        let empty = unsafe { borrow::<f64>(ptr::null(), 0) };
        assert_eq!(empty, Ok(&[][..]));
        // SAFETY: length 0 writes nothing.
        assert_eq!(unsafe { scale_f64(ptr::null_mut(), 0, 2.0) }, OK);
    }

    #[test]
    fn bad_pointers_and_lengths_are_refused_before_any_access() {
        let values = [1.0_f64, 2.0];
        // SAFETY: every call below fails a check and reads nothing.
        unsafe {
            assert_eq!(borrow::<f64>(ptr::null(), 1), Err(NULL_POINTER));
            let odd = values.as_ptr().cast::<u8>().add(1).cast::<f64>();
            assert_eq!(borrow(odd, 1), Err(MISALIGNED));
            let too_long = isize::MAX as usize / 8 + 1;
            assert_eq!(borrow(values.as_ptr(), too_long), Err(TOO_LONG));
        }
    }

    #[test]
    fn scale_and_uppercase_change_the_callers_memory() {
        let mut values = [1.0, 2.0, 3.5];
        // SAFETY: pointer and length of a live array.
        let status = unsafe { scale_f64(values.as_mut_ptr(), 3, 10.0) };
        assert_eq!((status, values), (OK, [10.0, 20.0, 35.0]));
        // SAFETY: pointer and length of a live array.
        unsafe { scale_f64_unchecked(values.as_mut_ptr(), 3, 0.5) };
        assert_eq!(values, [5.0, 10.0, 17.5]);
        let mut text = "déjà vu".as_bytes().to_vec();
        // SAFETY: pointer and length of a live vector.
        let status = unsafe { ascii_uppercase(text.as_mut_ptr(), text.len()) };
        assert_eq!((status, text.as_slice()), (OK, "DéJà VU".as_bytes()));
    }

    #[test]
    fn found_positions_come_back_and_free_empties_the_struct() {
        let text = b"one\ntwo\n";
        let mut found = Indices::NONE;
        // SAFETY: a live byte string; `found` is a valid `Indices`.
        unsafe {
            assert_eq!(find_byte(text.as_ptr(), 8, b'\n', &mut found), OK);
            let positions = slice::from_raw_parts(found.ptr, found.len);
            assert_eq!(positions, [3, 7]);
            free_indices(&mut found);
            assert!(found.ptr.is_null());
            free_indices(&mut found); // the second free does nothing
            free_indices(ptr::null_mut());
        }
    }

    #[test]
    fn find_byte_reports_bad_arguments() {
        let mut found = Indices::from_vec(vec![]);
        // SAFETY: every call fails a check before reading `data`.
        unsafe {
            assert_eq!(
                find_byte(ptr::null(), 0, 0, ptr::null_mut()),
                NULL_POINTER
            );
            assert_eq!(find_byte(ptr::null(), 5, 0, &mut found), NULL_POINTER);
            assert!(found.ptr.is_null()); // set to no vector
            assert_eq!(find_byte(ptr::null(), 0, 0, &mut found), OK);
            assert_eq!(found.len, 0);
            free_indices(&mut found);
        }
    }
}
