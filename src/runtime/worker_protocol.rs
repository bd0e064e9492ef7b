//! The messages between the page and its workers, typed: what the page asks
//! (an offload job; of the analysis worker, each [`Ask`]: the Python export
//! and import, a Chrome trace, a prediction, and typed with postcard the
//! timeline, the Compare tab, the Orders report, predict mode's questions
//! and grades, the replay's line and a preset's explanation), what a worker
//! answers, and how each travels as a plain object with named fields; plus
//! the one handle that starts a worker and hears its replies and its
//! failure.

use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{ErrorEvent, Event, MessageEvent, Worker};

use crate::model::parse_error::ParseError;
use crate::model::program::Work;

/// The script that boots the analysis worker (served from `dist/`): what
/// the page asks (`Request::Ask`).
pub const ANALYSIS_SCRIPT: &str = "./analysis-boot.js";

/// The script that boots a worker of the offload pool: its jobs
/// (`Request::Job`), in a wasm of their own.
pub const OFFLOAD_SCRIPT: &str = "./offload-boot.js";

/// What the page asks a worker about a source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ask {
    /// The program's Python export.
    Python,
    /// The program that Python code (the source) stands for.
    Import,
    /// What a preset explains, for the Notes tab (typed:
    /// `model::presets::NotesAsk`, answered with the text).
    Explanation,
    /// The Chrome trace of the run whose trace (JSON text) is the source.
    ChromeTrace,
    /// The Orders tab's report (typed: `views::orders_report::OrdersAsk`,
    /// answered with `views::orders_report::OrdersReport`).
    Orders,
    /// Predict mode's questions about a program (typed:
    /// `views::quiz::QuizAsk`, answered with `views::quiz::Question`s).
    Questions,
    /// The grade of an answer to one of them (typed: `views::quiz::GradeAsk`,
    /// answered with `views::quiz::Graded`).
    Grade,
    /// The simulator's prediction of the program that is the source, as
    /// `runtime::posted_events` posts it.
    Prediction,
    /// The Compare tab (typed: `views::comparison::ComparisonAsk`,
    /// answered with `views::comparison::Comparison`).
    Comparison,
    /// The replay's line about what the loop is doing at a step (typed:
    /// `views::replay::LineAsk`, answered with `views::replay::ReplayLine`).
    ReplayLine,
    /// The timeline of a run sent in batches (typed:
    /// `views::timeline::TimelineAsk`, answered with
    /// `views::timeline::TimelineDrawn`).
    Timeline,
}

impl Ask {
    pub(super) fn name(self) -> &'static str {
        match self {
            Ask::Python => "python",
            Ask::Import => "import",
            Ask::Explanation => "explain",
            Ask::ChromeTrace => "chrome-trace",
            Ask::Orders => "orders",
            Ask::Questions => "questions",
            Ask::Grade => "grade",
            Ask::Prediction => "prediction",
            Ask::Comparison => "comparison",
            Ask::ReplayLine => "replay-line",
            Ask::Timeline => "timeline",
        }
    }

    pub(super) fn named(name: &str) -> Option<Ask> {
        [
            Ask::Python,
            Ask::Import,
            Ask::Explanation,
            Ask::ChromeTrace,
            Ask::Orders,
            Ask::Questions,
            Ask::Grade,
            Ask::Prediction,
            Ask::Comparison,
            Ask::ReplayLine,
            Ask::Timeline,
        ]
        .into_iter()
        .find(|ask| ask.name() == name)
    }
}

/// A program read from Python, as the page gets it: its text, and each note
/// on how it was read in English and in Chinese.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedText {
    pub text: String,
    pub notes: Vec<(String, String)>,
}

/// An import's outcome as a worker sends it: the program and its notes, or
/// where the Python could not be read.
pub fn imported_to_js(imported: &Result<ImportedText, ParseError>) -> JsValue {
    match imported {
        Ok(imported) => {
            let notes: Array = imported
                .notes
                .iter()
                .map(|(en, zh)| JsValue::from(Array::of2(&en.into(), &zh.into())))
                .collect();
            object(&[
                ("program", imported.text.as_str().into()),
                ("notes", notes.into()),
            ])
        }
        Err(error) => object(&[
            ("line", (error.line as f64).into()),
            ("col", (error.col as f64).into()),
            ("message", error.message.as_str().into()),
        ]),
    }
}

/// The import's outcome in what a worker sent, if it is one.
pub fn imported_from_js(value: &JsValue) -> Option<Result<ImportedText, ParseError>> {
    if let Some(text) = field(value, "program").as_string() {
        let notes = field(value, "notes").dyn_into::<Array>().ok()?;
        let notes = notes
            .iter()
            .map(|pair| {
                Some((
                    Reflect::get_u32(&pair, 0).ok()?.as_string()?,
                    Reflect::get_u32(&pair, 1).ok()?.as_string()?,
                ))
            })
            .collect::<Option<Vec<_>>>()?;
        return Some(Ok(ImportedText { text, notes }));
    }
    Some(Err(ParseError {
        line: field(value, "line").as_f64()? as usize,
        col: field(value, "col").as_f64()? as usize,
        message: field(value, "message").as_string()?,
    }))
}

/// What a request is about: text, or a typed value as postcard's bytes.
#[derive(Debug, Clone, PartialEq)]
pub enum Payload {
    Text(String),
    Typed(Vec<u8>),
}

impl Payload {
    pub(super) fn to_js(&self) -> JsValue {
        match self {
            Payload::Text(text) => text.as_str().into(),
            Payload::Typed(bytes) => Uint8Array::from(bytes.as_slice()).into(),
        }
    }

