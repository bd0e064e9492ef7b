//! Coroutine Playground in three layers: `ui → runtime → model`.
//!
//! - [`model`] is pure Rust (no browser crates): programs, presets, traces.
//!   It compiles and is tested natively with `cargo test`.
//! - [`views`] is pure Rust too: what the views show, as data, computed
//!   from the model (mostly by the worker).
//! - [`runtime`] is the only code that touches the browser's event loop.
//! - [`ui`] holds the yew components.
//!
//! Dependencies point one way: `ui` may use `runtime`, `views` and `model`,
//! `runtime` may use `views` and `model`, `views` may use `model`, and
//! `model` uses none of them.

/// The allocator of the page and the worker (see Cargo.toml).
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

pub mod model;
pub mod runtime;
pub mod ui;
pub mod views;
