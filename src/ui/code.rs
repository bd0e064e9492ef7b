//! The program as a Python asyncio script, with a copy button.

use yew::prelude::*;

use crate::model::i18n::{Key, Lang};
use crate::model::program::Program;
use crate::model::python::to_python;

/// Properties of [`Code`].
#[derive(Properties, PartialEq)]
pub struct CodeProps {
    pub lang: Lang,
    pub program: Program,
}

/// The Python export of the program.
#[function_component]
pub fn Code(props: &CodeProps) -> Html {
    let script = use_memo(props.program.clone(), to_python);
    let copied = use_state(|| false);
    let on_copy = {
        let script = script.clone();
        let copied = copied.clone();
        Callback::from(move |_| {
            if let Some(window) = web_sys::window() {
                let _ = window.navigator().clipboard().write_text(&script);
                copied.set(true);
            }
        })
    };
    html! {
        <div class="code">
            <p>{ Key::PythonIntro.text(props.lang) }</p>
            <button onclick={on_copy}>{ if *copied { Key::Copied.text(props.lang) } else { Key::Copy.text(props.lang) } }</button>
            <pre><code>{ (*script).clone() }</code></pre>
        </div>
    }
}
