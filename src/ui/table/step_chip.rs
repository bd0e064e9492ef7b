//! One step of the table editor as a chip: its kind, the value typed after
//! it, and buttons to move or remove it.

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::model::i18n::{Key, Lang};
use crate::model::steps::STEPS;
use crate::views::table::{takes_value, Change, TableEdit};

/// What [`step_chip`] shows, and what its controls call.
pub struct StepChipProps {
    pub lang: Lang,
    pub block: usize,
    pub step: usize,
    /// The line the chip shows: the step's, or one typed that does not parse.
    pub line: String,
    /// Why the line shown does not parse, when it does not.
    pub invalid: Option<AttrValue>,
    /// Whether this is the block's last step.
    pub last: bool,
    pub on_change: Callback<TableEdit>,
}

/// A step's chip.
pub fn step_chip(props: &StepChipProps) -> Html {
    let (lang, b, s) = (props.lang, props.block, props.step);
    let t = |key: Key| key.text(lang);
    let (keyword, value) = props.line.split_once(' ').unwrap_or((&props.line, ""));
    let edit = |change: Change| {
        props
            .on_change
            .reform(move |value: String| TableEdit::new(change, b, s, value))
    };
    let on_kind = edit(Change::StepKind)
        .reform(|event: Event| event.target_unchecked_into::<HtmlSelectElement>().value());
    let typed = |keyword: String| {
        edit(Change::StepValue)
            .reform(move |input: HtmlInputElement| format!("{keyword} {}", input.value()))
    };
    // A value typed through an input method is edited once composed,
    let oninput = {
        let typed = typed(keyword.to_string());
        Callback::from(move |event: InputEvent| {
            if !event.is_composing() {
                typed.emit(event.target_unchecked_into());
            }
        })
    };
    // and, in case the input method's last input was composing, on change.
    let onchange = typed(keyword.to_string())
        .reform(|event: Event| event.target_unchecked_into::<HtmlInputElement>());
    let button = |change: Change, key: Key, sign: &'static str, disabled: bool| {
        let class = if change == Change::Remove {
            "remove"
        } else {
            "move"
        };
        let onclick = edit(change).reform(|_: MouseEvent| String::new());
        html! { <button {class} aria-label={t(key)} title={t(key)} {disabled} {onclick}>{ sign }</button> }
    };
    html! {
        <li>
            <span class={classes!("chip", props.invalid.is_some().then_some("invalid"))} title={props.invalid.clone()}>
                <select aria-label={t(Key::StepKind)} onchange={on_kind}>
                    { for STEPS.iter().map(|kind| html! {
                        <option value={kind.keyword} title={kind.python} selected={kind.keyword == keyword}>{ kind.keyword }</option>
                    }) }
                </select>
                if takes_value(keyword) {
                    <input aria-label={t(Key::StepValue)} value={value.to_string()} size={value.chars().count().clamp(3, 28).to_string()}
                        {oninput} {onchange} />
                }
                { button(Change::Earlier, Key::MoveEarlier, "‹", s == 0) }
                { button(Change::Later, Key::MoveLater, "›", props.last) }
                { button(Change::Remove, Key::RemoveStep, "×", false) }
            </span>
        </li>
    }
}
