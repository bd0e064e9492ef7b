//! The program as a table: one row per task or coroutine, its steps as
//! small chips that can be edited, added, removed and moved. Every edit
//! changes the program and prints it once, so the text view and the table
//! stay one program.

use std::rc::Rc;

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::model::i18n::{Key, Lang};
use crate::model::parse::{parse, parse_step};
use crate::model::print::{print, step_text};
use crate::model::program::{Amount, Block, BlockKind, CheckedProgram, Program, Step, Text};
use crate::model::steps::{self, Arg, STEPS};

/// Properties of [`Table`].
#[derive(Properties, PartialEq)]
pub struct TableProps {
    pub lang: Lang,
    pub program: Rc<CheckedProgram>,
    pub on_edit: Callback<String>,
}

/// The program's text with step `step` of block `block` written as `line`,
/// or why that line cannot be there.
fn with_step_line(
    program: &Program,
    block: usize,
    step: usize,
    line: &str,
) -> Result<String, String> {
    let written = parse_step(line, program.blocks[block].is_task()).map_err(|e| e.message)?;
    let text = edited(program, |p| p.blocks[block].steps[step] = written);
    parse(&text).map(|_| text).map_err(|e| e.message)
}

/// A program edited by `change`, as text.
fn edited(program: &Program, change: impl FnOnce(&mut Program)) -> String {
    let mut next = program.clone();
    change(&mut next);
    print(&next)
}

/// The table editor.
#[function_component]
pub fn Table(props: &TableProps) -> Html {
    let lang = props.lang;
    let t = |key: Key| key.text(lang);
    let program = &props.program;
    let first_coroutine: AttrValue = program
        .blocks
        .iter()
        .find(|block| !block.is_task())
        .map_or_else(AttrValue::default, |block| block.name.clone().into());
    let emit = |change: Box<dyn Fn(&mut Program)>| {
        let (program, on_edit) = (program.clone(), props.on_edit.clone());
        Callback::from(move |_: MouseEvent| on_edit.emit(edited(&program, |p| change(p))))
    };
    let add_block = |kind: BlockKind, prefix: &'static str| {
        emit(Box::new(move |p: &mut Program| {
            let name = (1..)
                .map(|k| format!("{prefix}{k}"))
                .find(|n| p.block(n).is_none())
                .expect("a free name");
            p.blocks.push(Block {
                name,
                kind,
                steps: vec![Step::Print(Text::literal("hi"))],
            });
        }))
    };
    html! {
        <div class="table-editor">
            <>{ for program.blocks.iter().enumerate().map(|(b, block)| {
                let rename = {
                    let (program, on_edit) = (program.clone(), props.on_edit.clone());
                    Callback::from(move |event: Event| {
                        let input: HtmlInputElement = event.target_unchecked_into();
                        on_edit.emit(edited(&program, |p| p.blocks[b].name = input.value()));
                    })
                };
                let set_copies = {
                    let (program, on_edit) = (program.clone(), props.on_edit.clone());
                    Callback::from(move |event: Event| {
                        let input: HtmlInputElement = event.target_unchecked_into();
                        if let Ok(copies) = input.value().parse::<u32>() {
                            on_edit.emit(edited(&program, |p| p.blocks[b].kind = BlockKind::Task { copies }));
                        }
                    })
                };
                let set_kind = {
                    let (program, on_edit) = (program.clone(), props.on_edit.clone());
                    Callback::from(move |event: Event| {
                        let select: HtmlSelectElement = event.target_unchecked_into();
                        let kind = if select.value() == "task" { BlockKind::Task { copies: 1 } } else { BlockKind::Coroutine };
                        on_edit.emit(edited(&program, |p| p.blocks[b].kind = kind));
                    })
                };
                let copies = match block.kind { BlockKind::Task { copies } => Some(copies), BlockKind::Coroutine => None };
                html! {
                    <div class="block-row" key={b} data-block={block.name.clone()}>
                        <div class="block-head">
                            <label>{ t(Key::Name) }<input class="block-name" value={block.name.clone()} onchange={rename} /></label>
                            <label>{ t(Key::BlockKind) }
                                <select onchange={set_kind}>
                                    <option value="task" selected={block.is_task()}>{ t(Key::TaskKind) }</option>
                                    <option value="coroutine" selected={!block.is_task()}>{ t(Key::CoroutineKind) }</option>
                                </select>
                            </label>
                            if let Some(copies) = copies {
                                <label>{ t(Key::Copies) }<input class="copies" type="number" min="1" max="10000" value={copies.to_string()} onchange={set_copies} /></label>
                            }
                            <button class="remove-block" onclick={emit(Box::new(move |p: &mut Program| { p.blocks.remove(b); }))}>{ t(Key::RemoveBlock) }</button>
                        </div>
                        <ol class="chips">
                            <>{ for block.steps.iter().enumerate().map(|(s, step)| {
                                let on_line = {
                                    let (program, on_edit) = (program.clone(), props.on_edit.clone());
                                    Callback::from(move |line: String| match with_step_line(&program, b, s, &line) {
                                        Ok(text) => {
                                            on_edit.emit(text);
                                            None
                                        }
                                        Err(message) => Some(message),
                                    })
                                };
                                let on_move = {
                                    let (program, on_edit) = (program.clone(), props.on_edit.clone());
                                    Callback::from(move |to: usize| on_edit.emit(edited(&program, |p| p.blocks[b].steps.swap(s, to))))
                                };
                                let on_remove = emit(Box::new(move |p: &mut Program| { p.blocks[b].steps.remove(s); }));
                                html! {
                                    <li key={s}><Chip lang={lang} step={s} text={step_text(step)} last={s + 1 == block.steps.len()}
                                        coroutine={first_coroutine.clone()} on_line={on_line} on_move={on_move} on_remove={on_remove} /></li>
                                }
                            }) }</>
                            <li>
                                <button class="add-step" onclick={emit(Box::new(move |p: &mut Program| p.blocks[b].steps.push(Step::Sleep(Amount::fixed(100)))))}>{ t(Key::AddStep) }</button>
                            </li>
                        </ol>
                    </div>
                }
            }) }</>
            <div class="add-blocks">
                <button onclick={add_block(BlockKind::Task { copies: 1 }, "task")}>{ t(Key::AddTask) }</button>
                <button onclick={add_block(BlockKind::Coroutine, "coroutine")}>{ t(Key::AddCoroutine) }</button>
            </div>
        </div>
    }
}

