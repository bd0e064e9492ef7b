//! The table editor: the worker writes the program as a table of blocks and
//! step chips (`model::table`), and each edit a control makes goes to the
//! worker, which gives the program's new text, or the typed step line that
//! does not parse, kept in its chip until it does.

use yew::prelude::*;

use super::future_effect::Spawned;
use super::quiz::closest;
use super::worker_html::WorkerHtml;
use crate::model::i18n::{Key, Lang};
use crate::model::table::{invalid_prefix, table_request};
use crate::runtime::{text_answer, Ask};

/// Properties of [`Table`].
#[derive(Properties, PartialEq)]
pub struct TableProps {
    pub lang: Lang,
    pub source: AttrValue,
    pub on_edit: Callback<String>,
}

/// The edit a control makes on `kind` of event (`input` while a step's
/// value is typed, `change` for the other fields, `click` for buttons).
fn edit_on(edit: &str) -> &'static str {
    match edit {
        "step-value" => "input",
        "rename" | "copies" | "kind" | "step-kind" => "change",
        _ => "click",
    }
}

/// The table editor.
#[function_component]
pub fn Table(props: &TableProps) -> Html {
    let invalid = use_state(Vec::<String>::new);
    let asking = use_mut_ref(Spawned::default);
    let on_control = {
        let (invalid, source, on_edit) =
            (invalid.clone(), props.source.clone(), props.on_edit.clone());
        Callback::from(move |event: Event| {
            // A value typed through an input method is edited once composed.
            let composing = js_sys::Reflect::get(&event, &"isComposing".into())
                .is_ok_and(|composing| composing.is_truthy());
            let Some(control) = closest(&event, "[data-edit]").filter(|_| !composing) else {
                return;
            };
            let field = |name: &str| control.get_attribute(name).unwrap_or_default();
            let edit = field("data-edit");
            if event.type_() != edit_on(&edit) {
                return;
            }
            let value = js_sys::Reflect::get(&control, &"value".into())
                .ok()
                .and_then(|value| value.as_string())
                .unwrap_or_default();
            let value = match control.get_attribute("data-kind") {
                Some(kind) => format!("{kind} {value}"),
                None => value,
            };
            let (block, step) = (field("data-b"), field("data-s"));
            let asked = text_answer(
                Ask::TableEdit,
                format!("{edit}\n{block}\n{step}\n{value}\n{source}"),
            );
            let (invalid, on_edit) = (invalid.clone(), on_edit.clone());
            asking.borrow_mut().start(async move {
                let Ok(answer) = asked.await else {
                    return;
                };
                // A chip's own edit settles what was typed in it.
                let prefix = invalid_prefix(&block, &step);
                let own = |line: &&String| edit.starts_with("step-") && line.starts_with(&prefix);
                let mut kept: Vec<String> =
                    invalid.iter().filter(|line| !own(line)).cloned().collect();
                match answer.split_once('\n') {
                    Some(("text", text)) => {
                        invalid.set(kept);
                        on_edit.emit(text.to_string());
                    }
                    Some(("invalid", line)) => {
                        kept.push(line.to_string());
                        invalid.set(kept);
                    }
                    _ => {}
                }
            });
        })
    };
    html! {
        <div class="table-host" onchange={on_control.clone()} oninput={on_control.reform(|event: InputEvent| event.into())}
            onclick={on_control.reform(|event: MouseEvent| event.into())}>
            <WorkerHtml lang={props.lang} ask={Ask::Table} request={table_request(props.lang, &invalid, &props.source)} waiting={Some(Key::Loading)} />
        </div>
    }
}
