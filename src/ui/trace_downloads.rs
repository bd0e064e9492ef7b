//! Buttons that download the run's trace as JSON and as Chrome trace JSON.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::json::to_text;
use super::recording::Recording;

use crate::model::i18n::{Key, Lang};
use crate::model::trace_export::{chrome_trace, trace_json};

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
    if props.events.is_empty() {
        return Html::default();
    }
    let json = {
        let (source, scale, events) =
            (props.source.clone(), props.time_scale, props.events.clone());
        Callback::from(move |_| {
            download(
                "trace.json",
                &to_text(&trace_json(&source, scale, &events.events())),
            )
        })
    };
    let chrome = {
        let events = props.events.clone();
        Callback::from(move |_| {
            download(
                "trace.perfetto.json",
                &to_text(&chrome_trace(&events.events())),
            )
        })
    };
    html! {
        <div class="export">
            <button class="download-trace" onclick={json}>{ Key::DownloadTrace.text(props.lang) }</button>
            <button class="download-chrome" onclick={chrome}>{ Key::DownloadChrome.text(props.lang) }</button>
        </div>
    }
}
