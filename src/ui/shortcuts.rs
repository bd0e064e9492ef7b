//! The page's keys: Ctrl+Enter (⌘+Enter) runs and Escape stops wherever
//! the focus is on the page, a link that skips to the program, and the
//! popover that lists every key the page answers.

use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, KeyboardEvent};
use yew::prelude::*;

use super::worker_html::WorkerHtml;
use crate::model::i18n::{Key, Lang};
use crate::runtime::Ask;

/// The id of the program's text, where the skip link goes.
const PROGRAM_TEXT: &str = "program-text";

/// What the page does with a key pressed within it: Ctrl+Enter or
/// ⌘+Enter runs (`on_run`), Escape stops (`on_stop`).
pub fn on_shortcut(on_run: Callback<()>, on_stop: Callback<()>) -> Callback<KeyboardEvent> {
    Callback::from(move |event: KeyboardEvent| match event.key().as_str() {
        "Enter" if event.ctrl_key() || event.meta_key() => {
            event.prevent_default();
            on_run.emit(());
        }
        "Escape" => on_stop.emit(()),
        _ => {}
    })
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

/// The button that opens the list of keys, and the list the worker writes
/// (a popover: the browser opens and closes it, Escape and a click outside
/// included).
pub fn keys_help(lang: Lang) -> Html {
    let t = |key: Key| key.text(lang);
    html! { <>
        <button class="keys-button" popovertarget="keys">{ t(Key::Keys) }</button>
        <div id="keys" class="keys" popover="">
            <WorkerHtml lang={lang} ask={Ask::Keys} request={lang.code()} />
        </div>
    </> }
}
