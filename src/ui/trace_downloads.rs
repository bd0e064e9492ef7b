//! Buttons that download the run's trace as JSON and as Chrome trace JSON;
//! the worker writes the Chrome trace.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::future_effect::Spawned;
use super::recording::Recording;

use crate::model::i18n::{Key, Lang};
use crate::model::trace_export::trace_json;
use crate::runtime::{chrome_trace, to_text};

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

/// Properties of [`TraceDownloads`].
#[derive(Properties, PartialEq)]
pub struct TraceDownloadsProps {
    pub lang: Lang,
    pub source: String,
    pub time_scale: f64,
    pub events: Recording,
}

/// The two download buttons (shown once a run has events).
#[function_component]
pub fn TraceDownloads(props: &TraceDownloadsProps) -> Html {
    let failed = use_state(|| None::<String>);
    // The worker writing the Chrome trace: an answer that comes after the
    // panel went, or after the next press, is dropped.
    let writing = use_mut_ref(Spawned::default);
    if props.events.is_empty() {
        return Html::default();
    }
    let trace = {
        let (source, scale, events) =
            (props.source.clone(), props.time_scale, props.events.clone());
        move || to_text(&trace_json(&source, scale, &events.events()))
    };
    let json = {
        let trace = trace.clone();
        Callback::from(move |_| download("trace.json", &trace()))
    };
    let chrome = {
        let failed = failed.clone();
        Callback::from(move |_| {
            failed.set(None);
            let (written, failed) = (chrome_trace(trace()), failed.clone());
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
            <button class="download-trace" onclick={json}>{ Key::DownloadTrace.text(props.lang) }</button>
            <button class="download-chrome" onclick={chrome}>{ Key::DownloadChrome.text(props.lang) }</button>
            if let Some(message) = &*failed { <span class="error" role="alert">{ message.clone() }</span> }
        </div>
    }
}
