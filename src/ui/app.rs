//! The page: gallery, editor, run controls, and the run's log, timeline,
//! orders, notes and Python code.

use yew::prelude::*;

use super::compare::Compare;
use super::controls::{controls, ControlsProps};
use super::editor::{editor, EditorProps};
use super::embed::use_embed_api;
use super::future_effect::use_future_effect;
use super::gallery::{gallery, GalleryProps};
use super::header::{autorun_notice, Header};
use super::link::{inflated, location, use_link_sync};
use super::lint_list::LintList;
use super::log::Log;
use super::notes::Notes;
use super::orders::Orders;
use super::python_output::python_output;
use super::python_prediction::use_python_prediction;
use super::python_tab::PythonTab;
use super::python_view::{use_python_import, PythonView};
use super::quiz::{python_quiz, Quiz};
use super::recording::Recording;
use super::replay::{cursor, Replay};
use super::runner::use_runner;
use super::shortcuts::{on_shortcut, skip_link};
use super::state::{Action, EditorView, Playground, Status, Tab};
use super::table::Table;
use super::tabs::{tabs, TabsProps};
use super::timeline::Timeline;
use crate::model::i18n::{Key, Lang};
use crate::model::route::{read, Link, Opened};
use crate::model::trace_export::trace_json;
use crate::runtime::{predicted, python_prediction};
use crate::views::quiz::QuizAsk;

/// The page as `link` opens it, in `?lang=` or the browser's language,
/// and whether the link asks to run at once.
fn initial_state(link: &Link) -> (Playground, bool) {
    let browser = web_sys::window()
        .and_then(|w| w.navigator().language())
        .and_then(|tag| Lang::from_tag(&tag));
    let lang = link.lang.or(browser).unwrap_or(Lang::En);
    let page = Playground::from_link(lang, link);
    let autorun = page.may_autorun(link);
    (page, autorun)
}

/// A run's trace as JSON text, with the program that ran and its time
/// scale: what the worker steps through and compares, and what a pin keeps.
fn trace_text(source: &str, time_scale: f64, events: &Recording) -> AttrValue {
    trace_json(source, time_scale, &events.events())
        .text()
        .into()
}

/// This page's address without `embed=1`: the full playground, with the
/// program `hash` opens.
fn full_page_url(hash: &str) -> String {
    let (search, _) = location();
    let kept: Vec<&str> = search
        .trim_start_matches('?')
        .split('&')
        .filter(|p| !p.is_empty() && !p.starts_with("embed="))
        .collect();
    let path = web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .unwrap_or_else(|| "/".into());
    let query = if kept.is_empty() {
        String::new()
    } else {
        format!("?{}", kept.join("&"))
    };
    format!("{path}{query}{hash}")
}

/// The playground, once the page's link is ready to open: a `#code/`
/// program is inflated first, which takes the browser a moment.
#[function_component]
pub fn App() -> Html {
    let link = use_state(|| {
        let (search, hash) = location();
        read(&search, &hash)
    });
    {
        let link = link.clone();
        use_future_effect((), move |_| {
            link.opened
                .as_ref()
                .is_ok_and(Opened::is_deflated)
                .then(|| {
                    let rest = (*link).clone();
                    let opening = inflated(link.opened.clone());
                    async move {
                        link.set(Link {
                            opened: opening.await,
                            ..rest
                        })
                    }
                })
        });
    }
    if link.opened.as_ref().is_ok_and(Opened::is_deflated) {
        return Html::default();
    }
    html! { <Page link={(*link).clone()} /> }
}

#[derive(Properties, PartialEq)]
struct PageProps {
    /// The link the page opened with, ready to open.
    link: Link,
}

