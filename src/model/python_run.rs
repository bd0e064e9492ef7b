//! What a Python run (CPython in the Python worker, docs/python-mode.md) tells the page:
//! its output as the program wrote it, its events, and how it ended.

use super::i18n::Lang;

/// The longest a Python run may take on the wall clock, in ms, from the
/// moment its program starts (loading Python is not counted).
pub const MAX_PYTHON_RUN_MS: u32 = 60_000;
/// The longest the virtual-clock run that predicts a Python program may
/// take on the wall clock, in ms.
pub const MAX_PYTHON_PREDICTION_MS: u32 = 10_000;

/// Where a piece of output went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stream {
    Stdout,
    Stderr,
}

/// Output as the program wrote it: what CPython in a terminal shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    /// Standard output or standard error.
    pub stream: Stream,
    /// What was written, as written.
    pub text: String,
}

/// Where a Python run did not do what CPython does, or was cut short, in
/// English and Chinese: the tracer, which knows what it stood in for, writes
/// it (`NOTES` in static/python/pg_trace.py).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PythonNote {
    /// The note in English.
    pub en: String,
    /// The note in Chinese.
    pub zh: String,
}

impl PythonNote {
    /// The note in `lang`.
    pub fn text(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Zh => &self.zh,
        }
    }
}

/// How a Python run ended, as the worker reports it (an error it ended with
/// is a `failed` event of its `<module>` lane).
#[derive(Debug, Clone, PartialEq)]
pub struct PythonEnd {
    /// When the program ended, in ms since its first line.
    pub total_ms: f64,
}
