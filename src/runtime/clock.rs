//! Milliseconds since a run started, from `performance.now()`.

/// A stopwatch started when it is made.
pub struct Clock {
    origin: f64,
}

impl Clock {
    /// Starts the stopwatch now.
    pub fn start() -> Self {
        Self { origin: now() }
    }

    /// Milliseconds since [`Clock::start`].
    pub fn elapsed_ms(&self) -> f64 {
        now() - self.origin
    }
}

fn now() -> f64 {
    web_sys::window()
        .and_then(|window| window.performance())
        .map_or_else(js_sys::Date::now, |performance| performance.now())
}
