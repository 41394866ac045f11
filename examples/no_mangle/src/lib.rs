//! Two functions, one with `#[no_mangle]` and one without.

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_work_when_called_from_rust() {
        assert_eq!(add_two(10), 12);
        assert_eq!(add_three(10), 13);
    }
}
