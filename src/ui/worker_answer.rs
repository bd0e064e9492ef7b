//! The worker's typed answer to a question a component asks: asked again
//! when the question changes, the last answer kept until the next comes.

use std::rc::Rc;

use serde::de::DeserializeOwned;
use serde::Serialize;
use yew::prelude::*;

use super::future_effect::use_future_effect;
use crate::runtime::{typed_answer, Ask};

/// The worker's last answer to `ask` about `question` (`None` until the
/// first comes), or why there is none.
#[hook]
pub fn use_worker_answer<Q, A>(ask: Ask, question: Q) -> Option<Result<Rc<A>, String>>
where
    Q: Serialize + PartialEq + 'static,
    A: DeserializeOwned + 'static,
{
    let answer = use_state(|| None::<Result<Rc<A>, String>>);
    {
        let answer = answer.clone();
        use_future_effect(question, move |question| {
            let asked = typed_answer::<A>(ask, question);
            Some(async move { answer.set(Some(asked.await.map(Rc::new))) })
        });
    }
    (*answer).clone()
}
