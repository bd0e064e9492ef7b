//! What the worker answers on demand: the Python export and the simulator's
//! prediction, made in a Web Worker (the offload pool's script) so that the
//! page's first load carries neither the Python generator nor the simulator.

use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

use js_sys::{Array, Float64Array};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Event, MessageEvent, Worker};

use super::sync::Completion;
use super::workers::WORKER_SCRIPT;
use crate::model::compare::{Expected, Prediction};

/// The Python text, or why there is none.
pub type Exported = Result<String, String>;

/// What the worker is asked for.
#[derive(Clone, Copy)]
pub enum Ask {
    Python,
    Prediction,
}

impl Ask {
    /// The request's name in the message to the worker.
    pub fn name(self) -> &'static str {
        match self {
            Ask::Python => "python",
            Ask::Prediction => "predict",
        }
    }

    /// What the message `name` asks for.
    pub fn named(name: &str) -> Option<Ask> {
        [Ask::Python, Ask::Prediction]
            .into_iter()
            .find(|ask| ask.name() == name)
    }
}

/// The worker's answer, or why there is none.
type Answer = Result<JsValue, String>;

struct Request {
    id: u32,
    ask: Ask,
    source: String,
    done: Rc<Completion<Answer>>,
}

/// The worker that answers, and the requests it has not answered.
struct WorkerClient {
    worker: Worker,
    ready: Cell<bool>,
    next_id: Cell<u32>,
    waiting: RefCell<Vec<Request>>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(Event)>,
}

thread_local! {
    static CLIENT: RefCell<Option<Rc<WorkerClient>>> = const { RefCell::new(None) };
}

impl WorkerClient {
    /// The page's worker client, started on first use and kept.
    fn shared() -> Result<Rc<WorkerClient>, String> {
        if let Some(client) = CLIENT.with(|e| e.borrow().clone()) {
            return Ok(client);
        }
        let worker = Worker::new(WORKER_SCRIPT)
            .map_err(|_| format!("the worker script {WORKER_SCRIPT} could not start"))?;
        let client = Rc::new_cyclic(|me: &Weak<WorkerClient>| {
            let on_message = {
                let me = me.clone();
                Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
                    if let Some(client) = me.upgrade() {
                        client.on_message(&event.data());
                    }
                })
            };
            let on_error = {
                let me = me.clone();
                Closure::<dyn FnMut(Event)>::new(move |_: Event| {
                    if let Some(client) = me.upgrade() {
                        client.fail(&format!("the worker script {WORKER_SCRIPT} did not load"));
                    }
                })
            };
            worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
            worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
            WorkerClient {
                worker,
                ready: Cell::new(false),
                next_id: Cell::new(0),
                waiting: RefCell::default(),
                _on_message: on_message,
                _on_error: on_error,
            }
        });
        CLIENT.with(|e| *e.borrow_mut() = Some(client.clone()));
        Ok(client)
    }

    fn send(&self, request: &Request) {
        let message = Array::of3(
            &request.id.into(),
            &request.ask.name().into(),
            &request.source.as_str().into(),
        );
        if self.worker.post_message(&message).is_err() {
            request
                .done
                .set(Err("the worker did not take the request".into()));
        }
    }

    fn on_message(&self, data: &JsValue) {
        if data.as_string().as_deref() == Some("ready") {
            self.ready.set(true);
            for request in self.waiting.borrow().iter() {
                self.send(request);
            }
            return;
        }
        let reply = Array::from(data);
        let id = reply.get(0).as_f64().unwrap_or(-1.0);
        let answered = {
            let mut waiting = self.waiting.borrow_mut();
            let index = waiting.iter().position(|r| f64::from(r.id) == id);
            index.map(|index| waiting.remove(index))
        };
        if let Some(request) = answered {
            request.done.set(if reply.get(1).is_truthy() {
                Err(reply.get(2).as_string().unwrap_or_default())
            } else {
                Ok(reply.get(2))
            });
        }
    }

    /// Fails every request, and lets the next one start a fresh worker.
    fn fail(&self, message: &str) {
        for request in self.waiting.take() {
            request.done.set(Err(message.to_string()));
        }
        CLIENT.with(|e| e.borrow_mut().take());
    }

    fn forget(&self, id: u32) {
        self.waiting.borrow_mut().retain(|r| r.id != id);
    }
}

impl Drop for WorkerClient {
    fn drop(&mut self) {
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        self.worker.terminate();
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

/// Asks the worker `ask` about the program written as `source`.
async fn answer(ask: Ask, source: String) -> Answer {
    let client = WorkerClient::shared()?;
    let id = client.next_id.get() + 1;
    client.next_id.set(id);
    let done = Completion::new();
    let request = Request {
        id,
        ask,
        source,
        done: done.clone(),
    };
    if client.ready.get() {
        client.send(&request);
    }
    client.waiting.borrow_mut().push(request);
    let _pending = Pending {
        client: Rc::downgrade(&client),
        id,
    };
    drop(client);
    done.wait().await
}

/// The Python export of the program written as `source` (canonical text).
pub async fn python_export(source: String) -> Exported {
    let text = answer(Ask::Python, source).await?;
    text.as_string()
        .ok_or_else(|| "the worker sent no text".to_string())
}

/// The simulator's prediction for the program written as `source`.
pub async fn prediction(source: String) -> Result<Prediction, String> {
    let reply = answer(Ask::Prediction, source).await?;
    prediction_from_js(&reply).ok_or_else(|| "the worker sent no prediction".to_string())
}

/// `prediction` as the worker posts it.
pub fn prediction_to_js(prediction: &Prediction) -> JsValue {
    let texts =
        |texts: &[String]| -> Array { texts.iter().map(|t| JsValue::from_str(t)).collect() };
    let expected = &prediction.expected;
    let parts = [
        texts(&prediction.start).into(),
        texts(&prediction.completion).into(),
        texts(&prediction.result).into(),
        texts(&expected.keys).into(),
        Float64Array::from(&expected.times_ms[..]).into(),
        JsValue::from_bool(expected.timing_dependent),
    ];
    parts.iter().collect::<Array>().into()
}

/// The prediction in what the worker posted, if it is one.
fn prediction_from_js(value: &JsValue) -> Option<Prediction> {
    let parts = value.dyn_ref::<Array>()?;
    let texts = |index: u32| -> Option<Vec<String>> {
        let list = parts.get(index).dyn_into::<Array>().ok()?;
        list.iter().map(|t| t.as_string()).collect()
    };
    let times = parts.get(4).dyn_into::<Float64Array>().ok()?.to_vec();
    let keys = texts(3)?;
    (keys.len() == times.len()).then_some(())?;
    Some(Prediction {
        start: texts(0)?,
        completion: texts(1)?,
        result: texts(2)?,
        expected: Expected {
            keys,
            times_ms: times,
            timing_dependent: parts.get(5).as_bool()?,
        },
    })
}
