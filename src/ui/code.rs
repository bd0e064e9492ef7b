//! The program as a Python asyncio script, with a copy button. The worker
//! writes the script, so the first load does not carry the generator.

use std::rc::Rc;

use yew::prelude::*;

use super::clipboard::copy;
use super::worker_answer::use_worker_answer;
use crate::model::i18n::{Key, Lang};
use crate::model::program::CheckedProgram;
use crate::runtime::python_export;

/// Properties of [`Code`].
#[derive(Properties, PartialEq)]
pub struct CodeProps {
    pub lang: Lang,
    pub program: Rc<CheckedProgram>,
}

/// The Python export of the program.
#[function_component]
pub fn Code(props: &CodeProps) -> Html {
    let script = use_worker_answer(Some(props.program.clone()), python_export);
    let copied = use_state(|| false);
    let lang = props.lang;
    let body = match script.as_deref() {
        None => html! { <p class="empty" role="status">{ Key::WritingPython.text(lang) }</p> },
        Some(Err(message)) => html! { <p class="error" role="alert">{ message.clone() }</p> },
        Some(Ok(text)) => {
            let on_copy = {
                let (text, copied) = (text.clone(), copied.clone());
                Callback::from(move |_| {
                    copy(&text);
                    copied.set(true);
                })
            };
            html! { <>
                <button onclick={on_copy}>{ if *copied { Key::Copied.text(lang) } else { Key::Copy.text(lang) } }</button>
                <pre><code>{ text.clone() }</code></pre>
            </> }
        }
    };
    html! {
        <div class="code">
            <p>{ Key::PythonIntro.text(lang) }</p>
            { body }
        </div>
    }
}
