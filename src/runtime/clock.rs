//! Milliseconds from `performance.now()`.

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// `performance.now()`, called on the global `performance` directly (a
    /// page and a worker both have one): the cheapest clock read there is.
    #[wasm_bindgen(js_namespace = performance, js_name = now)]
    fn performance_now() -> f64;
}

/// Milliseconds on the page's (or worker's) clock.
pub fn now_ms() -> f64 {
    performance_now()
}
