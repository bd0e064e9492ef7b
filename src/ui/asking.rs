//! Asking the worker about the program on the page: the Python tab and the
//! Orders tab keep its latest answer, and a question the program outgrew is
//! dropped.

use std::future::Future;
use std::rc::Rc;

use futures::future::abortable;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::model::print::print;
use crate::model::program::Program;

/// What `ask` answers about `program` (sent as its canonical text), asked
/// again whenever the program changes: `None` until the answer comes, or
/// while there is no program.
#[hook]
pub fn use_answer<T, F>(
    program: Option<Program>,
    ask: fn(String) -> F,
) -> Option<Rc<Result<T, String>>>
where
    T: 'static,
    F: Future<Output = Result<T, String>> + 'static,
{
    let answer = use_state(|| None);
    {
        let answer = answer.clone();
        use_effect_with(program, move |program| {
            answer.set(None);
            let asking = program.as_ref().map(|program| {
                let (reply, handle) = abortable(ask(print(program)));
                spawn_local(async move {
                    if let Ok(reply) = reply.await {
                        answer.set(Some(Rc::new(reply)));
                    }
                });
                handle
            });
            move || {
                if let Some(handle) = asking {
                    handle.abort();
                }
            }
        });
    }
    (*answer).clone()
}
