//! One function, to compare the kinds of library Cargo can build.

/// Returns `x + 2`, wrapping around at `i32::MAX`.
#[unsafe(no_mangle)]
pub extern "C" fn add_two(x: i32) -> i32 {
    x.wrapping_add(2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adds_two() {
        assert_eq!(add_two(10), 12);
    }
}
