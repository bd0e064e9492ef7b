//! Editable text (the program's, or the Python it is imported from), with
//! the error shown at its line.

use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use crate::model::i18n::{Key, Lang};
use crate::model::parse_error::ParseError;

/// What [`editor`] shows, and what its controls call.
pub struct EditorProps {
    pub lang: Lang,
    /// What the ids start with: the text area is `{id}-text`, its error
    /// `{id}-error`.
    pub id: &'static str,
    /// What the text area's label says.
    pub label: Key,
    pub source: String,
    /// What is wrong with the text; line 0 for an error of no line.
    pub error: Option<ParseError>,
    pub on_edit: Callback<String>,
    /// The text cannot be edited (a challenge's program).
    pub readonly: bool,
}

/// A text area and the error under it.
pub fn editor(props: &EditorProps) -> Html {
    let on_input = {
        let on_edit = props.on_edit.clone();
        Callback::from(move |event: InputEvent| {
            let area: HtmlTextAreaElement = event.target_unchecked_into();
            on_edit.emit(area.value());
        })
    };
    let rows = props.source.lines().count().clamp(8, 24) as u32;
    let (area_id, error_id) = (format!("{}-text", props.id), format!("{}-error", props.id));
    html! {
        <div class="editor">
            <label for={area_id.clone()}>{ props.label.text(props.lang) }</label>
            <textarea
                id={area_id}
                spellcheck="false"
                readonly={props.readonly}
                rows={rows.to_string()}
                value={props.source.clone()}
                oninput={on_input}
                aria-invalid={props.error.is_some().to_string()}
                aria-describedby={error_id.clone()}
            />
            <p id={error_id} class="error" role="status">
                { props.error.as_ref().map(|error| {
                    let place = error.line.checked_sub(1).map(|at| html! { <>
                        <code class="error-line">{ props.source.lines().nth(at).unwrap_or_default() }</code>
                        <code class="error-caret">{ format!("{}^", " ".repeat(error.col.saturating_sub(1))) }</code>
                    </> });
                    let what = if place.is_some() { error.to_string() } else { error.message.clone() };
                    html! {
                        <>
                            <strong>{ format!("{}{} {what}", Key::ErrorAt.text(props.lang), props.lang.pick(":", "：")) }</strong>
                            { place }
                        </>
                    }
                }) }
            </p>
        </div>
    }
}
