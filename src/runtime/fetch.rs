//! `fetch URL [select "css"]`: a real request that an AbortController
//! cancels when the future is dropped, and a CSS selection on the HTML.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, DomParser, Request, RequestInit, Response, SupportedType};

use super::resource_counts::{Resource, Tracked};

/// What a fetch got.
pub struct Fetched {
    pub status: u16,
    pub bytes: u64,
    pub items: Vec<String>,
}

/// Aborts the request when dropped (a stopped run, a cancelled task).
struct AbortOnDrop {
    controller: AbortController,
    finished: bool,
    _tracked: Tracked,
}

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        if !self.finished {
            self.controller.abort();
        }
    }
}

/// Fetches `url` and, with `select`, the trimmed text of every element the
/// selector matches. The error says what went wrong, for the task's failure.
pub async fn fetch(url: &str, select: Option<&str>) -> Result<Fetched, String> {
    let controller =
        AbortController::new().map_err(|_| "AbortController is not available".to_string())?;
    let mut guard = AbortOnDrop {
        controller,
        finished: false,
        _tracked: Tracked::new(Resource::Fetch),
    };
    let init = RequestInit::new();
    init.set_signal(Some(&guard.controller.signal()));
    let request = Request::new_with_str_and_init(url, &init)
        .map_err(|_| format!("{url} is not a valid URL"))?;
    let window = web_sys::window().ok_or_else(|| "fetch runs on the page only".to_string())?;
    let response: Response = JsFuture::from(window.fetch_with_request(&request))
        .await
        .map_err(|_| format!("fetch {url}: the network request failed"))?
        .unchecked_into();
    let text = JsFuture::from(
        response
            .text()
            .map_err(|_| format!("fetch {url}: no body"))?,
    )
    .await
    .map_err(|_| format!("fetch {url}: the body could not be read"))?
    .as_string()
    .unwrap_or_default();
    guard.finished = true;
    let items = match select {
        Some(css) => select_texts(&text, css)?,
        None => Vec::new(),
    };
    Ok(Fetched {
        status: response.status(),
        bytes: text.len() as u64,
        items,
    })
}

fn select_texts(html: &str, css: &str) -> Result<Vec<String>, String> {
    let parser = DomParser::new().map_err(|_| "DOMParser is not available".to_string())?;
    let document = parser
        .parse_from_string(html, SupportedType::TextHtml)
        .map_err(|_| "the page is not HTML".to_string())?;
    let nodes = document
        .query_selector_all(css)
        .map_err(|_| format!("{css:?} is not a valid CSS selector"))?;
    Ok((0..nodes.length())
        .filter_map(|index| nodes.item(index))
        .filter_map(|node| node.text_content())
        .map(|text| text.trim().to_string())
        .collect())
}