    pub(super) fn from_js(value: JsValue) -> Option<Payload> {
        match value.as_string() {
            Some(text) => Some(Payload::Text(text)),
            None => Some(Payload::Typed(
                value.dyn_into::<Uint8Array>().ok()?.to_vec(),
            )),
        }
    }
}

/// A message from the page to a worker.
#[derive(Debug, Clone, PartialEq)]
pub enum Request {
    /// Run `amount` of `work` (an `offload` step).
    Job { id: u32, work: Work, amount: u64 },
    /// Answer `ask` about `source`.
    Ask { id: u32, ask: Ask, source: Payload },
}

/// A message from a worker to the page.
#[derive(Debug, Clone)]
pub enum Reply {
    /// The worker listens: messages posted before this one would be lost.
    Ready,
    /// Job `id` took `elapsed_ms` in the worker.
    JobDone { id: u32, elapsed_ms: f64 },
    /// The answer to request `id`: the Python text, the report or the like, or why
    /// there is none.
    Answer {
        id: u32,
        answer: Result<JsValue, String>,
    },
}

fn object(fields: &[(&str, JsValue)]) -> JsValue {
    let object = Object::new();
    for (name, value) in fields {
        let _ = Reflect::set(&object, &JsValue::from_str(name), value);
    }
    object.into()
}

fn field(value: &JsValue, name: &str) -> JsValue {
    Reflect::get(value, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
}

fn id_of(value: &JsValue) -> Option<u32> {
    field(value, "id").as_f64().map(|id| id as u32)
}

impl Request {
    /// The request as the worker receives it.
    pub fn to_js(&self) -> JsValue {
        match self {
            Request::Job { id, work, amount } => object(&[
                ("kind", "job".into()),
                ("id", (*id).into()),
                ("work", work.name().into()),
                ("amount", (*amount as f64).into()),
            ]),
            Request::Ask { id, ask, source } => object(&[
                ("kind", "ask".into()),
                ("id", (*id).into()),
                ("ask", ask.name().into()),
                ("source", source.to_js()),
            ]),
        }
    }

    /// The request a worker received, if it is one.
    pub fn from_js(value: &JsValue) -> Option<Request> {
        let id = id_of(value)?;
        match field(value, "kind").as_string()?.as_str() {
            "job" => Some(Request::Job {
                id,
                work: Work::named(&field(value, "work").as_string()?)?,
                amount: field(value, "amount").as_f64()? as u64,
            }),
            "ask" => Some(Request::Ask {
                id,
                ask: Ask::named(&field(value, "ask").as_string()?)?,
                source: Payload::from_js(field(value, "source"))?,
            }),
            _ => None,
        }
    }
}

impl Reply {
    /// The reply as the page receives it.
    pub fn to_js(&self) -> JsValue {
        match self {
            Reply::Ready => object(&[("kind", "ready".into())]),
            Reply::JobDone { id, elapsed_ms } => object(&[
                ("kind", "job-done".into()),
                ("id", (*id).into()),
                ("elapsedMs", (*elapsed_ms).into()),
            ]),
            Reply::Answer { id, answer } => object(&[
                ("kind", "answer".into()),
                ("id", (*id).into()),
                ("ok", answer.is_ok().into()),
                (
                    "value",
                    match answer {
                        Ok(value) => value.clone(),
                        Err(message) => message.as_str().into(),
                    },
                ),
            ]),
        }
    }

    /// The reply the page received, if it is one.
    pub fn from_js(value: &JsValue) -> Option<Reply> {
        match field(value, "kind").as_string()?.as_str() {
            "ready" => Some(Reply::Ready),
            "job-done" => Some(Reply::JobDone {
                id: id_of(value)?,
                elapsed_ms: field(value, "elapsedMs").as_f64()?,
            }),
            "answer" => {
                let answer = field(value, "value");
                Some(Reply::Answer {
                    id: id_of(value)?,
                    answer: if field(value, "ok").as_bool()? {
                        Ok(answer)
                    } else {
                        Err(answer.as_string()?)
                    },
                })
            }
            _ => None,
        }
    }
}

/// A running worker and the handlers that hear it; dropping it clears the
/// handlers and terminates the worker.
pub struct WorkerHandle {
    worker: Worker,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(Event)>,
}

impl WorkerHandle {
    /// Starts a worker of `script`: `on_reply` hears each reply,
    /// `on_failure` why the worker stopped (a script that does not load
    /// fires a plain `Event`, an error inside it an `ErrorEvent`).
    pub fn start(
        script: &'static str,
        on_reply: impl Fn(Reply) + 'static,
        on_failure: impl Fn(String) + 'static,
    ) -> Result<WorkerHandle, String> {
        let worker = Worker::new(script)
            .map_err(|_| format!("the worker script {script} could not start"))?;
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            if let Some(reply) = Reply::from_js(&event.data()) {
                on_reply(reply);
            }
        });
        let on_error = Closure::<dyn FnMut(Event)>::new(move |event: Event| {
            on_failure(event.dyn_ref::<ErrorEvent>().map_or_else(
                || format!("the worker script {script} did not load"),
                |e| format!("the worker {script} failed: {}", e.message()),
            ));
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Ok(WorkerHandle {
            worker,
            _on_message: on_message,
            _on_error: on_error,
        })
    }

    /// Posts `request`; false when the worker does not take it.
    pub fn post(&self, request: &Request) -> bool {
        self.worker.post_message(&request.to_js()).is_ok()
    }
}

impl Drop for WorkerHandle {
    fn drop(&mut self) {
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        self.worker.terminate();
    }
}
