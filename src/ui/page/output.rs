//! The run's section: predict mode's quiz, the replay and the timeline,
//! and the tabs under them (the log, Orders, Compare, Notes, Python).

use std::rc::Rc;

use yew::prelude::*;

use crate::model::i18n::{Key, Lang};
use crate::model::trace_export::trace_json;
use crate::runtime::{predicted, python_prediction};
use crate::ui::future_effect::use_future_effect;
use crate::ui::log::Log;
use crate::ui::notes::Notes;
use crate::ui::on_demand::OnDemand;
use crate::ui::python_output::python_output;
use crate::ui::python_prediction::use_python_prediction;
use crate::ui::recording::Recording;
use crate::ui::replay::{cursor, Replay};
use crate::ui::state::{Action, Playground, Status, Tab};
use crate::ui::tabs::{tabs, TabsProps};
use crate::ui::timeline::Timeline;
use crate::views::on_demand::{OnDemandEvent, OnDemandView};
use crate::views::quiz::QuizAsk;

/// A run's trace as JSON text, with the program that ran and its time
/// scale: what the worker steps through and compares, and what a pin keeps.
fn trace_text(source: &str, time_scale: f64, events: &Recording) -> AttrValue {
    trace_json(source, time_scale, &events.events())
        .text()
        .into()
}

/// The text of the program that ran last (the program as it is before a run).
fn ran_source(state: &Playground) -> String {
    state
        .ran
        .as_ref()
        .map_or(&state.source, |ran| &ran.source)
        .clone()
}

/// The run's trace as JSON text, which the worker steps through, compares
/// and reports on: a long run's takes a moment to write, so it is written
/// once the learner steps, compares or looks at Orders, not when every run
/// ends.
#[hook]
fn use_run_trace(state: &UseReducerHandle<Playground>) -> Option<AttrValue> {
    let settled = state.status != Status::Running;
    let comparing = state.tab == Tab::Compare && !state.pinned.is_empty();
    let wanted = settled && (state.step.is_some() || comparing || state.tab == Tab::Orders);
    let trace = use_memo(
        (
            wanted,
            state.events.clone(),
            state.run_scale,
            ran_source(state),
        ),
        |(wanted, events, scale, source)| {
            (*wanted && !events.is_empty()).then(|| trace_text(source, *scale, events))
        },
    );
    (*trace).clone()
}

/// Before a run, a step asks for the prediction to step through: the
/// simulator's, or for Python CPython's on the virtual clock.
#[hook]
fn use_step_prediction(state: &UseReducerHandle<Playground>) {
    let dispatch = state.dispatcher();
    let settled = state.status != Status::Running;
    let wanted = state.step.is_some() && state.events.is_empty() && settled;
    let python = state.python_to_run().map(str::to_string);
    let source = state.runnable().map(|_| state.source.clone());
    use_future_effect((wanted, python, source), move |(wanted, python, source)| {
        if !*wanted {
            return None;
        }
        let asked: std::pin::Pin<Box<dyn std::future::Future<Output = _>>> = match python {
            Some(python) => Box::pin(python_prediction(python.clone())),
            None => Box::pin(predicted(source.clone()?)),
        };
        Some(async move {
            if let Ok(events) = asked.await {
                dispatch.dispatch(Action::Predicted(events));
            }
        })
    });
}

/// The text of `value`, shared rather than copied where it can be.
fn shared_text(value: &AttrValue) -> Rc<str> {
    match value {
        AttrValue::Rc(text) => text.clone(),
        other => Rc::from(other.as_str()),
    }
}

/// Pins the run: its `trace` when written, else written now.
fn pin(state: &UseReducerHandle<Playground>, trace: Option<AttrValue>) -> Callback<()> {
    let (dispatch, events, scale, source) = (
        state.dispatcher(),
        state.events.clone(),
        state.run_scale,
        ran_source(state),
    );
    Callback::from(move |()| {
        let trace = trace
            .clone()
            .unwrap_or_else(|| trace_text(&source, scale, &events));
        dispatch.dispatch(Action::Pin(trace));
    })
}

/// Predict mode's quiz about `of`, drawn by the on-demand wasm; `on_checked`
/// runs the program once the answers are checked.
fn quiz(of: QuizAsk, on_checked: Callback<()>) -> Html {
    let lang = of.lang;
    let on_event = Callback::from(move |event| {
        if event == OnDemandEvent::Checked {
            on_checked.emit(());
        }
    });
    html! { <OnDemand {lang} view={OnDemandView::Quiz(of)} {on_event} /> }
}

