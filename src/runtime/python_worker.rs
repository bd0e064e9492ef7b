//! The Python worker (static/python-worker.js): CPython loaded the first time
//! the page runs Python, one program per worker, a spare started ahead while
//! the page is idle; dropping a run ends its worker at once.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use js_sys::{Array, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{ErrorEvent, Event as DomEvent, MessageEvent, Worker, WorkerOptions, WorkerType};

use gloo_timers::callback::Timeout;

use super::js_values::events_posted;
use super::sync::Completion;
use crate::model::python_run::{Output, PythonEnd, PythonNote, Stream, MAX_PYTHON_PREDICTION_MS};
use crate::model::trace::Event;

/// The worker's script, beside the page.
const SCRIPT: &str = "./python-worker.js";

/// What the Python worker tells about a run.
#[derive(Debug, Clone, PartialEq)]
pub enum PythonNews {
    /// Bytes of the Python runtime loaded, of all it needs.
    Progress { loaded: f64, total: f64 },
    /// Python is loaded: the program starts.
    Ready,
    /// What the program did and wrote since the last batch.
    Batch {
        events: Vec<Event>,
        output: Vec<Output>,
        notes: Vec<PythonNote>,
    },
    /// The program ended.
    Ended(PythonEnd),
    /// The worker could not load or run Python.
    Failed(String),
}

fn field(value: &JsValue, name: &str) -> JsValue {
    Reflect::get(value, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
}

fn list(value: &JsValue) -> Vec<JsValue> {
    value
        .dyn_ref::<Array>()
        .map(|array| array.iter().collect())
        .unwrap_or_default()
}

impl PythonNews {
    /// The news a message of the worker carries; `None` for anything else.
    fn from_js(value: &JsValue) -> Option<PythonNews> {
        Some(match field(value, "kind").as_string()?.as_str() {
            "progress" => PythonNews::Progress {
                loaded: field(value, "loaded").as_f64()?,
                total: field(value, "total").as_f64()?,
            },
            "ready" => PythonNews::Ready,
            "batch" => {
                let events = events_posted(&field(value, "events"))?;
                let (mut output, mut notes) = (Vec::new(), Vec::new());
                for piece in list(&field(value, "output")) {
                    let text = |at| {
                        Reflect::get_u32(&piece, at)
                            .ok()
                            .and_then(|s| s.as_string())
                    };
                    let stream = match text(0).as_deref() {
                        Some("stdout") => Stream::Stdout,
                        Some("stderr") => Stream::Stderr,
                        Some("note") => {
                            if let (Some(en), Some(zh)) = (text(1), text(2)) {
                                notes.push(PythonNote { en, zh });
                            }
                            continue;
                        }
                        _ => continue,
                    };
                    if let Some(text) = text(1) {
                        output.push(Output { stream, text });
                    }
                }
                PythonNews::Batch {
                    events,
                    output,
                    notes,
                }
            }
            "ended" => PythonNews::Ended(PythonEnd {
                total_ms: field(value, "total_ms").as_f64()?,
            }),
            "failed" => PythonNews::Failed(field(value, "message").as_string()?),
            _ => return None,
        })
    }
}

/// Who hears a worker's news; a run takes over a spare by replacing it.
type Listener = Rc<RefCell<Box<dyn Fn(PythonNews)>>>;

/// A worker, its handlers, and who they tell. Dropping it ends the worker.
struct Started {
    worker: Worker,
    listener: Listener,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(DomEvent)>,
}

impl Started {
    fn new(listener: Listener) -> Result<Started, String> {
        let options = WorkerOptions::new();
        options.set_type(WorkerType::Module);
        let worker = Worker::new_with_options(SCRIPT, &options)
            .map_err(|_| format!("the Python worker {SCRIPT} could not start"))?;
        let on_message = {
            let listener = listener.clone();
            Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
                if let Some(news) = PythonNews::from_js(&event.data()) {
                    (listener.borrow())(news);
                }
            })
        };
        let on_error = {
            let listener = listener.clone();
            Closure::<dyn FnMut(DomEvent)>::new(move |event: DomEvent| {
                let message = event.dyn_ref::<ErrorEvent>().map_or_else(
                    || format!("the Python worker {SCRIPT} did not load"),
                    |e| e.message(),
                );
                (listener.borrow())(PythonNews::Failed(message));
            })
        };
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Ok(Started {
            worker,
            listener,
            _on_message: on_message,
            _on_error: on_error,
        })
    }
}

impl Drop for Started {
    fn drop(&mut self) {
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        self.worker.terminate();
    }
}

/// A worker started ahead, and what it said while nobody ran on it.
struct Spare {
    started: Started,
    progress: Rc<Cell<Option<(f64, f64)>>>,
    ready: Rc<Cell<bool>>,
    failed: Rc<RefCell<Option<String>>>,
}

