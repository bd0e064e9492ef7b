//! The program's section: its heading, the view switch (text, table,
//! Python), the editor with its lints, and the run controls.

use yew::prelude::*;

use crate::model::i18n::Key;
use crate::ui::controls::{controls, ControlsProps};
use crate::ui::editor::{editor, EditorProps};
use crate::ui::header::autorun_notice;
use crate::ui::link::location;
use crate::ui::lint_list::LintList;
use crate::ui::on_demand::OnDemand;
use crate::ui::python_view::PythonView;
use crate::ui::runner::Runner;
use crate::ui::state::{Action, EditorView, Playground};
use crate::ui::tabs::{tabs, TabsProps};
use crate::views::on_demand::{OnDemandEvent, OnDemandView};

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

/// The view of the program shown: an embed shows the Python it was given,
/// unless the program is locked or the Python hidden; the full page the
/// view the learner chose.
fn shown_view(state: &Playground) -> EditorView {
    match (
        state.embed,
        state.python.is_some() && !state.readonly && !state.hide.code,
    ) {
        (false, _) => state.editor_view,
        (true, true) => EditorView::Python,
        (true, false) => EditorView::Text,
    }
}

/// The table editor or the Python view when one is chosen (the text's
/// view is always there, hidden when another is shown).
fn other_view(state: &UseReducerHandle<Playground>, view: EditorView) -> Html {
    let (lang, dispatch) = (state.lang, state.dispatcher());
    match (view, &state.program) {
        (EditorView::Table, Ok(_)) => {
            let on_event = Callback::from(move |event| {
                if let OnDemandEvent::Edited(text) = event {
                    dispatch.dispatch(Action::Edit(text));
                }
            });
            let view = OnDemandView::Table {
                lang,
                source: state.source.to_string(),
            };
            html! { <OnDemand {lang} {view} {on_event} /> }
        }
        (EditorView::Table, Err(_)) => {
            html! { <p class="error">{ Key::FixTextFirst.text(lang) }</p> }
        }
        (EditorView::Python, _) => html! {
            <PythonView lang={lang} python={state.python.clone()} program={state.program.clone().ok()}
                on_edit={dispatch.to_callback().reform(Action::EditPython)}
                on_to_task_list={dispatch.to_callback().reform(|()| Action::LeavePython)} />
        },
        (EditorView::Text, _) => Html::default(),
    }
}

/// The program's section, headed `heading`; `hash` is the page's link
/// fragment, which an embed's "open the full page" link keeps.
pub fn program_section(
    state: &UseReducerHandle<Playground>,
    runner: &Runner,
    hash: &str,
    heading: &str,
) -> Html {
    let lang = state.lang;
    let t = |key: Key| key.text(lang);
    let dispatch = state.dispatcher();
    let view = shown_view(state);
    let text = editor(&EditorProps {
        lang,
        id: "program",
        label: Key::ProgramText,
        source: state.source.clone(),
        error: state.program.as_ref().err().cloned(),
        on_edit: dispatch.to_callback().reform(Action::Edit),
        readonly: state.readonly,
    });
    let lint_list = match (state.lints, &state.program) {
        (true, Ok(program)) => html! {
            <LintList lang={lang} program={program.clone()} source={state.source.clone()} />
        },
        _ => Html::default(),
    };
    let other_view = other_view(state, view);
    let run_controls = controls(&ControlsProps {
        lang,
        status: state.status,
        can_run: state.can_run(),
        python: state.python.is_some(),
        time_scale: state.time_scale,
        on_run: dispatch.to_callback().reform(|()| Action::RequestRun),
        on_stop: runner.stop.clone(),
        on_scale: dispatch.to_callback().reform(Action::SetTimeScale),
    });
    html! {
        <section class="program" aria-label={t(Key::Program)}>
            <h2>{ heading.to_string() }</h2>
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
            { other_view }
            <div hidden={view != EditorView::Text}>{ text }{ lint_list }</div>
            { run_controls }
            if state.embed {
                <a class="open-full" href={full_page_url(hash)} target="_blank" rel="noopener">{ t(Key::OpenFull) }</a>
            }
        </section>
    }
}