/// The playground page.
#[function_component]
fn Page(props: &PageProps) -> Html {
    let opening = use_memo((), |_| initial_state(&props.link));
    let state = use_reducer(|| opening.0.clone());
    let runner = use_runner(state.dispatcher());
    let hash = use_link_sync(&state);
    use_embed_api(state.dispatcher(), runner.stop.clone());
    use_python_import(&state);
    {
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
    {
        let (dispatch, autorun) = (state.dispatcher(), opening.1);
        use_effect_with((), move |_| {
            if autorun {
                dispatch.dispatch(Action::RequestRun);
            }
        });
    }
    {
        let lang = state.lang;
        use_effect_with(lang, move |lang| {
            if let Some(root) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.document_element())
            {
                let _ = root.set_attribute("lang", lang.pick("en", "zh-CN"));
            }
        });
    }
    let lang = state.lang;
    let t = |key: Key| key.text(lang);
    let dispatch = state.dispatcher();
    let on_select = {
        let stop = runner.stop.clone();
        let dispatch = dispatch.clone();
        Callback::from(move |id| {
            stop.emit(());
            dispatch.dispatch(Action::LoadPreset(id));
        })
    };
    let on_run = dispatch.to_callback().reform(|()| Action::RequestRun);
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
    let heading = if state.is_unmodified_preset() {
        lang.pick(state.preset.title.en, state.preset.title.zh)
            .to_string()
    } else {
        // In Python mode the program is the Python's import, or the one
        // before it where the Python does not import: its title is not the Python's.
        state
            .program
            .as_ref()
            .ok()
            .filter(|_| state.python.is_none())
            .and_then(|p| p.title.clone())
            .unwrap_or_else(|| t(Key::YourProgram).to_string())
    };
    let editor = html! {
        { editor(&EditorProps {
            lang,
            id: "program",
            label: Key::ProgramText,
            source: state.source.clone(),
            error: state.program.as_ref().err().cloned(),
            on_edit: dispatch.to_callback().reform(Action::Edit),
            readonly: state.readonly,
        }) }
    };
    // A challenge's link may lock the program and hide parts of the page:
    // the page's classes hide them (static/style.css).
    let challenge = classes!(
        state.readonly.then_some("readonly"),
        state.hide.editor.then_some("hide-editor"),
        state.hide.code.then_some("hide-code")
    );
    let lint_list = match (state.lints, &state.program) {
        (true, Ok(program)) => html! {
            <LintList lang={lang} program={program.clone()} source={state.source.clone()} />
        },
        _ => Html::default(),
    };
    let python_view = html! {
        <PythonView lang={lang} python={state.python.clone()} program={state.program.clone().ok()}
            on_edit={dispatch.to_callback().reform(Action::EditPython)}
            on_to_task_list={dispatch.to_callback().reform(|()| Action::LeavePython)} />
    };
    let run_controls = html! {
        { controls(&ControlsProps {
            lang,
            status: state.status,
            can_run: state.can_run(),
            python: state.python.is_some(),
            time_scale: state.time_scale,
            on_run: on_run.clone(),
            on_stop: runner.stop.clone(),
            on_scale: dispatch.to_callback().reform(Action::SetTimeScale),
        }) }
    };
    let log = html! {
        <Log lang={lang} events={state.events.clone()} filter={state.task_filter.clone()} on_filter={dispatch.to_callback().reform(Action::FilterTask)}
            step={state.step} on_step={dispatch.to_callback().reform(Action::Step)} />
    };
    let settled = state.status != Status::Running;
    let ran_source = state
        .ran
        .as_ref()
        .map_or(&state.source, |ran| &ran.source)
        .clone();
    // The run's trace as JSON text, which the worker steps through and
    // compares: a long run's takes a moment to write, so it is written once
    // the learner steps or compares, not when every run ends.
    let comparing = state.tab == Tab::Compare && !state.pinned.is_empty();
    let wanted_trace = settled && (state.step.is_some() || comparing);
    let trace = use_memo(
        (
            wanted_trace,
            state.events.clone(),
            state.run_scale,
            ran_source.clone(),
        ),
        |(wanted, events, scale, source)| {
            (*wanted && !events.is_empty()).then(|| trace_text(source, *scale, events))
        },
    );
    {
        let dispatch = dispatch.clone();
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
    let on_pin = {
        let (dispatch, trace, events, scale) = (
            dispatch.clone(),
            (*trace).clone(),
            state.events.clone(),
            state.run_scale,
        );
        Callback::from(move |()| {
            let trace = trace
                .clone()
                .unwrap_or_else(|| trace_text(&ran_source, scale, &events));
            dispatch.dispatch(Action::Pin(trace));
        })
    };
    // Predict mode asks before it shows: no offer to step through the prediction.
    let shown = !state.events.is_empty() || (state.can_run() && !state.predict);
    let replay_panel = if settled && shown {
        html! {
            <Replay lang={lang} events={state.events.clone()} step={state.step} filter={state.task_filter.clone().map(AttrValue::from)}
                predicted={state.predicted} time_scale={state.run_scale} trace={(*trace).clone().unwrap_or_default()}
                on_step={dispatch.to_callback().reform(Action::Step)} on_pin={on_pin} />
        }
    } else {
        Html::default()
    };
    let timeline = html! { <>
        { replay_panel }
        <div class="timeline-box" style={cursor(&state.events, state.step)}>
            <Timeline lang={lang} events={state.events.clone()} lints={state.lints}
                finished={matches!(state.status, Status::Finished { .. } | Status::Stopped)} />
        </div>
    </> };
    let predict = html! { <>
        <button class="predict-toggle" aria-pressed={state.predict.to_string()}
            onclick={dispatch.to_callback().reform(|_: MouseEvent| Action::TogglePredict)}>{ t(Key::PredictFirst) }</button>
        if let (true, Some(python)) = (state.predict, state.python_to_run()) {
            { python_quiz(lang, python, &python_predicted, on_run.clone()) }
        } else if let (true, Ok(_)) = (state.predict, &state.program) {
            <Quiz of={QuizAsk {
                lang,
                preset: state.is_unmodified_preset().then(|| state.preset.id.to_string()),
                program: state.source.clone(),
                predicted: None,
            }} on_checked={on_run.clone()} />
        }
    </> };
    // An embed shows the Python it was given, unless the program is locked
    // or the Python hidden; the full page the view the learner chose.
    let view = match (
        state.embed,
        state.python.is_some() && !state.readonly && !state.hide.code,
    ) {
        (false, _) => state.editor_view,
        (true, true) => EditorView::Python,
        (true, false) => EditorView::Text,
    };
    let shown_tabs = Tab::shown(state.python.is_some());
    let shown_tab = if shown_tabs.contains(&state.tab) {
        state.tab
    } else {
        Tab::Log
    };
    let top = if state.embed {
        Html::default()
    } else {
        html! { <>
            { skip_link(lang) }
            <Header lang={lang} heading={heading.clone()} hash={hash.clone()}
                preset={state.is_unmodified_preset().then_some(state.preset)} source={state.source.clone()}
                python={state.python_for_link().map(|python| AttrValue::from(python.to_string()))}
                link_problem={state.link_problem.clone()} autorun_withheld={state.autorun_withheld} step={state.step.filter(|_| state.predicted)}
                on_lang={dispatch.to_callback().reform(Action::SetLang)}
                on_dismiss_problem={dispatch.to_callback().reform(|()| Action::OpenLink(Ok(Opened::Default)))} />
            { gallery(&GalleryProps { lang, selected: state.preset.id, on_select }) }
        </> }
    };
    html! {
        <div class={classes!("page", state.embed.then_some("embed"), challenge)} onkeydown={on_shortcut(on_run.clone(), runner.stop.clone())}>
            { top }
            <main class="workspace">
                <section class="program" aria-label={t(Key::Program)}>
                    <h2>{ heading.clone() }</h2>
                    if state.embed {
                        // The embed's heading is the program's; the page's name is for screen readers.
                        <h1 class="sr-only">{ t(Key::AppTitle) }</h1>
                        { autorun_notice(lang, state.autorun_withheld) }
                    } else {
                        { tabs(&TabsProps {
                            lang,
                            class: "view-switch",
                            tabs: EditorView::ALL.map(EditorView::key).to_vec(),
                            selected: EditorView::ALL.iter().position(|v| *v == view).unwrap_or_default(),
                            on_select: dispatch.to_callback().reform(|at| Action::ShowView(EditorView::ALL[at])),
                        }) }
                    }
                    { match (view, &state.program) {
                        (EditorView::Table, Ok(program)) => html! { <Table lang={lang} program={program.clone()} on_edit={dispatch.to_callback().reform(Action::Edit)} /> },
                        (EditorView::Table, Err(_)) => html! { <p class="error">{ t(Key::FixTextFirst) }</p> },
                        (EditorView::Python, _) => python_view,
                        (EditorView::Text, _) => Html::default(),
                    } }
                    <div hidden={view != EditorView::Text}>{ editor }{ lint_list }</div>
                    { run_controls }
                    if state.embed {
                        <a class="open-full" href={full_page_url(&hash)} target="_blank" rel="noopener">{ t(Key::OpenFull) }</a>
                    }
                </section>
                <section class="output" aria-label={t(Key::RunOutput)}>
                    if state.run_is_stale() {
                        <p class="stale" role="status">{ t(Key::EarlierVersion) }</p>
                    }
                    if state.ran.as_ref().is_some_and(|ran| ran.python) {
                        { python_output(lang, &state.python_shown, settled) }
                    }
                    { predict }
                    { timeline }
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
                            { tab_panel(&state, shown_tab, log, (*trace).clone().filter(|_| !state.predicted)) }
                        </div>
                    }
                </section>
            </main>
        </div>
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
