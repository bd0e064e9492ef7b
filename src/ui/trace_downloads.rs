//! Buttons that download the run's trace as JSON and as Chrome trace JSON;
//! the worker writes the Chrome trace.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::future_effect::Spawned;

use crate::model::i18n::{Key, Lang};
use crate::runtime::{text_answer, Ask};

/// Saves `contents` as a file called `name` through a temporary object URL.
fn download(name: &str, contents: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let parts = js_sys::Array::of1(&contents.into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/json");
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Ok(link) = document
        .create_element("a")
        .map(|e| e.unchecked_into::<web_sys::HtmlAnchorElement>())
    {
        link.set_href(&url);
        link.set_download(name);
        link.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// The two download buttons of a run with events (nothing without):
/// `failed` shows why the worker could not write the Chrome trace, and
/// `writing` holds its request, dropped by the next press or with the panel.
pub fn trace_downloads(
    lang: Lang,
    trace: impl Fn() -> String + Clone + 'static,
    failed: &UseStateHandle<Option<String>>,
    writing: &Rc<RefCell<Spawned>>,
) -> Html {
    let json = {
        let trace = trace.clone();
        Callback::from(move |_| download("trace.json", &trace()))
    };
    let chrome = {
        let (failed, writing) = (failed.clone(), writing.clone());
        Callback::from(move |_| {
            failed.set(None);
            let (written, failed) = (text_answer(Ask::ChromeTrace, trace()), failed.clone());
            writing.borrow_mut().start(async move {
                match written.await {
                    Ok(text) => download("trace.perfetto.json", &text),
                    Err(message) => failed.set(Some(message)),
                }
            });
        })
    };
    html! {
        <div class="export">
            <button class="download-trace" onclick={json}>{ Key::DownloadTrace.text(lang) }</button>
            <button class="download-chrome" onclick={chrome}>{ Key::DownloadChrome.text(lang) }</button>
            if let Some(message) = &**failed { <span class="error" role="alert">{ message.clone() }</span> }
        </div>
    }
}
