//! The offload pool's worker: runs `compute` and `block` jobs off the
//! page's thread and posts back how long each took. It holds nothing else,
//! so each of the pool's workers instantiates a small wasm.

use std::cell::RefCell;

use coroutine_playground::model::compute::compute;
use coroutine_playground::model::program::Work;
use coroutine_playground::runtime::{hold_the_loop, now_ms, Reply, Request};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

type Handler = Closure<dyn FnMut(MessageEvent)>;

thread_local! {
    /// The message handler lives as long as the worker.
    static HANDLER: RefCell<Option<Handler>> = const { RefCell::new(None) };
}

/// Runs `amount` of `work` and says how long it took (ms).
fn run_job(work: Work, amount: u64) -> f64 {
    let started = now_ms();
    match work {
        Work::Compute => {
            std::hint::black_box(compute(amount));
        }
        Work::Block => hold_the_loop(amount as f64),
    }
    now_ms() - started
}

fn main() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let replies = scope.clone();
    let handler = Handler::new(move |event: MessageEvent| {
        let reply = match Request::from_js(&event.data()) {
            Some(Request::Job { id, work, amount }) => Reply::JobDone {
                id,
                elapsed_ms: run_job(work, amount),
            },
            Some(Request::Ask { id, ask, .. }) => Reply::Answer {
                id,
                answer: Err(format!("the offload worker answers no {ask:?}")),
            },
            None => return,
        };
        let _ = replies.post_message(&reply.to_js());
    });
    scope.set_onmessage(Some(handler.as_ref().unchecked_ref()));
    HANDLER.with(|slot| *slot.borrow_mut() = Some(handler));
    let _ = scope.post_message(&Reply::Ready.to_js());
}
