// Not part of the crate: the configs mode hands it to cbindgen alone.

/// An integer constant: cbindgen writes a `#define` that cdef reads.
pub const SUMMARY_MAX_VALUES: u32 = 1_000_000;

/// A floating-point constant: also a `#define`, which cdef refuses.
pub const SUMMARY_TOLERANCE: f64 = 1e-9;

/// A string constant: cbindgen leaves it out, with a warning on stderr.
pub const SUMMARY_NAME: &str = "summary";
