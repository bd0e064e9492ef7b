//! The editor's Python view: Python the learner writes, which the worker
//! imports into the program, with the import's error at its line and its
//! notes; with no Python written, it starts from the program's export.

use std::rc::Rc;

use yew::prelude::*;

use super::editor::{editor, EditorProps};
use super::future_effect::use_future_effect;
use super::state::{Action, Playground, PythonSource};
use crate::model::i18n::{Key, Lang};
use crate::model::print::print;
use crate::model::program::CheckedProgram;
use crate::runtime::{import_python, text_answer, Ask};

/// Properties of [`PythonView`].
#[derive(Properties, PartialEq)]
pub struct PythonViewProps {
    pub lang: Lang,
    /// The Python written, if any.
    pub python: Option<PythonSource>,
    /// The program, whose export the view starts from when no Python is written.
    pub program: Option<Rc<CheckedProgram>>,
    /// Gets the Python after each edit.
    pub on_edit: Callback<String>,
    /// Turns the Python into the task list it was imported into.
    pub on_to_task_list: Callback<()>,
}

/// The Python, its error or the notes on how it was read.
#[function_component]
pub fn PythonView(props: &PythonViewProps) -> Html {
    let lang = props.lang;
    // With no Python written, the view starts from the program's export.
    let export = use_state(String::new);
    {
        let export = export.clone();
        let program = props
            .python
            .is_none()
            .then(|| props.program.clone())
            .flatten();
        use_future_effect(program, move |program| {
            export.set(String::new());
            let asked = text_answer(Ask::Python, print(program.as_ref()?));
            Some(async move { export.set(asked.await.unwrap_or_default()) })
        });
    }
    let (text, outcome) = match &props.python {
        Some(python) => (python.text.clone(), python.imported.clone()),
        None => ((*export).clone(), Some(Ok(Vec::new()))),
    };
    let written = props.python.is_some();
    let notes = match &outcome {
        None => html! { <p class="empty" role="status">{ Key::ReadingPython.text(lang) }</p> },
        Some(Ok(notes)) if !notes.is_empty() => html! {
            <section class="import-notes" aria-label={Key::ImportNotes.text(lang)}>
                <ul>{ for notes.iter().map(|(en, zh)| html! { <li>{ if lang == Lang::En { en } else { zh } }</li> }) }</ul>
            </section>
        },
        Some(_) => Html::default(),
    };
    let to_task_list = match &outcome {
        Some(Ok(_)) if written => html! {
            <button class="to-task-list" onclick={props.on_to_task_list.reform(|_: MouseEvent| ())}>
                { Key::ToTaskList.text(lang) }
            </button>
        },
        _ => Html::default(),
    };
    // Where the importer cannot read the Python, its error says why; the
    // Python still runs as Python.
    let error = outcome
        .and_then(Result::err)
        .filter(|_| written)
        .map(|mut error| {
            error.message = format!("{} {}", Key::StaysPython.text(lang), error.message);
            error
        });
    html! { <>
        if written {
            <p class="python-mode">{ Key::PythonMode.text(lang) }</p>
        }
        { editor(&EditorProps {
            lang,
            id: "python",
            label: Key::PythonText,
            source: text,
            error,
            on_edit: props.on_edit.clone(),
            readonly: false,
        }) }
        { to_task_list }
        { notes }
    </> }
}

/// Has the worker import the Python the page is reading, and hands the
/// outcome to the page; a newer edit drops the older import.
#[hook]
pub fn use_python_import(state: &UseReducerHandle<Playground>) {
    let reading = state
        .python
        .as_ref()
        .filter(|python| python.imported.is_none())
        .map(|python| python.text.clone());
    let dispatch = state.dispatcher();
    use_future_effect(reading, move |reading| {
        reading.clone().map(|python| async move {
            let outcome = import_python(python.clone()).await;
            dispatch.dispatch(Action::Imported { python, outcome });
        })
    });
}
