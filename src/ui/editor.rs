//! The program as editable text, with the parse error shown at its line.

use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use crate::model::i18n::{Key, Lang};
use crate::model::parse::ParseError;

/// Properties of [`Editor`].
#[derive(Properties, PartialEq)]
pub struct EditorProps {
    pub lang: Lang,
    pub source: String,
    pub error: Option<ParseError>,
    pub on_edit: Callback<String>,
}

/// A text area for the program and the error under it.
#[function_component]
pub fn Editor(props: &EditorProps) -> Html {
    let on_input = {
        let on_edit = props.on_edit.clone();
        Callback::from(move |event: InputEvent| {
            let area: HtmlTextAreaElement = event.target_unchecked_into();
            on_edit.emit(area.value());
        })
    };
    let rows = props.source.lines().count().clamp(8, 24) as u32;
    html! {
        <div class="editor">
            <label for="program-text">{ Key::ProgramText.text(props.lang) }</label>
            <textarea
                id="program-text"
                spellcheck="false"
                rows={rows.to_string()}
                value={props.source.clone()}
                oninput={on_input}
                aria-invalid={props.error.is_some().to_string()}
                aria-describedby="program-error"
            />
            <p id="program-error" class="error" role="status">
                { props.error.as_ref().map(|error| {
                    let line = props.source.lines().nth(error.line - 1).unwrap_or_default();
                    html! {
                        <>
                            <strong>{ format!("{}{} {error}", Key::ErrorAt.text(props.lang), props.lang.pick(":", "：")) }</strong>
                            <code class="error-line">{ line }</code>
                            <code class="error-caret">{ format!("{}^", " ".repeat(error.col.saturating_sub(1))) }</code>
                        </>
                    }
                }) }
            </p>
        </div>
    }
}