/// Properties of [`Chip`].
#[derive(Properties, PartialEq)]
pub struct ChipProps {
    pub lang: Lang,
    /// Where the step is in its block.
    pub step: usize,
    /// The step as written, e.g. `sleep 3000`.
    pub text: String,
    pub last: bool,
    /// The coroutine a chip turned into spawn, await or call starts with.
    pub coroutine: AttrValue,
    /// Tries a new line for the step: `None` once the program has it, else why not.
    pub on_line: Callback<String, Option<String>>,
    /// Moves the step to this place in its block.
    pub on_move: Callback<usize>,
    pub on_remove: Callback<MouseEvent>,
}

/// A step line as typed that does not parse, and why.
#[derive(Clone, PartialEq)]
struct Invalid {
    line: String,
    message: String,
}

/// One step: its kind, its value, and buttons to move or remove it. A
/// value that does not parse stays in the chip, marked, until it does or
/// the step is changed elsewhere.
#[function_component]
pub fn Chip(props: &ChipProps) -> Html {
    let t = |key: Key| key.text(props.lang);
    let invalid = use_state_eq(|| None::<Invalid>);
    {
        let invalid = invalid.clone();
        use_effect_with(props.text.clone(), move |_| invalid.set(None));
    }
    let shown = invalid
        .as_ref()
        .map_or(props.text.as_str(), |invalid| invalid.line.as_str());
    let (kind, value) = shown.split_once(' ').unwrap_or((shown, ""));
    let s = props.step;
    let try_line = {
        let (on_line, invalid) = (props.on_line.clone(), invalid.clone());
        move |line: String| {
            let message = on_line.emit(line.clone());
            invalid.set(message.map(|message| Invalid { line, message }));
        }
    };
    let on_kind = {
        let (try_line, coroutine) = (try_line.clone(), props.coroutine.clone());
        Callback::from(move |event: Event| {
            let select: HtmlSelectElement = event.target_unchecked_into();
            let Some(kind) = steps::find(&select.value()) else {
                return;
            };
            let value = match kind.arg {
                Arg::Name(_) => coroutine.as_str(),
                _ => kind.starts_with,
            };
            try_line(format!("{} {value}", kind.keyword).trim_end().to_string());
        })
    };
    let on_value = {
        let (try_line, kind) = (try_line.clone(), kind.to_string());
        Callback::from(move |event: InputEvent| {
            let input: HtmlInputElement = event.target_unchecked_into();
            try_line(format!("{kind} {}", input.value()).trim_end().to_string());
        })
    };
    let reorder = |to: usize| props.on_move.reform(move |_: MouseEvent| to);
    html! {
        <span class={classes!("chip", invalid.is_some().then_some("invalid"))} title={invalid.as_ref().map(|invalid| invalid.message.clone())}>
            <select aria-label={t(Key::StepKind)} onchange={on_kind}>
                { for STEPS.iter().map(|step| html! { <option value={step.keyword} title={step.python} selected={step.keyword == kind}>{ step.keyword }</option> }) }
            </select>
            if !steps::find(kind).is_some_and(|step| matches!(step.arg, Arg::Nothing(_))) {
                <input aria-label={t(Key::StepValue)} value={value.to_string()} oninput={on_value} size={value.chars().count().clamp(3, 28).to_string()} />
            }
            <button class="move" aria-label={t(Key::MoveEarlier)} title={t(Key::MoveEarlier)} disabled={s == 0} onclick={reorder(s.saturating_sub(1))}>{ "‹" }</button>
            <button class="move" aria-label={t(Key::MoveLater)} title={t(Key::MoveLater)} disabled={props.last} onclick={reorder(s + 1)}>{ "›" }</button>
            <button class="remove" aria-label={t(Key::RemoveStep)} title={t(Key::RemoveStep)} onclick={props.on_remove.clone()}>{ "×" }</button>
        </span>
    }
}
