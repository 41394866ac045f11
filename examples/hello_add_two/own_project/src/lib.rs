/// Returns `x + 2`, wrapping around at `i32::MAX` instead of panicking.
///
/// Every `i32` is a valid input, so there is no error case.
#[unsafe(no_mangle)]
pub extern "C" fn add_two(x: i32) -> i32 {
    x.wrapping_add(2)
}
