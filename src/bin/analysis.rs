//! The analysis worker: answers what the page asks (`Ask`), off the page's
//! thread and outside its first load. Asked with text: the Python export,
//! the Python import, the Chrome trace and the simulator's prediction
//! (posted events). Typed (postcard), data the page's components render:
//! the timeline of a run sent in batches with what a screen reader hears,
//! the Compare tab, the Orders report, predict mode's questions and
//! grades, the replay's line about the loop and the Notes tab's
//! explanation. It never writes markup.

use std::cell::RefCell;

use coroutine_playground::model::i18n::Lang;
use coroutine_playground::model::parse::parse;
use coroutine_playground::model::presets::{explanation, NotesAsk};
use coroutine_playground::model::print::print;
use coroutine_playground::model::python::to_python;
use coroutine_playground::model::python_import::import;
use coroutine_playground::model::simulate::simulate;
use coroutine_playground::model::trace_export::{
    chrome_trace, read_trace, read_trace_events, TraceRun,
};
use coroutine_playground::runtime::{
    imported_to_js, now_ms, posted_events, Ask, ImportedText, Payload, Reply, Request,
};
use coroutine_playground::views::comparison::{comparison, ComparisonAsk};
use coroutine_playground::views::orders_report::{OrdersAsk, OrdersOf};
use coroutine_playground::views::prediction::Prediction;
use coroutine_playground::views::quiz::{grade, questions, GradeAsk, QuizAsk};
use coroutine_playground::views::replay::{replay_line, LineAsk};
use coroutine_playground::views::timeline::{TimelineAsk, TimelineRun};
use js_sys::Uint8Array;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

type Handler = Closure<dyn FnMut(MessageEvent)>;

thread_local! {
    /// The message handler lives as long as the worker.
    static HANDLER: RefCell<Option<Handler>> = const { RefCell::new(None) };
    /// The trace the replay asked about last, as text and as read.
    static LAST_TRACE: RefCell<Option<(String, TraceRun)>> = const { RefCell::new(None) };
    /// The run whose timeline the page is drawing.
    static TIMELINE: RefCell<TimelineRun> = RefCell::new(TimelineRun::default());
}

/// The worker's answer to `ask` about `source`.
fn answer(ask: Ask, source: &str) -> Result<JsValue, String> {
    let program = |text: &str| parse(text).map_err(|error| error.to_string());
    Ok(match ask {
        Ask::Python => to_python(&program(source)?).into(),
        Ask::Import => imported_to_js(&import(source).map(|imported| {
            ImportedText {
                text: print(&imported.program),
                notes: imported
                    .notes
                    .iter()
                    .map(|note| (note.text(Lang::En).into(), note.text(Lang::Zh).into()))
                    .collect(),
            }
        })),
        Ask::ChromeTrace => chrome_trace(&read_trace_events(source)?).text().into(),
        Ask::Prediction => posted_events(&simulate(&program(source)?)),
        Ask::ReplayLine
        | Ask::Explanation
        | Ask::Questions
        | Ask::Grade
        | Ask::Orders
        | Ask::Comparison
        | Ask::Timeline => return Err(format!("{ask:?} is asked with a typed value")),
    })
}

