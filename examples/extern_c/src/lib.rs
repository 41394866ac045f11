//! The same functions with the C ABI and with the Rust ABI.
//!
//! Every `*_rust_abi` function is exported (`no_mangle`) but lacks
//! `extern "C"`: it is a mistake on purpose, for the book to call. Calling
//! one with the C convention, as cffi does, is undefined behaviour. Clippy
//! flags each (`no_mangle_with_rust_abi`, on for the workspace); the
//! `#[expect]` says the mistake is meant, and fails if the lint stops
//! firing.

// ANCHOR: add_two
/// Correct: the C calling convention, which cffi uses for every call.
#[unsafe(no_mangle)]
pub extern "C" fn add_two(x: i32) -> i32 {
    x.wrapping_add(2)
}

/// Wrong: the Rust calling convention. For one `i32` it happens to match.
#[expect(clippy::no_mangle_with_rust_abi, reason = "the mistake shown")]
#[unsafe(no_mangle)]
pub fn add_two_rust_abi(x: i32) -> i32 {
    x.wrapping_add(2)
}
// ANCHOR_END: add_two

// ANCHOR: point
/// A point in the plane; `repr(C)` gives it C's field layout.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Point {
    pub x: f32,
    pub y: f32,
}

/// The point halfway between `a` and `b`.
#[unsafe(no_mangle)]
pub extern "C" fn midpoint(a: Point, b: Point) -> Point {
    Point {
        x: (a.x + b.x) / 2.0,
        y: (a.y + b.y) / 2.0,
    }
}

/// Wrong: the same code with the Rust ABI.
#[expect(clippy::no_mangle_with_rust_abi, reason = "the mistake shown")]
#[unsafe(no_mangle)]
pub fn midpoint_rust_abi(a: Point, b: Point) -> Point {
    midpoint(a, b)
}
// ANCHOR_END: point

// ANCHOR: triple
/// Three integers: 24 bytes, too big for registers in the C ABI.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct Triple {
    pub a: i64,
    pub b: i64,
    pub c: i64,
}

/// `(a + b + c) * factor`, wrapping on overflow.
#[unsafe(no_mangle)]
pub extern "C" fn scaled_sum(t: Triple, factor: i64) -> i64 {
    t.a.wrapping_add(t.b).wrapping_add(t.c).wrapping_mul(factor)
}

/// Wrong: the same code with the Rust ABI.
#[expect(clippy::no_mangle_with_rust_abi, reason = "the mistake shown")]
#[unsafe(no_mangle)]
pub fn scaled_sum_rust_abi(t: Triple, factor: i64) -> i64 {
    scaled_sum(t, factor)
}
// ANCHOR_END: triple

#[cfg(test)]
mod tests {
    use super::*;

    // Called from Rust, both ABIs agree: the compiler sees both sides.
    #[test]
    fn rust_callers_get_the_same_results() {
        assert_eq!(add_two(10), add_two_rust_abi(10));
        let (a, b) = (Point { x: 1.0, y: 2.0 }, Point { x: 3.0, y: 4.0 });
        assert_eq!(midpoint(a, b), Point { x: 2.0, y: 3.0 });
        assert_eq!(midpoint_rust_abi(a, b), midpoint(a, b));
        let t = Triple { a: 1, b: 2, c: 3 };
        assert_eq!(scaled_sum(t, 10), 60);
        assert_eq!(scaled_sum_rust_abi(t, 10), 60);
    }

    #[test]
    fn scaled_sum_wraps_instead_of_panicking() {
        let t = Triple {
            a: i64::MAX,
            b: 1,
            c: 0,
        };
        assert_eq!(scaled_sum(t, 1), i64::MIN);
    }
}
