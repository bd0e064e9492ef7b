//! The yew components of the playground page.

mod app;
mod log;
mod state;

pub use app::App;
