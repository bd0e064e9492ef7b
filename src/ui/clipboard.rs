//! Copying text to the clipboard, where a browser that refuses is not an
//! error.

use wasm_bindgen_futures::{spawn_local, JsFuture};

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
