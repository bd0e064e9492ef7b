//! Copying text to the clipboard, where a browser that refuses is not an
//! error; and the copy button of the Python tab the worker writes.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::Element;
use yew::prelude::*;

use crate::model::i18n::{Key, Lang};

/// Copies `text`; when the browser refuses (no permission, an insecure page),
/// the text stays on the page for the learner to copy by hand.
pub fn copy(text: &str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let written = JsFuture::from(window.navigator().clipboard().write_text(text));
    spawn_local(async move {
        let _ = written.await;
    });
}

/// Copies the Python tab's script when its copy button is pressed, and says
/// so on the button in `lang`.
pub fn on_copy_button(lang: Lang) -> Callback<MouseEvent> {
    Callback::from(move |event: MouseEvent| {
        let button = event
            .target()
            .and_then(|target| target.dyn_into::<Element>().ok())
            .and_then(|target| target.closest("button.copy").ok().flatten());
        let Some(button) = button else {
            return;
        };
        let script = button
            .parent_element()
            .and_then(|tab| tab.query_selector("code").ok().flatten())
            .and_then(|code| code.text_content());
        if let Some(script) = script {
            copy(&script);
            button.set_text_content(Some(Key::Copied.text(lang)));
        }
    })
}
