//! The preset's explanation, where it comes from, and what to notice. The
//! worker holds the explanations, so the first load does not carry them.

use std::rc::Rc;

use yew::prelude::*;

use super::future_effect::use_future_effect;
use crate::model::i18n::{Key, Lang};
use crate::model::presets::Preset;
use crate::runtime::explanation;

/// Properties of [`Notes`].
#[derive(Properties, PartialEq)]
pub struct NotesProps {
    pub lang: Lang,
    pub preset: &'static Preset,
}

/// The notes of a preset.
#[function_component]
pub fn Notes(props: &NotesProps) -> Html {
    let (lang, preset) = (props.lang, props.preset);
    let explained = use_state(|| None::<Rc<Result<(String, String), String>>>);
    {
        let explained = explained.clone();
        use_future_effect(preset.id, move |id| {
            explained.set(None);
            let asked = explanation(id.to_string());
            Some(async move { explained.set(Some(Rc::new(asked.await))) })
        });
    }
    let text = match explained.as_deref() {
        None => html! { <p class="empty" role="status">{ Key::Loading.text(lang) }</p> },
        Some(Ok((en, zh))) => html! { <p>{ if lang == Lang::En { en } else { zh } }</p> },
        Some(Err(message)) => html! { <p class="error" role="alert">{ message.clone() }</p> },
    };
    html! {
        <article class="notes">
            <h3>{ lang.pick(preset.title.en, preset.title.zh) }</h3>
            <p class="source">{ format!("{} {}", Key::FromSection.text(lang), preset.section) }{ lang.pick("", " 节") }</p>
            { text }
            <p><strong>{ Key::WhatToNotice.text(lang) }{ lang.pick(": ", "：") }</strong>{ lang.pick(preset.notice.en, preset.notice.zh) }</p>
        </article>
    }
}
