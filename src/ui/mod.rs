//! The yew components of the playground page and the hooks they use.

mod app;
mod worker_answer;
mod clipboard;
mod code;
mod controls;
mod editor;
mod embed;
mod trace_downloads;
mod future_effect;
mod gallery;
mod json;
mod link;
mod log;
mod notes;
mod number;
mod orders;
mod pulse;
mod recording;
mod runner;
mod state;
mod table;
mod timeline;

pub use app::App;
