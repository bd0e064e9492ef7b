//! The page's components rendered in headless Chromium.
#![cfg(target_arch = "wasm32")]

use coroutine_playground::model::presets::catalog;
use coroutine_playground::ui::App;
use gloo_timers::future::TimeoutFuture;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlTextAreaElement};

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts a fresh page; the link is reset, since the page opens what it names.
fn mount() -> Element {
    let window = web_sys::window().unwrap();
    let path = window.location().pathname().unwrap();
    window
        .history()
        .unwrap()
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&path))
        .unwrap();
    let document = window.document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<App>::with_root(root.clone()).render();
    root
}

/// Lets yew render what was scheduled.
async fn settle() {
    TimeoutFuture::new(30).await;
}

fn all(root: &Element, selector: &str) -> Vec<Element> {
    let nodes = root.query_selector_all(selector).unwrap();
    (0..nodes.length())
        .filter_map(|i| nodes.item(i)?.dyn_into().ok())
        .collect()
}

fn click(root: &Element, selector: &str) {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no {selector}"))
        .unchecked_into::<HtmlElement>()
        .click();
}

#[wasm_bindgen_test]
async fn the_page_renders_the_gallery_editor_and_controls() {
    let root = mount();
    settle().await;
    assert_eq!(all(&root, "[data-preset]").len(), catalog().len());
    assert!(root.query_selector("button.run").unwrap().is_some());
    let text: HtmlTextAreaElement = root
        .query_selector("textarea")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert!(text.value().contains("task hello x4"));
}

/// The worker writes the table (`model::table` has its tests, and the
/// end-to-end tests edit it): where the worker's script cannot load, as
/// here, the table says so instead of staying empty.
#[wasm_bindgen_test]
async fn the_table_says_why_when_the_worker_cannot_write_it() {
    let root = mount();
    settle().await;
    click(&root, ".view-switch button:nth-child(2)");
    for _ in 0..100 {
        if root
            .query_selector(".table-host [role=alert]")
            .unwrap()
            .is_some()
        {
            break;
        }
        settle().await;
    }
    let alert = root
        .query_selector(".table-host [role=alert]")
        .unwrap()
        .expect("the table says why it is missing");
    assert!(alert.text_content().unwrap().contains("worker"));
}
