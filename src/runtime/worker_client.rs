//! What the analysis worker answers on demand (the Python export, the
//! Python importer, the presets' explanations, the Chrome trace, the Orders
//! report with the simulator's prediction, the replay's line and the other
//! views it writes), made in a Web Worker of its own so that the page's
//! first load carries none of them, and asked by the on-demand wasm's views
//! through the page, so that both wasms share the one worker.

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::rc::{Rc, Weak};

use js_sys::{Function, Promise, Uint8Array};
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::{future_to_promise, JsFuture};

use super::js_values::events_posted;
use super::sync::Completion;
use super::worker_protocol::{
    imported_from_js, Ask, ImportedText, Payload, Reply, Request, WorkerHandle, ANALYSIS_SCRIPT,
};
use crate::model::parse_error::ParseError;
use crate::model::trace::Event;

/// The worker's answer, or why there is none.
type Answer = Result<JsValue, String>;

/// A request sent or waiting for the worker to listen, and who awaits it.
struct Waiting {
    id: u32,
    ask: Ask,
    source: Payload,
    done: Rc<Completion<Answer>>,
}

impl Waiting {
    fn request(&self) -> Request {
        Request::Ask {
            id: self.id,
            ask: self.ask,
            source: self.source.clone(),
        }
    }
}

/// The worker that answers, and the requests it has not answered.
struct WorkerClient {
    worker: RefCell<Option<WorkerHandle>>,
    ready: Cell<bool>,
    next_id: Cell<u32>,
    waiting: RefCell<Vec<Waiting>>,
}

thread_local! {
    static CLIENT: RefCell<Option<Rc<WorkerClient>>> = const { RefCell::new(None) };
    /// In the on-demand wasm: the page's function that asks its worker.
    static ASK_PAGE: RefCell<Option<Function>> = const { RefCell::new(None) };
}

/// In the on-demand wasm: every question goes to the page's worker through
/// `ask_page`, the function the page made of [`answer_for_views`].
pub fn ask_through_page(ask_page: Function) {
    ASK_PAGE.with(|page| *page.borrow_mut() = Some(ask_page));
}

/// In the page: the worker's answer to what a view of the on-demand wasm
/// asks, `ask` by its name about `source` (text, or postcard's bytes), as
/// a promise; rejected with why there is none.
pub fn answer_for_views(ask: &str, source: JsValue) -> Promise {
    let asked = Ask::named(ask).zip(Payload::from_js(source));
    future_to_promise(async move {
        let (ask, source) =
            asked.ok_or("the on-demand views asked what the worker does not answer")?;
        answer(ask, source).await.map_err(JsValue::from)
    })
}

/// Asks the page's worker, from the on-demand wasm.
async fn answer_of_page(ask_page: Function, ask: Ask, source: Payload) -> Answer {
    let asked = ask_page
        .call2(&JsValue::NULL, &ask.name().into(), &source.to_js())
        .ok()
        .and_then(|promise| promise.dyn_into::<Promise>().ok())
        .ok_or("the page did not take the question")?;
    JsFuture::from(asked).await.map_err(|why| {
        why.as_string()
            .unwrap_or_else(|| "the page's worker failed".into())
    })
}

impl WorkerClient {
    /// The page's worker client, started on first use and kept.
    fn shared() -> Result<Rc<WorkerClient>, String> {
        if let Some(client) = CLIENT.with(|c| c.borrow().clone()) {
            return Ok(client);
        }
        let client = Rc::new(WorkerClient {
            worker: RefCell::new(None),
            ready: Cell::new(false),
            next_id: Cell::new(0),
            waiting: RefCell::default(),
        });
        let (replies, failures): (Weak<WorkerClient>, Weak<WorkerClient>) =
            (Rc::downgrade(&client), Rc::downgrade(&client));
        let worker = WorkerHandle::start(
            ANALYSIS_SCRIPT,
            move |reply| {
                if let Some(client) = replies.upgrade() {
                    client.on_reply(reply);
                }
            },
            move |message| {
                if let Some(client) = failures.upgrade() {
                    client.fail(&message);
                }
            },
        )?;
        *client.worker.borrow_mut() = Some(worker);
        CLIENT.with(|c| *c.borrow_mut() = Some(client.clone()));
        Ok(client)
    }

