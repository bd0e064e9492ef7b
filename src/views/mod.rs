//! What the page's views show, as data: the timeline's and the Compare
//! tab's drawings, the Orders report, predict mode's questions and grades,
//! the replay's steps, the table editor's edits, what the views of the
//! on-demand wasm are given and tell the page, the teaching lints and the
//! words a screen reader hears. Pure Rust like `model`, which it reads; the
//! worker computes most of it and the page's components render it.

pub mod announce;
pub mod comparison;
pub mod lints;
pub mod numbers;
pub mod on_demand;
pub mod orders_report;
pub mod prediction;
pub mod quiz;
pub mod replay;
pub mod table;
pub mod timeline;
