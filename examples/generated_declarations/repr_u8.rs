// Not part of the crate: the configs mode hands it to cbindgen alone.

/// Why `summarize` did or did not write a summary, in one byte.
#[repr(u8)]
pub enum SummaryStatus {
    Ok,
    NullPointer,
    NoValues,
    NotFinite,
}

/// Always `Ok`: a function that returns the enum, for cbindgen to declare.
#[unsafe(no_mangle)]
pub extern "C" fn first_status() -> SummaryStatus {
    SummaryStatus::Ok
}
