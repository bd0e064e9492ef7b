//! The page's keys: Ctrl+Enter (⌘+Enter) runs and Escape stops wherever
//! the focus is on the page, a link that skips to the program, and the
//! popover that lists every key the page answers.

use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, KeyboardEvent};
use yew::prelude::*;

use super::listener::Listener;
use crate::model::i18n::{Key, Lang};

/// Every key the page answers, and what it does: (the keys in English, in
/// Chinese, what they do in English, in Chinese).
const KEY_LIST: [(&str, &str, &str, &str); 6] = [
    ("Ctrl+Enter, ⌘+Enter", "Ctrl+Enter、⌘+Enter", "Run", "运行"),
    ("Esc", "Esc", "Stop", "停止"),
    (
        "← → Home End",
        "← → Home End",
        "Step through a run",
        "逐步回放",
    ),
    (
        "↑ ↓",
        "↑ ↓",
        "Step through the log's lines",
        "在日志中逐行回放",
    ),
    (
        "+ − 0",
        "+ − 0",
        "Zoom the timeline in, out, back",
        "放大、缩小、还原时间线",
    ),
    (
        "Arrow keys on a slice",
        "片段上的方向键",
        "Next slice, or the lane above or below",
        "到下一个片段，或上下一条泳道",
    ),
];

/// The id of the program's text, where the skip link goes.
const PROGRAM_TEXT: &str = "program-text";

/// What the page does with a key pressed within it: Ctrl+Enter or
/// ⌘+Enter runs (`on_run`), Escape stops (`on_stop`).
fn on_shortcut(on_run: Callback<()>, on_stop: Callback<()>) -> Callback<KeyboardEvent> {
    Callback::from(move |event: KeyboardEvent| match event.key().as_str() {
        "Enter" if event.ctrl_key() || event.meta_key() => {
            event.prevent_default();
            on_run.emit(());
        }
        "Escape" => on_stop.emit(()),
        _ => {}
    })
}

/// Answers the page's keys (`on_shortcut`) wherever the focus is, in the
/// on-demand wasm's views too: a listener on the document while the page
/// lives, since yew gives the page's own handlers only the events of the
/// page's own elements.
#[hook]
pub fn use_shortcuts(on_run: Callback<()>, on_stop: Callback<()>) {
    let latest = use_mut_ref(Callback::noop);
    *latest.borrow_mut() = on_shortcut(on_run, on_stop);
    use_effect_with((), move |_| {
        let document = web_sys::window().and_then(|window| window.document());
        let listener = Listener::new(document.map(Into::into), "keydown", move |event| {
            let on_key = latest.borrow().clone();
            if let Ok(event) = event.dyn_into::<KeyboardEvent>() {
                on_key.emit(event);
            }
        });
        move || drop(listener)
    });
}

/// The link, first in the tab order, that takes the focus to the program.
pub fn skip_link(lang: Lang) -> Html {
    let on_click = Callback::from(|event: MouseEvent| {
        event.prevent_default();
        let area = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(PROGRAM_TEXT));
        if let Some(area) = area.and_then(|a| a.dyn_into::<HtmlElement>().ok()) {
            let _ = area.focus();
        }
    });
    html! {
        <a class="skip" href={format!("#{PROGRAM_TEXT}")} onclick={on_click}>{ Key::SkipToProgram.text(lang) }</a>
    }
}

/// The button that opens the list of keys, and the list (a popover: the browser opens and closes it, Escape and a click outside
/// included).
pub fn keys_help(lang: Lang) -> Html {
    let t = |key: Key| key.text(lang);
    html! { <>
        <button class="keys-button" popovertarget="keys">{ t(Key::Keys) }</button>
        <div id="keys" class="keys" popover="">
            <h2>{ t(Key::Keys) }</h2>
            <dl>
                { for KEY_LIST.iter().map(|(keys_en, keys_zh, does_en, does_zh)| html! { <>
                    <dt>{ lang.pick(keys_en, keys_zh) }</dt>
                    <dd>{ lang.pick(does_en, does_zh) }</dd>
                </> }) }
            </dl>
        </div>
    </> }
}
