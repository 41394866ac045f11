//! Functions with and without `#[no_mangle]`, public and private.
//!
//! `add_four` is exported, yet Rust code outside its module cannot name it:
//!
//! ```compile_fail,E0603
//! no_mangle::private::add_four(1);
//! ```

// ANCHOR: functions
/// Exported under its plain name: Python finds it as `add_two`.
#[unsafe(no_mangle)]
pub extern "C" fn add_two(x: i32) -> i32 {
    x.wrapping_add(2)
}

/// No `#[no_mangle]`: the symbol gets a mangled name, and the cdylib does
/// not export it at all.
pub extern "C" fn add_three(x: i32) -> i32 {
    x.wrapping_add(3)
}
// ANCHOR_END: functions

// ANCHOR: private
/// A private module, and `add_four` private in it: no code outside this
/// module can name it.
mod private {
    /// Neither `pub` nor in a `pub` module, and still exported as
    /// `add_four`: in the cdylib's own crate, `no_mangle`, not `pub`,
    /// decides what the library exports.
    #[unsafe(no_mangle)]
    extern "C" fn add_four(x: i32) -> i32 {
        x.wrapping_add(4)
    }
}
// ANCHOR_END: private

#[cfg(test)]
mod tests {
    use super::*;

    // `add_four` is private to its module: reach it by its exported name,
    // as C and Python do.
    // SAFETY: the signature is the one `private::add_four` is defined with.
    unsafe extern "C" {
        safe fn add_four(x: i32) -> i32;
    }

    #[test]
    fn every_function_works_when_called_from_rust() {
        assert_eq!(add_two(10), 12);
        assert_eq!(add_three(10), 13);
        assert_eq!(add_four(10), 14);
    }
}