/// The worker's answer to `ask` about the typed value `asked` (postcard's
/// bytes), typed too.
fn typed_answer(ask: Ask, asked: &[u8]) -> Result<Vec<u8>, String> {
    let damaged = |error: postcard::Error| format!("the request is damaged: {error}");
    match ask {
        Ask::ReplayLine => {
            let asked: LineAsk = postcard::from_bytes(asked).map_err(damaged)?;
            let line = with_trace(&asked.trace, |run| {
                replay_line(&run.events, asked.step, asked.time_scale, asked.lang)
                    .unwrap_or_default()
            })?;
            postcard::to_allocvec(&line).map_err(|error| error.to_string())
        }
        Ask::Explanation => {
            let asked: NotesAsk = postcard::from_bytes(asked).map_err(damaged)?;
            let explained = explanation(&asked.preset)
                .ok_or_else(|| format!("there is no preset called {}", asked.preset))?;
            postcard::to_allocvec(asked.lang.pick(explained.en, explained.zh))
                .map_err(|error| error.to_string())
        }
        Ask::Questions => {
            let asked: QuizAsk = postcard::from_bytes(asked).map_err(damaged)?;
            let predicted = quiz_prediction(&asked)?;
            let quiz = questions(&predicted, asked.preset.as_deref(), asked.lang);
            postcard::to_allocvec(&quiz).map_err(|error| error.to_string())
        }
        Ask::Grade => {
            let asked: GradeAsk = postcard::from_bytes(asked).map_err(damaged)?;
            let quiz = &asked.quiz;
            let predicted = quiz_prediction(quiz)?;
            let preset = quiz.preset.as_deref();
            let graded = grade(&predicted, preset, asked.question, &asked.answer, quiz.lang)
                .ok_or("there is no such question")?;
            postcard::to_allocvec(&graded).map_err(|error| error.to_string())
        }
        Ask::Orders => {
            let asked: OrdersAsk = postcard::from_bytes(asked).map_err(damaged)?;
            let run = read_trace(&asked.trace)?;
            let prediction = match &asked.predicted {
                Some(trace) => Some(Prediction::of(&read_trace(trace)?.events)),
                None => parse(&run.program)
                    .ok()
                    .map(|program| Prediction::of(&simulate(&program))),
            };
            let report = OrdersOf {
                events: &run.events,
                prediction: prediction.as_ref(),
                reveal: asked.reveal,
                time_scale: run.time_scale,
                lang: asked.lang,
            }
            .report();
            postcard::to_allocvec(&report).map_err(|error| error.to_string())
        }
        Ask::Comparison => {
            let asked: ComparisonAsk = postcard::from_bytes(asked).map_err(damaged)?;
            let runs = asked
                .traces
                .iter()
                .map(|trace| read_trace(trace))
                .collect::<Result<Vec<_>, _>>()?;
            let shown = comparison(&runs, asked.pinned, asked.lang);
            postcard::to_allocvec(&shown).map_err(|error| error.to_string())
        }
        Ask::Timeline => {
            let asked: TimelineAsk = postcard::from_bytes(asked).map_err(damaged)?;
            let sent = read_trace_events(&asked.events)?;
            let drawn = TIMELINE.with_borrow_mut(|run| run.draw(&asked, sent, now_ms()))?;
            postcard::to_allocvec(&drawn).map_err(|error| error.to_string())
        }
        _ => Err(format!("{ask:?} is not asked with a typed value")),
    }
}

/// `read` applied to the run whose trace (JSON text) is `trace`: stepping
/// through a run asks about the same trace at every step, so the last one
/// read is kept.
fn with_trace<T: Default>(trace: &str, read: impl FnOnce(&TraceRun) -> T) -> Result<T, String> {
    LAST_TRACE.with_borrow_mut(|last| {
        if last.as_ref().is_none_or(|(text, _)| text != trace) {
            *last = Some((trace.to_string(), read_trace(trace)?));
        }
        Ok(last.as_ref().map(|(_, run)| read(run)).unwrap_or_default())
    })
}

/// What the worker replies to `request`.
fn reply_to(request: Request) -> Reply {
    match request {
        Request::Ask { id, ask, source } => Reply::Answer {
            id,
            answer: match source {
                Payload::Text(text) => answer(ask, &text),
                Payload::Typed(asked) => {
                    typed_answer(ask, &asked).map(|bytes| Uint8Array::from(bytes.as_slice()).into())
                }
            },
        },
        Request::Job { id, .. } => Reply::Answer {
            id,
            answer: Err("the analysis worker runs no jobs: the offload pool does".into()),
        },
    }
}

fn main() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let replies = scope.clone();
    let handler = Handler::new(move |event: MessageEvent| {
        if let Some(request) = Request::from_js(&event.data()) {
            let _ = replies.post_message(&reply_to(request).to_js());
        }
    });
    scope.set_onmessage(Some(handler.as_ref().unchecked_ref()));
    HANDLER.with(|slot| *slot.borrow_mut() = Some(handler));
    let _ = scope.post_message(&Reply::Ready.to_js());
}

/// The run a quiz is about: the Python's prediction it comes with, or the
/// simulator's of the task list.
fn quiz_prediction(
    asked: &QuizAsk,
) -> Result<Vec<coroutine_playground::model::trace::Event>, String> {
    match &asked.predicted {
        Some(trace) => Ok(read_trace(trace)?.events),
        None => Ok(simulate(
            &parse(&asked.program).map_err(|error| error.to_string())?,
        )),
    }
}
