//! The page: gallery, editor, run controls, and the run's log, timeline,
//! orders, notes and Python code.

use yew::prelude::*;

use super::code::Code;
use super::controls::Controls;
use super::editor::Editor;
use super::gallery::Gallery;
use super::link::{describe_problem, location, use_link_sync};
use super::log::Log;
use super::notes::Notes;
use super::orders::Orders;
use super::runner::use_runner;
use super::state::{Action, Playground, Status, Tab};
use super::table::Table;
use super::timeline::Timeline;
use crate::model::i18n::{Key, Lang};
use crate::model::route::{read, Opened};
use crate::runtime::FrameCounter;

/// The page as its link opens it, in `?lang=` or the browser's language,
/// and whether the link asks to run at once.
fn initial_state() -> (Playground, bool) {
    let (search, hash) = location();
    let link = read(&search, &hash);
    let browser = web_sys::window()
        .and_then(|w| w.navigator().language())
        .and_then(|tag| Lang::from_tag(&tag));
    let lang = link.lang.or(browser).unwrap_or(Lang::En);
    (Playground::from_link(lang, &link), link.autorun)
}

/// The playground page.
#[function_component]
pub fn App() -> Html {
    let opening = use_memo((), |_| initial_state());
    let state = use_reducer(|| opening.0.clone());
    let runner = use_runner(state.dispatcher());
    use_link_sync(&state);
    {
        let (start, program, scale) = (
            runner.start.clone(),
            state.program.clone().ok(),
            state.time_scale,
        );
        let autorun = opening.1;
        use_effect_with((), move |_| {
            if let (true, Some(program)) = (autorun, program) {
                start.emit((program, scale));
            }
        });
    }
    let shared_link = use_state(|| None::<String>);
    {
        let dispatch = state.dispatcher();
        use_effect_with((), move |_| {
            let counter = FrameCounter::start(move |fps| dispatch.dispatch(Action::Frames(fps)));
            move || drop(counter)
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
    let on_run = {
        let program = state.program.clone().ok();
        let (start, scale) = (runner.start.clone(), state.time_scale);
        Callback::from(move |()| {
            if let Some(program) = program.clone() {
                start.emit((program, scale));
            }
        })
    };
    let on_lang = {
        let dispatch = dispatch.clone();
        let other = if lang == Lang::En { Lang::Zh } else { Lang::En };
        Callback::from(move |_| dispatch.dispatch(Action::SetLang(other)))
    };
    let tab = |which: Tab, key: Key| {
        let dispatch = dispatch.clone();
        html! {
            <button role="tab" aria-selected={(state.tab == which).to_string()} class={classes!((state.tab == which).then_some("active"))}
                onclick={Callback::from(move |_| dispatch.dispatch(Action::ShowTab(which)))}>{ t(key) }</button>
        }
    };
    let table_view = use_state(|| false);
    let view_button = |table: bool, key: Key| {
        let table_view = table_view.clone();
        html! {
            <button role="tab" aria-selected={(*table_view == table).to_string()} class={classes!((*table_view == table).then_some("active"))}
                onclick={Callback::from(move |_| table_view.set(table))}>{ t(key) }</button>
        }
    };
    let on_share = {
        let shared_link = shared_link.clone();
        Callback::from(move |_| {
            let Some(window) = web_sys::window() else {
                return;
            };
            let Ok(href) = window.location().href() else {
                return;
            };
            let _ = window.navigator().clipboard().write_text(&href);
            shared_link.set(Some(href));
        })
    };
    let problem = state.link_problem.as_ref().map(|problem| {
        let dismiss = dispatch.clone();
        html! {
            <div class="banner" role="alert">
                { describe_problem(problem, lang) }{ " " }{ t(Key::ShowingDefault) }
                <button onclick={Callback::from(move |_| dismiss.dispatch(Action::OpenLink(Ok(Opened::Default))))}>{ t(Key::Dismiss) }</button>
            </div>
        }
    });
    let frozen = state.fps < 20.0;
    html! {
        <div class="page">
            <header class="top">
                <div>
                    <h1>{ t(Key::AppTitle) }</h1>
                    <p class="tagline">{ t(Key::AppTagline) }</p>
                </div>
                <div class="top-tools">
                    <span class={classes!("pulse", frozen.then_some("frozen"))} role="status" title={t(Key::FramesPerSecond)}>
                        <span class="dot" aria-hidden="true"></span>
                        { format!("{} · {:.0} {}", if frozen { t(Key::Frozen) } else { t(Key::Responsive) }, state.fps, t(Key::FramesPerSecond)) }
                    </span>
                    <button class="share" onclick={on_share}>{ t(Key::Share) }</button>
                    <button class="lang" onclick={on_lang} aria-label={t(Key::Language)}>{ lang.pick("中文", "English") }</button>
                </div>
                { (*shared_link).clone().map(|href| html! {
                    <label class="shared">{ t(Key::LinkCopied) }<input readonly=true value={href} aria-label={t(Key::ShareLink)} /></label>
                }) }
                { problem }
            </header>
            <Gallery lang={lang} selected={state.preset.id} on_select={on_select} />
            <main class="workspace">
                <section class="program" aria-label={t(Key::Program)}>
                    <h2>{ lang.pick(state.preset.title.en, state.preset.title.zh) }</h2>
                    <div class="view-switch" role="tablist">
                        { view_button(false, Key::TextView) }
                        { view_button(true, Key::TableView) }
                    </div>
                    if *table_view {
                        { match &state.program {
                            Ok(program) => html! { <Table lang={lang} program={program.clone()} on_edit={dispatch.to_callback().reform(Action::Edit)} /> },
                            Err(_) => html! { <p class="error">{ t(Key::FixTextFirst) }</p> },
                        } }
                    }
                    <div hidden={*table_view}>
                        <Editor lang={lang} source={state.source.clone()} error={state.program.as_ref().err().cloned()}
                            on_edit={dispatch.to_callback().reform(Action::Edit)} />
                    </div>
                    <Controls lang={lang} status={state.status} can_run={state.program.is_ok()} time_scale={state.time_scale}
                        on_run={on_run} on_stop={runner.stop.clone()} on_scale={dispatch.to_callback().reform(Action::SetTimeScale)} />
                </section>
                <section class="output" aria-label={t(Key::Log)}>
                    <Timeline lang={lang} events={state.events.clone()} />
                    <div class="tabs" role="tablist">
                        { tab(Tab::Log, Key::Log) }
                        { tab(Tab::Orders, Key::Orders) }
                        { tab(Tab::Notes, Key::Notes) }
                        { tab(Tab::Python, Key::Python) }
                    </div>
                    <div class="tab-panel" role="tabpanel">
                        { match state.tab {
                            Tab::Log => html! { <Log lang={lang} events={state.events.clone()} filter={state.task_filter.clone()} on_filter={dispatch.to_callback().reform(Action::FilterTask)} /> },
                            Tab::Orders => html! { <Orders lang={lang} events={state.events.clone()} predicted={state.predicted.clone()} run_scale={state.run_scale}
                                show_prediction={state.show_prediction} on_toggle_prediction={dispatch.to_callback().reform(|()| Action::TogglePrediction)} /> },
                            Tab::Notes => html! { <Notes lang={lang} preset={state.preset} /> },
                            Tab::Python => match &state.program {
                                Ok(program) => html! { <Code lang={lang} program={program.clone()} /> },
                                Err(_) => html! { <p class="empty">{ t(Key::RunDisabled) }</p> },
                            },
                        } }
                    </div>
                </section>
            </main>
            if state.status == Status::Running { <span class="sr-only" aria-live="polite">{ t(Key::StatusRunning) }</span> }
        </div>
    }
}
