//! The Python export, made on demand in a Web Worker (the offload pool's
//! script), so the page's first load does not carry the Python generator.

use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Event, MessageEvent, Worker};

use super::sync::Completion;
use super::workers::WORKER_SCRIPT;

/// The Python text, or why there is none.
pub type Exported = Result<String, String>;

struct Request {
    id: u32,
    source: String,
    done: Rc<Completion<Exported>>,
}

/// The worker that writes Python, and the requests it has not answered.
struct Exporter {
    worker: Worker,
    ready: Cell<bool>,
    next_id: Cell<u32>,
    waiting: RefCell<Vec<Request>>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(Event)>,
}

thread_local! {
    static EXPORTER: RefCell<Option<Rc<Exporter>>> = const { RefCell::new(None) };
}

impl Exporter {
    /// The page's exporter, started on first use and kept.
    fn shared() -> Result<Rc<Exporter>, String> {
        if let Some(exporter) = EXPORTER.with(|e| e.borrow().clone()) {
            return Ok(exporter);
        }
        let worker = Worker::new(WORKER_SCRIPT)
            .map_err(|_| format!("the worker script {WORKER_SCRIPT} could not start"))?;
        let exporter = Rc::new_cyclic(|me: &Weak<Exporter>| {
            let on_message = {
                let me = me.clone();
                Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
                    if let Some(exporter) = me.upgrade() {
                        exporter.on_message(&event.data());
                    }
                })
            };
            let on_error = {
                let me = me.clone();
                Closure::<dyn FnMut(Event)>::new(move |_: Event| {
                    if let Some(exporter) = me.upgrade() {
                        exporter.fail(&format!("the worker script {WORKER_SCRIPT} did not load"));
                    }
                })
            };
            worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
            worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
            Exporter {
                worker,
                ready: Cell::new(false),
                next_id: Cell::new(0),
                waiting: RefCell::default(),
                _on_message: on_message,
                _on_error: on_error,
            }
        });
        EXPORTER.with(|e| *e.borrow_mut() = Some(exporter.clone()));
        Ok(exporter)
    }

    fn send(&self, request: &Request) {
        let message = js_sys::Array::of2(&request.id.into(), &request.source.as_str().into());
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
        let reply = js_sys::Array::from(data);
        let id = reply.get(0).as_f64().unwrap_or(-1.0);
        let text = reply.get(1).as_string().unwrap_or_default();
        let answered = {
            let mut waiting = self.waiting.borrow_mut();
            let index = waiting.iter().position(|r| f64::from(r.id) == id);
            index.map(|index| waiting.remove(index))
        };
        if let Some(request) = answered {
            request.done.set(if reply.get(2).is_truthy() {
                Err(text)
            } else {
                Ok(text)
            });
        }
    }

    /// Fails every request, and lets the next one start a fresh worker.
    fn fail(&self, message: &str) {
        for request in self.waiting.take() {
            request.done.set(Err(message.to_string()));
        }
        EXPORTER.with(|e| e.borrow_mut().take());
    }

    fn forget(&self, id: u32) {
        self.waiting.borrow_mut().retain(|r| r.id != id);
    }
}

impl Drop for Exporter {
    fn drop(&mut self) {
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        self.worker.terminate();
    }
}

/// Forgets the request when its future is dropped unanswered.
struct Pending {
    exporter: Weak<Exporter>,
    id: u32,
}

impl Drop for Pending {
    fn drop(&mut self) {
        if let Some(exporter) = self.exporter.upgrade() {
            exporter.forget(self.id);
        }
    }
}

/// The Python export of the program written as `source` (canonical text).
pub async fn python_export(source: String) -> Exported {
    let exporter = Exporter::shared()?;
    let id = exporter.next_id.get() + 1;
    exporter.next_id.set(id);
    let done = Completion::new();
    let request = Request {
        id,
        source,
        done: done.clone(),
    };
    if exporter.ready.get() {
        exporter.send(&request);
    }
    exporter.waiting.borrow_mut().push(request);
    let _pending = Pending {
        exporter: Rc::downgrade(&exporter),
        id,
    };
    drop(exporter);
    done.wait().await
}