thread_local! {
    static SPARE: RefCell<Option<Spare>> = const { RefCell::new(None) };
}

/// Starts a worker ahead, so that the next Python run finds Python loaded
/// (from the browser's cache once it has been fetched).
pub fn start_spare_python() {
    if SPARE.with(|spare| spare.borrow().is_some()) {
        return;
    }
    let progress = Rc::new(Cell::new(None));
    let ready = Rc::new(Cell::new(false));
    let failed = Rc::new(RefCell::new(None));
    let heard: Box<dyn Fn(PythonNews)> = {
        let (progress, ready, failed) = (progress.clone(), ready.clone(), failed.clone());
        Box::new(move |news| match news {
            PythonNews::Progress { loaded, total } => progress.set(Some((loaded, total))),
            PythonNews::Ready => ready.set(true),
            PythonNews::Failed(why) => *failed.borrow_mut() = Some(why),
            PythonNews::Batch { .. } | PythonNews::Ended(_) => {}
        })
    };
    if let Ok(started) = Started::new(Rc::new(RefCell::new(heard))) {
        SPARE.with(|spare| {
            *spare.borrow_mut() = Some(Spare {
                started,
                progress,
                ready,
                failed,
            })
        });
    }
}

/// A Python run: its worker ends when it is dropped.
pub struct PythonRun {
    _started: Started,
}

impl PythonRun {
    /// Runs `source` in a worker of its own (the spare, if one is started):
    /// on the wall clock, or on the virtual clock that predicts it.
    /// `on_news` hears everything the worker says from now on, and first
    /// where loading stands.
    pub fn start(
        source: &str,
        virtual_clock: bool,
        on_news: impl Fn(PythonNews) + 'static,
    ) -> Result<PythonRun, String> {
        let on_news: Box<dyn Fn(PythonNews)> = Box::new(on_news);
        let started = match SPARE.with(|spare| spare.borrow_mut().take()) {
            Some(spare) => {
                if spare.failed.take().is_some() {
                    // A spare that could not load Python is no use: start afresh.
                    drop(spare);
                    let started = Started::new(Rc::new(RefCell::new(on_news)))?;
                    return PythonRun::posted(started, source, virtual_clock);
                }
                if let Some((loaded, total)) = spare.progress.get() {
                    on_news(PythonNews::Progress { loaded, total });
                }
                if spare.ready.get() {
                    on_news(PythonNews::Ready);
                }
                *spare.started.listener.borrow_mut() = on_news;
                spare.started
            }
            None => Started::new(Rc::new(RefCell::new(on_news)))?,
        };
        PythonRun::posted(started, source, virtual_clock)
    }

    /// The run of `source` on `started`, once the worker has it.
    fn posted(started: Started, source: &str, virtual_clock: bool) -> Result<PythonRun, String> {
        let request = js_sys::Object::new();
        let set = |name: &str, value: JsValue| {
            let _ = Reflect::set(&request, &JsValue::from_str(name), &value);
        };
        set("kind", "run".into());
        set("source", source.into());
        set("virtual", virtual_clock.into());
        started
            .worker
            .post_message(&request)
            .map_err(|_| "the Python worker did not take the program".to_string())?;
        Ok(PythonRun { _started: started })
    }
}

/// What a Python program does on the virtual clock (time jumps to the next
/// timer): its prediction, in the same CPython; an error when Python does
/// not load or the program takes longer than [`MAX_PYTHON_PREDICTION_MS`]
/// of the wall clock.
pub async fn python_prediction(source: String) -> Result<Vec<Event>, String> {
    // The worker client's kind of completion, so that the page carries one copy of its code.
    let done: Rc<Completion<Result<JsValue, String>>> = Completion::new();
    let events = Rc::new(RefCell::new(Vec::new()));
    // The limit counts from the program's start, not while Python loads.
    let limit = Rc::new(RefCell::new(None));
    let run = {
        let (done, events, limit) = (done.clone(), events.clone(), limit.clone());
        PythonRun::start(&source, true, move |news| match news {
            PythonNews::Batch { events: batch, .. } => events.borrow_mut().extend(batch),
            PythonNews::Ended(_) => done.set(Ok(JsValue::UNDEFINED)),
            PythonNews::Failed(why) => done.set(Err(why)),
            PythonNews::Ready => {
                let done = done.clone();
                *limit.borrow_mut() = Some(Timeout::new(MAX_PYTHON_PREDICTION_MS, move || {
                    done.set(Err(format!(
                        "the prediction took more than {} s",
                        MAX_PYTHON_PREDICTION_MS / 1000
                    )))
                }));
            }
            PythonNews::Progress { .. } => {}
        })?
    };
    let outcome = done.wait().await;
    drop((run, limit));
    start_spare_python();
    outcome.map(|_| events.take())
}
