//! Milliseconds from `performance.now()`.

/// A stopwatch started when it is made.
#[derive(Clone, Copy)]
pub struct Clock {
    origin: f64,
}

impl Clock {
    /// Starts the stopwatch now.
    pub fn start() -> Self {
        Self { origin: now_ms() }
    }

    /// Milliseconds since [`Clock::start`].
    pub fn elapsed_ms(&self) -> f64 {
        now_ms() - self.origin
    }
}

thread_local! {
    static PERFORMANCE: Option<web_sys::Performance> = js_sys::Reflect::get(&js_sys::global(), &"performance".into())
        .ok()
        .and_then(|performance| wasm_bindgen::JsCast::dyn_into(performance).ok());
}

/// `performance.now()` in a page or a worker, or `Date.now()` without it.
pub fn now_ms() -> f64 {
    PERFORMANCE.with(|performance| {
        performance
            .as_ref()
            .map_or_else(js_sys::Date::now, web_sys::Performance::now)
    })
}