/// Predict mode for Python: the quiz about what the same CPython does on
/// the virtual clock, asked once that `prediction` (trace JSON text) is
/// made, or why it could not be.
fn python_quiz(
    lang: Lang,
    python: &str,
    prediction: &Option<Result<AttrValue, String>>,
    on_checked: Callback<()>,
) -> Html {
    if let Some(Ok(trace)) = prediction {
        let of = QuizAsk {
            lang,
            preset: None,
            program: python.to_string(),
            predicted: Some(trace.to_string()),
        };
        return quiz(of, on_checked);
    }
    html! {
        <section class="quiz" aria-label={Key::PredictFirst.text(lang)}>
            if let Some(Err(why)) = prediction {
                <p class="error" role="alert">{ Key::NoPrediction.text(lang) }{ lang.pick(" ", "") }{ why }</p>
            } else {
                <p class="empty" role="status">{ Key::Predicting.text(lang) }</p>
            }
        </section>
    }
}

/// Predict mode's switch and, when it is on, the quiz: about the Python
/// (asked of its prediction, `python_predicted`) or the program.
fn predict_section(
    state: &UseReducerHandle<Playground>,
    python_predicted: &Option<Result<AttrValue, String>>,
    on_run: Callback<()>,
) -> Html {
    let lang = state.lang;
    let dispatch = state.dispatcher();
    html! { <>
        <button class="predict-toggle" aria-pressed={state.predict.to_string()}
            onclick={dispatch.to_callback().reform(|_: MouseEvent| Action::TogglePredict)}>{ Key::PredictFirst.text(lang) }</button>
        if let (true, Some(python)) = (state.predict, state.python_to_run()) {
            { python_quiz(lang, python, python_predicted, on_run) }
        } else if let (true, Ok(_)) = (state.predict, &state.program) {
            { quiz(QuizAsk {
                lang,
                preset: state.is_unmodified_preset().then(|| state.preset.id.to_string()),
                program: state.source.clone(),
                predicted: None,
            }, on_run) }
        }
    </> }
}

/// The replay's buttons and line, once a run is over (of the run's
/// `trace`, JSON text, when written), or before one to step through the
/// prediction.
fn replay_panel(state: &UseReducerHandle<Playground>, trace: &Option<AttrValue>) -> Html {
    let settled = state.status != Status::Running;
    // Predict mode asks before it shows: no offer to step through the prediction.
    let shown = !state.events.is_empty() || (state.can_run() && !state.predict);
    if !(settled && shown) {
        return Html::default();
    }
    let on_pin = pin(state, trace.clone());
    html! {
        <Replay lang={state.lang} events={state.events.clone()} step={state.step} filter={state.task_filter.clone().map(AttrValue::from)}
            predicted={state.predicted} time_scale={state.run_scale} trace={trace.clone().unwrap_or_default()}
            on_step={state.dispatcher().to_callback().reform(Action::Step)} {on_pin} />
    }
}

