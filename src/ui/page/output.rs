//! The run's section: predict mode's quiz, the replay and the timeline,
//! and the tabs under them (the log, Orders, Compare, Notes, Python).

use yew::prelude::*;

use crate::model::i18n::Key;
use crate::model::trace_export::trace_json;
use crate::runtime::{predicted, python_prediction};
use crate::ui::compare::Compare;
use crate::ui::future_effect::use_future_effect;
use crate::ui::log::Log;
use crate::ui::notes::Notes;
use crate::ui::orders::Orders;
use crate::ui::python_output::python_output;
use crate::ui::python_prediction::use_python_prediction;
use crate::ui::python_tab::PythonTab;
use crate::ui::quiz::{python_quiz, Quiz};
use crate::ui::recording::Recording;
use crate::ui::replay::{cursor, Replay};
use crate::ui::state::{Action, Playground, Status, Tab};
use crate::ui::tabs::{tabs, TabsProps};
use crate::ui::timeline::Timeline;
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

/// The run's trace as JSON text, which the worker steps through and
/// compares: a long run's takes a moment to write, so it is written once
/// the learner steps or compares, not when every run ends.
#[hook]
fn use_run_trace(state: &UseReducerHandle<Playground>) -> Option<AttrValue> {
    let settled = state.status != Status::Running;
    let comparing = state.tab == Tab::Compare && !state.pinned.is_empty();
    let wanted = settled && (state.step.is_some() || comparing);
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
            <Quiz of={QuizAsk {
                lang,
                preset: state.is_unmodified_preset().then(|| state.preset.id.to_string()),
                program: state.source.clone(),
                predicted: None,
            }} on_checked={on_run} />
        }
    </> }
}

/// The run's section; `on_run` runs the program (predict mode's check
/// does, once it has graded the answers).
#[hook]
pub fn use_output_section(state: &UseReducerHandle<Playground>, on_run: Callback<()>) -> Html {
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
    use_step_prediction(state);
    let settled = state.status != Status::Running;
    let on_pin = pin(state, trace.clone());
    // Predict mode asks before it shows: no offer to step through the prediction.
    let shown = !state.events.is_empty() || (state.can_run() && !state.predict);
    let replay_panel = if settled && shown {
        html! {
            <Replay lang={lang} events={state.events.clone()} step={state.step} filter={state.task_filter.clone().map(AttrValue::from)}
                predicted={state.predicted} time_scale={state.run_scale} trace={trace.clone().unwrap_or_default()}
                on_step={dispatch.to_callback().reform(Action::Step)} on_pin={on_pin} />
        }
    } else {
        Html::default()
    };
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
                    { tab_panel(state, shown_tab, log, trace.filter(|_| !state.predicted)) }
                </div>
            }
        </section>
    }
}

/// The panel of `tab`, chosen under the timeline: `log`, Orders, Compare
/// (of the pinned runs and the latest, whose `trace` is JSON text), Notes
/// or Python.
fn tab_panel(
    state: &UseReducerHandle<Playground>,
    tab: Tab,
    log: Html,
    trace: Option<AttrValue>,
) -> Html {
    let lang = state.lang;
    match tab {
        Tab::Log => log,
        Tab::Orders => {
            let ran_source = state
                .ran
                .as_ref()
                .map_or(&state.source, |ran| &ran.source)
                .clone();
            let on_toggle = state
                .dispatcher()
                .to_callback()
                .reform(|()| Action::TogglePrediction);
            html! {
                <Orders lang={lang} events={state.events.clone()} source={ran_source} run_scale={state.run_scale}
                    python={state.ran.as_ref().is_some_and(|ran| ran.python)}
                    settled={state.status != Status::Running}
                    show_prediction={state.show_prediction} on_toggle_prediction={on_toggle} />
            }
        }
        Tab::Compare => {
            let mut traces = state.pinned.clone();
            if let Some(latest) = trace
                .as_deref()
                .filter(|latest| traces.last().map(|last| &**last) != Some(latest))
            {
                traces.push(AttrValue::from(latest.to_string()));
            }
            let dispatch = state.dispatcher();
            let on_unpin = Callback::from(move |at| dispatch.dispatch(Action::Unpin(at)));
            html! { <Compare {lang} {traces} pinned={state.pinned.len()} {on_unpin} /> }
        }
        Tab::Notes => html! { <Notes lang={lang} preset={state.preset} /> },
        Tab::Python => match &state.program {
            Ok(program) => html! { <PythonTab lang={lang} program={program.clone()} /> },
            Err(_) => html! { <p class="empty">{ Key::RunDisabled.text(lang) }</p> },
        },
    }
}
