//! The only code that touches the browser's event loop: running programs
//! for real on an asyncio-like loop (and a warm-up run while the page is
//! idle), timers, fetch, the worker pool, the lag meter; and the browser's
//! deflate for share links.

mod bench;
mod busy_wait;
mod clock;
mod deflate;
mod event_loop;
mod fetch;
mod frames;
mod js_values;
mod lag;
mod python_worker;
mod resource_counts;
mod run;
mod sync;
mod timers;
mod traps;
mod warm_up;
mod worker_client;
mod worker_protocol;
mod workers;

pub use bench::bench_run;
pub use busy_wait::hold_the_loop;
pub use clock::now_ms;
pub use deflate::{deflate_raw, from_base64, inflate_raw, to_base64, InflateError};
pub use frames::{after_next_paint, FrameCounter};
pub use js_values::{events_posted, posted_events, to_js};
pub use python_worker::{python_prediction, start_spare_python, PythonNews, PythonRun};
pub use resource_counts::{live, Live};
pub use run::{run, RunHandle, RunOptions};
pub use timers::{sleep, Sleep};
pub use traps::rethrow_trap;
pub use warm_up::warm_up;
pub use worker_client::{
    answer_for_views, ask_through_page, import_python, predicted, text_answer, typed_answer,
};
pub use worker_protocol::{
    imported_from_js, imported_to_js, Ask, ImportedText, Payload, Reply, Request,
};
