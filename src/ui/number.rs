//! Numbers as text, written by the browser (`Number.prototype.toFixed` and
//! `toString`): the page then carries no float formatting of its own, which
//! with its tables weighed about 5 KB of the gzipped first load.

/// `value` with `places` digits after the point.
pub fn fixed(value: f64, places: u8) -> String {
    js_sys::Number::from(value)
        .to_fixed(places)
        .map(String::from)
        .unwrap_or_default()
}

/// `value` in as few digits as tell it apart (`0.25`, `2`).
pub fn shortest(value: f64) -> String {
    js_sys::Number::from(value)
        .to_string_with_radix(10)
        .map(String::from)
        .unwrap_or_default()
}
