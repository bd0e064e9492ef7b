//! Asking the worker about the program on the page (the From Python view
//! starts from its Python export): the latest answer is kept, and a
//! question the program outgrew is dropped.

use std::future::Future;
use std::rc::Rc;

use yew::prelude::*;

use super::future_effect::use_future_effect;
use crate::model::print::print;
use crate::model::program::CheckedProgram;

/// What `ask` answers about `program` (sent as its canonical text), asked
/// again whenever the program changes: `None` until the answer comes, or
/// while there is no program.
#[hook]
pub fn use_worker_answer<T, F>(
    program: Option<Rc<CheckedProgram>>,
    ask: fn(String) -> F,
) -> Option<Rc<Result<T, String>>>
where
    T: 'static,
    F: Future<Output = Result<T, String>> + 'static,
{
    let answer = use_state(|| None);
    {
        let answer = answer.clone();
        use_future_effect(program, move |program| {
            answer.set(None);
            program.as_ref().map(|program| {
                let asked = ask(print(program));
                async move { answer.set(Some(Rc::new(asked.await))) }
            })
        });
    }
    (*answer).clone()
}
