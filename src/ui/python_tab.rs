//! The Python tab: the program as a Python asyncio script, which the worker
//! writes, with a button that copies it.

use std::rc::Rc;

use yew::prelude::*;

use super::clipboard::copy;
use super::future_effect::use_future_effect;
use crate::model::i18n::{Key, Lang};
use crate::model::print::print;
use crate::model::program::CheckedProgram;
use crate::runtime::{text_answer, Ask};

/// Properties of [`PythonTab`].
#[derive(Properties, PartialEq)]
pub struct PythonTabProps {
    pub lang: Lang,
    pub program: Rc<CheckedProgram>,
}

/// What the script is, the copy button, and the script.
#[function_component]
pub fn PythonTab(props: &PythonTabProps) -> Html {
    let script = use_state(|| None::<Result<String, String>>);
    let copied = use_state(|| false);
    {
        let (script, copied) = (script.clone(), copied.clone());
        use_future_effect(props.program.clone(), move |program| {
            let answer = text_answer(Ask::Python, print(program));
            Some(async move {
                script.set(Some(answer.await));
                copied.set(false);
            })
        });
    }
    let t = |key: Key| key.text(props.lang);
    match &*script {
        Some(Ok(text)) => {
            let on_copy = {
                let (text, copied) = (text.clone(), copied.clone());
                Callback::from(move |_: MouseEvent| {
                    copy(&text);
                    copied.set(true);
                })
            };
            html! {
                <div class="code">
                    <p>{ t(Key::PythonIntro) }</p>
                    <button type="button" class="copy" onclick={on_copy}>{ t(if *copied { Key::Copied } else { Key::Copy }) }</button>
                    <pre tabindex="0"><code>{ text.clone() }</code></pre>
                </div>
            }
        }
        Some(Err(message)) => html! { <p class="error" role="alert">{ message.clone() }</p> },
        None => html! { <p class="empty" role="status">{ t(Key::WritingPython) }</p> },
    }
}