/// The run's section; `on_run` runs the program (predict mode's check
/// does, once it has graded the answers). Until the page's first paint is
/// on screen (`painted`), an empty section holds its place.
#[hook]
pub fn use_output_section(
    state: &UseReducerHandle<Playground>,
    on_run: Callback<()>,
    painted: bool,
) -> Html {
    let lang = state.lang;
    let t = |key: Key| key.text(lang);
    let dispatch = state.dispatcher();
    // Predict mode's questions about Python are asked of CPython's prediction.
    let python_predicted = use_python_prediction(
        state
            .predict
            .then(|| {
                state
                    .python_to_run()
                    .map(|python| AttrValue::from(python.to_string()))
            })
            .flatten(),
    );
    let trace = use_run_trace(state);
    // The Orders tab shows a Python run's prediction when asked to.
    let ran_python = state.ran.as_ref().is_some_and(|ran| ran.python);
    let orders_predicted = use_python_prediction(
        (state.tab == Tab::Orders && ran_python && state.show_prediction)
            .then(|| AttrValue::from(ran_source(state))),
    );
    use_step_prediction(state);
    if !painted {
        return html! { <section class="output" aria-label={t(Key::RunOutput)}></section> };
    }
    let settled = state.status != Status::Running;
    let replay_panel = replay_panel(state, &trace);
    let predict = predict_section(state, &python_predicted, on_run);
    let log = html! {
        <Log lang={lang} events={state.events.clone()} filter={state.task_filter.clone()} on_filter={dispatch.to_callback().reform(Action::FilterTask)}
            step={state.step} on_step={dispatch.to_callback().reform(Action::Step)} />
    };
    let shown_tabs = Tab::shown(state.python.is_some());
    let shown_tab = if shown_tabs.contains(&state.tab) {
        state.tab
    } else {
        Tab::Log
    };
    html! {
        <section class="output" aria-label={t(Key::RunOutput)}>
            if state.run_is_stale() {
                <p class="stale" role="status">{ t(Key::EarlierVersion) }</p>
            }
            if state.ran.as_ref().is_some_and(|ran| ran.python) {
                { python_output(lang, &state.python_shown, settled) }
            }
            { predict }
            { replay_panel }
            <div class="timeline-box" style={cursor(&state.events, state.step)}>
                <Timeline lang={lang} events={state.events.clone()} lints={state.lints}
                    finished={matches!(state.status, Status::Finished { .. } | Status::Stopped)} />
            </div>
            if state.embed {
                { log }
            } else {
                { tabs(&TabsProps {
                    lang,
                    class: "tabs",
                    tabs: shown_tabs.iter().map(|tab| tab.key()).collect(),
                    selected: shown_tabs.iter().position(|tab| *tab == shown_tab).unwrap_or_default(),
                    on_select: dispatch.to_callback().reform(|at| Action::ShowTab(Tab::ALL[at])),
                }) }
                <div class="tab-panel" role="tabpanel">
                    { tab_panel(state, shown_tab, log, trace, &orders_predicted) }
                </div>
            }
        </section>
    }
}

/// The panel of `tab`, chosen under the timeline: `log`, Orders (of the
/// run's `trace`, JSON text, with a Python run's prediction,
/// `orders_predicted`), Compare (of the pinned runs and the latest), Notes
/// or Python.
fn tab_panel(
    state: &UseReducerHandle<Playground>,
    tab: Tab,
    log: Html,
    trace: Option<AttrValue>,
    orders_predicted: &Option<Result<AttrValue, String>>,
) -> Html {
    let lang = state.lang;
    match tab {
        Tab::Log => log,
        Tab::Orders => {
            let dispatch = state.dispatcher();
            let on_event = Callback::from(move |event| {
                if event == OnDemandEvent::PredictionToggled {
                    dispatch.dispatch(Action::TogglePrediction);
                }
            });
            // While a run goes on, the report is of no events, not asked again at every batch.
            let trace = trace
                .filter(|_| state.status != Status::Running)
                .unwrap_or_else(|| {
                    trace_text(&ran_source(state), state.run_scale, &Recording::default())
                });
            let view = OnDemandView::Orders {
                lang,
                trace: shared_text(&trace),
                has_events: !state.events.is_empty() && state.status != Status::Running,
                show_prediction: state.show_prediction,
                predicted: orders_predicted
                    .as_ref()
                    .and_then(|made| made.as_ref().ok())
                    .map(shared_text),
            };
            html! { <OnDemand {lang} {view} {on_event} /> }
        }
        Tab::Compare => {
            let mut traces = state.pinned.clone();
            if let Some(latest) = trace
                .filter(|_| !state.predicted)
                .as_deref()
                .filter(|latest| traces.last().map(|last| &**last) != Some(latest))
            {
                traces.push(AttrValue::from(latest.to_string()));
            }
            let dispatch = state.dispatcher();
            let on_event = Callback::from(move |event| {
                if let OnDemandEvent::Unpinned(at) = event {
                    dispatch.dispatch(Action::Unpin(at));
                }
            });
            let traces = traces.iter().map(shared_text).collect();
            let view = OnDemandView::Compare {
                lang,
                traces,
                pinned: state.pinned.len(),
            };
            html! { <OnDemand {lang} {view} {on_event} /> }
        }
        Tab::Notes => html! { <Notes lang={lang} preset={state.preset} /> },
        Tab::Python => match &state.program {
            Ok(_) => {
                let view = OnDemandView::PythonTab {
                    lang,
                    source: state.source.to_string(),
                };
                html! { <OnDemand {lang} {view} on_event={Callback::noop()} /> }
            }
            Err(_) => html! { <p class="empty">{ Key::RunDisabled.text(lang) }</p> },
        },
    }
}
