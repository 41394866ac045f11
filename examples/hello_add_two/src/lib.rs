//! The seed's first example, working: one function Python can call.

// ANCHOR: add_two
/// Returns `x + 2`, wrapping around at `i32::MAX` instead of panicking.
///
/// Every `i32` is a valid input, so there is no error case.
#[unsafe(no_mangle)]
pub extern "C" fn add_two(x: i32) -> i32 {
    x.wrapping_add(2)
}
// ANCHOR_END: add_two

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adds_two() {
        assert_eq!(add_two(10), 12);
        assert_eq!(add_two(-2), 0);
    }

    #[test]
    fn wraps_at_the_top_of_the_range() {
        assert_eq!(add_two(i32::MAX), i32::MIN + 1);
    }
}