    fn send(&self, waiting: &Waiting) {
        let taken = self
            .worker
            .borrow()
            .as_ref()
            .is_some_and(|worker| worker.post(&waiting.request()));
        if !taken {
            waiting
                .done
                .set(Err("the worker did not take the request".into()));
        }
    }

    fn on_reply(&self, reply: Reply) {
        match reply {
            Reply::Ready => {
                self.ready.set(true);
                for waiting in self.waiting.borrow().iter() {
                    self.send(waiting);
                }
            }
            Reply::Answer { id, answer } => {
                let answered = {
                    let mut waiting = self.waiting.borrow_mut();
                    let index = waiting.iter().position(|w| w.id == id);
                    index.map(|index| waiting.remove(index))
                };
                if let Some(waiting) = answered {
                    waiting.done.set(answer);
                }
            }
            Reply::JobDone { .. } => {}
        }
    }

    /// Fails every request, and lets the next one start a fresh worker.
    fn fail(&self, message: &str) {
        for waiting in self.waiting.take() {
            waiting.done.set(Err(message.to_string()));
        }
        CLIENT.with(|c| c.borrow_mut().take());
    }

    fn forget(&self, id: u32) {
        self.waiting.borrow_mut().retain(|w| w.id != id);
    }
}

/// Forgets the request when its future is dropped unanswered.
struct Pending {
    client: Weak<WorkerClient>,
    id: u32,
}

impl Drop for Pending {
    fn drop(&mut self) {
        if let Some(client) = self.client.upgrade() {
            client.forget(self.id);
        }
    }
}

/// Asks the worker `ask` about `source`.
async fn answer(ask: Ask, source: Payload) -> Answer {
    if let Some(ask_page) = ASK_PAGE.with(|page| page.borrow().clone()) {
        return answer_of_page(ask_page, ask, source).await;
    }
    let client = WorkerClient::shared()?;
    let id = client.next_id.get() + 1;
    client.next_id.set(id);
    let done = Completion::new();
    let waiting = Waiting {
        id,
        ask,
        source,
        done: done.clone(),
    };
    if client.ready.get() {
        client.send(&waiting);
    }
    client.waiting.borrow_mut().push(waiting);
    let _pending = Pending {
        client: Rc::downgrade(&client),
        id,
    };
    drop(client);
    done.wait().await
}

/// The worker's answer to `ask` about `request` when it is text: the
/// Python export, the Chrome trace, or the HTML of the Orders report, the
/// notes, the Python tab, the lints or the quiz (each [`Ask`] says what its
/// request is).
pub async fn text_answer(ask: Ask, request: String) -> Result<String, String> {
    answer(ask, Payload::Text(request))
        .await?
        .as_string()
        .ok_or_else(|| "the worker sent no text".to_string())
}

/// The program the Python code `source` stands for, or where it cannot be
/// read; the outer error is the worker's own failure.
pub async fn import_python(source: String) -> Result<Result<ImportedText, ParseError>, String> {
    let reply = answer(Ask::Import, Payload::Text(source)).await?;
    imported_from_js(&reply).ok_or_else(|| "the worker sent no program".to_string())
}

/// The simulator's prediction of the program `source`: its events.
pub async fn predicted(source: String) -> Result<Vec<Event>, String> {
    let reply = answer(Ask::Prediction, Payload::Text(source)).await?;
    events_posted(&reply).ok_or_else(|| "the worker sent no prediction".to_string())
}

/// The worker's answer to `ask` about `question`, both typed (each [`Ask`]
/// says which types it takes and gives).
pub fn typed_answer<A: DeserializeOwned>(
    ask: Ask,
    question: &impl Serialize,
) -> impl Future<Output = Result<A, String>> {
    let asked = postcard::to_allocvec(question).map_err(|error| error.to_string());
    async move {
        let reply = answer(ask, Payload::Typed(asked?)).await?;
        let bytes = reply
            .dyn_into::<Uint8Array>()
            .map_err(|_| "the worker sent no typed answer".to_string())?
            .to_vec();
        postcard::from_bytes(&bytes)
            .map_err(|error| format!("the worker's answer is damaged: {error}"))
    }
}
