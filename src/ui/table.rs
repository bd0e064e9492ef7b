//! The table editor: the program as a row per block with its steps as
//! chips. Each control's edit is applied here (`views::table`): the page
//! gets the program's new text, or keeps a typed step line that does not
//! parse in its chip, marked, until it does.

mod block_row;
mod step_chip;

use std::rc::Rc;

use yew::prelude::*;

use crate::model::i18n::{Key, Lang};
use crate::model::program::CheckedProgram;
use crate::views::table::{Change, Edited, Invalid, TableEdit};
use block_row::{block_row, BlockRowProps};

/// Properties of [`Table`].
#[derive(Properties, PartialEq)]
pub struct TableProps {
    pub lang: Lang,
    pub program: Rc<CheckedProgram>,
    /// Called with the program's text after an edit.
    pub on_edit: Callback<String>,
}

/// The table editor.
#[function_component]
pub fn Table(props: &TableProps) -> Html {
    let invalid = use_state(|| Rc::new(Vec::<Invalid>::new()));
    let on_change = {
        let (invalid, program, on_edit) = (
            invalid.clone(),
            props.program.clone(),
            props.on_edit.clone(),
        );
        Callback::from(move |edit: TableEdit| {
            // A chip's own edit settles what was typed in it.
            let own = |typed: &&Invalid| {
                matches!(edit.change, Change::StepKind | Change::StepValue)
                    && (typed.block, typed.step) == (edit.block, edit.step)
            };
            let mut kept: Vec<Invalid> = invalid.iter().filter(|t| !own(t)).cloned().collect();
            match edit.apply(&program) {
                Some(Edited::Text(text)) => {
                    invalid.set(Rc::new(kept));
                    on_edit.emit(text);
                }
                Some(Edited::Invalid { line, message }) => {
                    kept.extend(edit.invalid(&program, line, message));
                    invalid.set(Rc::new(kept));
                }
                None => {}
            }
        })
    };
    let add = |change: Change, key: Key| {
        let on_change = on_change.clone();
        let onclick = Callback::from(move |_| on_change.emit(TableEdit::new(change, 0, 0, "")));
        html! { <button {onclick}>{ key.text(props.lang) }</button> }
    };
    html! {
        <div class="table-host">
            <div class="table-editor">
                { for (0..props.program.blocks.len()).map(|block| html! {
                    { block_row(&BlockRowProps {
                        lang: props.lang,
                        program: props.program.clone(),
                        block,
                        invalid: (*invalid).clone(),
                        on_change: on_change.clone(),
                    }) }
                }) }
                <div class="add-blocks">
                    { add(Change::AddTask, Key::AddTask) }
                    { add(Change::AddCoroutine, Key::AddCoroutine) }
                </div>
            </div>
        </div>
    }
}
