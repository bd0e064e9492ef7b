//! The worker of the offload pool and of the page's requests: runs
//! `compute` and `block` jobs off the main thread and posts back how long
//! each took; writes the Python export of the programs it is sent, imports
//! Python, finds lints, and writes the Chrome trace and the Orders report
//! of a run.

use std::cell::RefCell;

use coroutine_playground::model::compare::Prediction;
use coroutine_playground::model::i18n::Lang;
use coroutine_playground::model::lints::{lints, lints_html};
use coroutine_playground::model::orders_report::OrdersReport;
use coroutine_playground::model::parse::parse;
use coroutine_playground::model::presets::explanation;
use coroutine_playground::model::print::print;
use coroutine_playground::model::program::Work;
use coroutine_playground::model::python::to_python;
use coroutine_playground::model::python_import::import;
use coroutine_playground::model::simulate::simulate;
use coroutine_playground::model::trace_export::chrome_trace;
use coroutine_playground::model::work::compute;
use coroutine_playground::runtime::{
    hold_the_loop, imported_to_js, now_ms, orders_asked, to_text, trace_events, Ask, ImportedText,
    Reply, Request,
};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

type Handler = Closure<dyn FnMut(MessageEvent)>;

thread_local! {
    /// The message handler lives as long as the worker.
    static HANDLER: RefCell<Option<Handler>> = const { RefCell::new(None) };
}

/// The worker's answer to `ask` about `source`.
fn answer(ask: Ask, source: &str) -> Result<JsValue, String> {
    let program = || parse(source).map_err(|error| error.to_string());
    Ok(match ask {
        Ask::Python => to_python(&program()?).into(),
        Ask::Explanation => {
            let text =
                explanation(source).ok_or_else(|| format!("there is no preset called {source}"))?;
            js_sys::Array::of2(&text.en.into(), &text.zh.into()).into()
        }
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
        Ask::ChromeTrace => to_text(&chrome_trace(&trace_events(source)?)).into(),
        Ask::Lints => {
            let (lang, text) = source.split_once('\n').unwrap_or((source, ""));
            let lang = Lang::from_tag(lang).ok_or("the lints were asked in no language")?;
            let program = parse(text).map_err(|error| error.to_string())?;
            lints_html(&lints(&program, text), lang).into()
        }
        Ask::Orders => {
            let asked = orders_asked(source)?;
            let prediction = parse(&asked.program)
                .ok()
                .map(|program| Prediction::of(&simulate(&program)));
            OrdersReport {
                events: &asked.events,
                prediction: prediction.as_ref(),
                reveal: asked.reveal,
                time_scale: asked.time_scale,
                lang: asked.lang,
            }
            .html()
            .into()
        }
    })
}

/// What the worker replies to `request`.
fn reply_to(request: Request) -> Reply {
    match request {
        Request::Ask { id, ask, source } => Reply::Answer {
            id,
            answer: answer(ask, &source),
        },
        Request::Job { id, work, amount } => {
            let started = now_ms();
            match work {
                Work::Compute => {
                    std::hint::black_box(compute(amount));
                }
                Work::Block => hold_the_loop(amount as f64),
            }
            Reply::JobDone {
                id,
                elapsed_ms: now_ms() - started,
            }
        }
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
