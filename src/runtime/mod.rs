//! The only code that touches the browser's event loop: running programs for real.

mod clock;
mod run;

pub use run::{run, RunHandle};
