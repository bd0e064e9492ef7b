//! One block of the table editor: its name, kind and copies, a button to
//! remove it, and its steps as chips.

use std::rc::Rc;

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::step_chip::{step_chip, StepChipProps};
use crate::model::i18n::{Key, Lang};
use crate::model::program::{BlockKind, CheckedProgram};
use crate::views::table::{chip_line, Change, Invalid, TableEdit};

/// What [`block_row`] shows, and what its controls call.
pub struct BlockRowProps {
    pub lang: Lang,
    pub program: Rc<CheckedProgram>,
    /// Which block of the program.
    pub block: usize,
    /// The typed step lines that do not parse, for the chips to show.
    pub invalid: Rc<Vec<Invalid>>,
    pub on_change: Callback<TableEdit>,
}

/// A block's row.
pub fn block_row(props: &BlockRowProps) -> Html {
    let (lang, b) = (props.lang, props.block);
    let t = |key: Key| key.text(lang);
    let block = &props.program.blocks[b];
    let edit = |change: Change| {
        props
            .on_change
            .reform(move |value: String| TableEdit::new(change, b, 0, value))
    };
    let typed = |change: Change| {
        edit(change)
            .reform(|event: Event| event.target_unchecked_into::<HtmlInputElement>().value())
    };
    let chosen = edit(Change::Kind)
        .reform(|event: Event| event.target_unchecked_into::<HtmlSelectElement>().value());
    let click = |change: Change| edit(change).reform(|_: MouseEvent| String::new());
    let steps = block.steps.iter().enumerate().map(|(s, step)| {
        let (line, typed) = chip_line(step, b, s, &props.invalid);
        html! {
            { step_chip(&StepChipProps {
                lang,
                block: b,
                step: s,
                line,
                invalid: typed.map(|typed| AttrValue::from(typed.message.clone())),
                last: s + 1 == block.steps.len(),
                on_change: props.on_change.clone(),
            }) }
        }
    });
    html! {
        <div class="block-row" data-block={block.name.clone()}>
            <div class="block-head">
                <label>{ t(Key::Name) }<input class="block-name" value={block.name.clone()} onchange={typed(Change::Rename)} /></label>
                <label>{ t(Key::BlockKind) }
                    <select onchange={chosen}>
                        <option value="task" selected={block.is_task()}>{ t(Key::TaskKind) }</option>
                        <option value="coroutine" selected={!block.is_task()}>{ t(Key::CoroutineKind) }</option>
                    </select>
                </label>
                if let BlockKind::Task { copies } = block.kind {
                    <label>{ t(Key::Copies) }
                        <input class="copies" type="number" min="1" max="10000" value={copies.to_string()} onchange={typed(Change::Copies)} />
                    </label>
                }
                <button class="remove-block" onclick={click(Change::RemoveBlock)}>{ t(Key::RemoveBlock) }</button>
            </div>
            <ol class="chips">
                { for steps }
                <li><button class="add-step" onclick={click(Change::AddStep)}>{ t(Key::AddStep) }</button></li>
            </ol>
        </div>
    }
}
