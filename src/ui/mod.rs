//! The yew components of the playground page and the hooks they use.

mod app;
mod chart;
mod clipboard;
mod compare;
mod controls;
mod editor;
mod embed;
mod embed_dialog;
mod future_effect;
mod gallery;
mod header;
mod link;
mod lint_list;
mod listener;
mod log;
mod notes;
mod number;
mod on_demand;
mod orders;
mod page;
mod pulse;
mod python_output;
mod python_prediction;
mod python_tab;
mod python_view;
mod quiz;
mod recording;
mod replay;
mod runner;
mod shortcuts;
mod state;
mod table;
mod tabs;
mod timeline;
mod trace_downloads;
mod worker_answer;

pub use app::App;
/// The on-demand wasm's root component (`src/bin/on_demand.rs`).
pub use on_demand::{OnDemandRoot, OnDemandRootProps};
/// The lines to arrange of a quiz question, for the component tests.
pub use quiz::Arrange;
