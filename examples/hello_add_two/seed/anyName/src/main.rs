#[no_mangle]
pub extern "C" fn addTwo(x: i32) -> i32 {
    x + 2
}
