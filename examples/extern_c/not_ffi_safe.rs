// Rust types that C cannot describe, in an extern "C" signature.
// The compiler warns (lint improper_ctypes_definitions); it does not stop.

#[unsafe(no_mangle)]
pub extern "C" fn greet(name: &str) -> String {
    format!("Hello, {name}!")
}
