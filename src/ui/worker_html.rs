//! A part of the page the worker writes as HTML (the lints, the quiz, the
//! table): asked again when its request changes, the last answer kept until
//! the next one comes; a control focused in it (marked `data-focus`) keeps
//! the focus, and its caret, when the answer rewrites it.

use js_sys::Reflect;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::HtmlElement;
use yew::prelude::*;

use super::future_effect::use_future_effect;
use crate::model::i18n::{Key, Lang};
use crate::runtime::{text_answer, Ask};

/// Properties of [`WorkerHtml`].
#[derive(Properties, PartialEq)]
pub struct WorkerHtmlProps {
    pub lang: Lang,
    /// What the worker is asked, and about what.
    pub ask: Ask,
    pub request: AttrValue,
    /// What shows until the first answer comes (nothing when `None`).
    #[prop_or_default]
    pub waiting: Option<Key>,
}

/// The worker's answer to [`WorkerHtmlProps::request`], or why there is none.
#[function_component]
pub fn WorkerHtml(props: &WorkerHtmlProps) -> Html {
    let written = use_state(|| None::<Result<AttrValue, String>>);
    let focused = use_mut_ref(|| None::<(String, JsValue)>);
    {
        let (written, focused) = (written.clone(), focused.clone());
        use_future_effect((props.ask, props.request.clone()), move |(ask, request)| {
            let asked = text_answer(*ask, request.to_string());
            Some(async move {
                let answer = asked.await.map(AttrValue::from);
                *focused.borrow_mut() = focused_control();
                written.set(Some(answer));
            })
        });
    }
    use_effect_with((*written).clone(), move |_| {
        if let Some((key, caret)) = focused.borrow_mut().take() {
            refocus(&key, &caret);
        }
    });
    match (&*written, props.waiting) {
        // The worker escapes every text it puts in its HTML.
        (Some(Ok(html)), _) => Html::from_html_unchecked(html.clone()),
        (Some(Err(message)), _) => html! { <p class="error" role="alert">{ message.clone() }</p> },
        (None, Some(waiting)) => {
            html! { <p class="empty" role="status">{ waiting.text(props.lang) }</p> }
        }
        (None, None) => Html::default(),
    }
}

/// The focused control's `data-focus` and caret, if it has one.
fn focused_control() -> Option<(String, JsValue)> {
    let focused = web_sys::window()?.document()?.active_element()?;
    let key = focused.get_attribute("data-focus")?;
    Some((
        key,
        Reflect::get(&focused, &"selectionStart".into()).unwrap_or_default(),
    ))
}

/// Focuses the control marked `data-focus="key"` and puts its caret back,
/// if the focus was lost (another part of the page may have it).
fn refocus(key: &str, caret: &JsValue) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if document
        .active_element()
        .is_some_and(|active| active.tag_name() != "BODY")
    {
        return;
    }
    let control = document
        .query_selector(&format!("[data-focus=\"{key}\"]"))
        .ok()
        .flatten();
    if let Some(control) = control.and_then(|c| c.dyn_into::<HtmlElement>().ok()) {
        let _ = control.focus();
        if caret.as_f64().is_some() {
            let _ = Reflect::set(&control, &"selectionStart".into(), caret);
            let _ = Reflect::set(&control, &"selectionEnd".into(), caret);
        }
    }
}
