//! Temperature conversions, shipped to Python as a wheel.
//!
//! Plain numbers in and out: nothing to allocate or free, so the chapter
//! can look at the packaging alone.

// ANCHOR: functions
/// Degrees Celsius to degrees Fahrenheit.
///
/// Every `f64` has a result: NaN gives NaN, an infinity the same
/// infinity. No check for temperatures below absolute zero: the Python
/// wrapper rejects those before calling.
#[unsafe(no_mangle)]
pub extern "C" fn celsius_to_fahrenheit(celsius: f64) -> f64 {
    celsius * 9.0 / 5.0 + 32.0
}

/// Degrees Fahrenheit to degrees Celsius; every input as above.
#[unsafe(no_mangle)]
pub extern "C" fn fahrenheit_to_celsius(fahrenheit: f64) -> f64 {
    (fahrenheit - 32.0) * 5.0 / 9.0
}
// ANCHOR_END: functions

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_points_convert_both_ways() {
        assert_eq!(celsius_to_fahrenheit(100.0), 212.0);
        assert_eq!(celsius_to_fahrenheit(-40.0), -40.0);
        assert_eq!(fahrenheit_to_celsius(212.0), 100.0);
        assert_eq!(fahrenheit_to_celsius(32.0), 0.0);
    }

    #[test]
    fn nan_and_infinities_go_through() {
        assert!(celsius_to_fahrenheit(f64::NAN).is_nan());
        assert_eq!(celsius_to_fahrenheit(f64::INFINITY), f64::INFINITY);
        assert_eq!(fahrenheit_to_celsius(f64::NEG_INFINITY), f64::NEG_INFINITY);
    }
}
