//! A part of the page the worker writes as HTML (the lints, the quiz):
//! asked again when its request changes, the last answer kept until the
//! next one comes.

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
    {
        let written = written.clone();
        use_future_effect((props.ask, props.request.clone()), move |(ask, request)| {
            let asked = text_answer(*ask, request.to_string());
            Some(async move { written.set(Some(asked.await.map(AttrValue::from))) })
        });
    }
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
