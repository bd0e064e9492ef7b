//! The pure model: programs, their text format, presets, the simulator and
//! traces, free of browser crates.

mod check;
pub mod compute;
pub mod embed;
pub mod html;
pub mod i18n;
pub mod json;
pub mod limits;
pub mod parse;
pub mod parse_error;
pub mod presets;
pub mod print;
pub mod program;
pub mod python;
pub mod python_import;
pub mod python_run;
pub mod route;
pub mod share;
pub mod simulate;
pub mod steps;
pub mod trace;
pub mod trace_export;
