//! What the page does when its state changes: a run when one is asked
//! for, the run a link asks for at once, and the document's language; when
//! its first paint is on screen; and the runtime's warm-up while it idles.

use yew::prelude::*;

use crate::model::i18n::Lang;
use gloo_timers::future::TimeoutFuture;

use crate::runtime::{after_next_paint, warm_up};
use crate::ui::future_effect::use_future_effect;
use crate::ui::runner::Runner;
use crate::ui::state::{Action, Playground};

/// Starts a run each time one is asked for: the Python in Python mode,
/// else the program at the time scale chosen.
#[hook]
pub fn use_run_requests(state: &UseReducerHandle<Playground>, runner: &Runner) {
    let (start, start_python) = (runner.start.clone(), runner.start_python.clone());
    let (program, scale) = (state.runnable(), state.time_scale);
    let python = state.python_to_run().map(str::to_string);
    use_effect_with(state.run_requests, move |requests| {
        match (*requests > 0, python, program) {
            (false, ..) => {}
            (true, Some(python), _) => start_python.emit(python),
            (true, None, Some(program)) => start.emit((program, scale)),
            (true, None, None) => {}
        }
    });
}

/// Asks for a run once, when the page opens, if its link asks to run at
/// once (`autorun`).
#[hook]
pub fn use_autorun(state: &UseReducerHandle<Playground>, autorun: bool) {
    let dispatch = state.dispatcher();
    use_effect_with((), move |_| {
        if autorun {
            dispatch.dispatch(Action::RequestRun);
        }
    });
}

/// Keeps the document's `lang` the page's language.
#[hook]
pub fn use_document_lang(lang: Lang) {
    use_effect_with(lang, move |lang| {
        if let Some(root) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = root.set_attribute("lang", lang.pick("en", "zh-CN"));
        }
    });
}

/// Whether the page's first paint is on screen: false for the first
/// render, true from the first task after the browser has painted it. The
/// page draws the program with Run working first and the run's section
/// then, so that a learner sees Run enabled sooner.
#[hook]
pub fn use_first_paint_done() -> bool {
    let painted = use_state(|| false);
    let set = painted.setter();
    use_future_effect((), move |_| {
        Some(async move {
            after_next_paint().await;
            set.set(true);
        })
    });
    *painted
}

/// How long after its first paint an idle page warms the runtime up.
const WARM_UP_AFTER_MS: u32 = 1000;

/// Warms the runtime up (`runtime::warm_up`) a moment after the first
/// paint is on screen (`painted`), unless a run has been asked for
/// (`run_requests`): a learner's first Run then finds its code compiled.
/// A run asked for stops the warm-up before it starts, so the two never
/// share the loop.
#[hook]
pub fn use_warm_up(painted: bool, run_requests: u32) {
    use_future_effect((painted, run_requests), move |(painted, requests)| {
        (*painted && *requests == 0).then_some(async move {
            TimeoutFuture::new(WARM_UP_AFTER_MS).await;
            warm_up().await;
        })
    });
}
