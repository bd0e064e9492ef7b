//! The worker of the offload pool and of the page's requests: runs
//! `compute` and `block` jobs off the main thread and posts back how long
//! each took, and writes the Python and the prediction of the programs it is
//! sent.

use std::cell::RefCell;

use coroutine_playground::model::compare::Prediction;
use coroutine_playground::model::parse::parse;
use coroutine_playground::model::python::to_python;
use coroutine_playground::model::simulate::simulate;
use coroutine_playground::model::work::compute;
use coroutine_playground::runtime::{hold_the_loop, now_ms, prediction_to_js, Ask};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

type Handler = Closure<dyn FnMut(MessageEvent)>;

thread_local! {
    /// The message handler lives as long as the worker.
    static HANDLER: RefCell<Option<Handler>> = const { RefCell::new(None) };
}

fn main() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply_to = scope.clone();
    let handler = Handler::new(move |event: MessageEvent| {
        let job = js_sys::Array::from(&event.data());
        if let Some(ask) = job.get(1).as_string().as_deref().and_then(Ask::named) {
            let source = job.get(2).as_string().unwrap_or_default();
            let (answer, failed) = match (parse(&source), ask) {
                (Ok(program), Ask::Python) => (to_python(&program).into(), false),
                (Ok(program), Ask::Prediction) => (
                    prediction_to_js(&Prediction::of(&simulate(&program))),
                    false,
                ),
                (Err(error), _) => (error.to_string().into(), true),
            };
            let reply = js_sys::Array::of3(&job.get(0), &failed.into(), &answer);
            let _ = reply_to.post_message(&reply);
            return;
        }
        let (id, kind, amount) = (
            job.get(0),
            job.get(1).as_f64().unwrap_or(0.0),
            job.get(2).as_f64().unwrap_or(0.0),
        );
        let started = now_ms();
        if kind == 0.0 {
            std::hint::black_box(compute(amount as u64));
        } else {
            hold_the_loop(amount);
        }
        let _ = reply_to.post_message(&js_sys::Array::of2(&id, &(now_ms() - started).into()));
    });
    scope.set_onmessage(Some(handler.as_ref().unchecked_ref()));
    HANDLER.with(|slot| *slot.borrow_mut() = Some(handler));
    let _ = scope.post_message(&"ready".into());
}
