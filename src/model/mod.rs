//! The pure model: programs, their text format, presets, the simulator and
//! traces, free of browser crates.

pub mod announce;
mod check;
pub mod compare;
pub mod compare_runs;
pub mod embed;
pub mod html;
pub mod i18n;
pub mod json;
pub mod limits;
pub mod lints;
pub mod numbers;
pub mod orders_report;
pub mod parse;
pub mod parse_error;
pub mod presets;
pub mod print;
pub mod program;
pub mod python;
pub mod python_import;
pub mod python_run;
pub mod quiz;
pub mod replay;
pub mod route;
pub mod share;
pub mod simulate;
pub mod steps;
pub mod table;
pub mod timeline;
pub mod trace;
pub mod trace_export;
pub mod work;
