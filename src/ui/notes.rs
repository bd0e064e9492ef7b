//! The Notes tab: a preset's title, the tutorial's section it comes from,
//! what it explains (the worker holds those texts) and what to notice.

use yew::prelude::*;

use super::future_effect::use_future_effect;
use crate::model::i18n::{Key, Lang};
use crate::model::presets::{NotesAsk, Preset};
use crate::runtime::{typed_answer, Ask};

/// Properties of [`Notes`].
#[derive(Properties, PartialEq)]
pub struct NotesProps {
    pub lang: Lang,
    pub preset: &'static Preset,
}

/// The preset's notes, with its explanation once the worker sends it.
#[function_component]
pub fn Notes(props: &NotesProps) -> Html {
    let explained = use_state(|| None::<Result<String, String>>);
    {
        let explained = explained.clone();
        use_future_effect((props.lang, props.preset.id), move |(lang, id)| {
            let asked = NotesAsk {
                lang: *lang,
                preset: id.to_string(),
            };
            let answer = typed_answer::<String>(Ask::Explanation, &asked);
            Some(async move { explained.set(Some(answer.await)) })
        });
    }
    let (lang, preset) = (props.lang, props.preset);
    let t = |key: Key| key.text(lang);
    let explanation = match &*explained {
        Some(Ok(text)) => html! { <p>{ text.clone() }</p> },
        Some(Err(message)) => html! { <p class="error" role="alert">{ message.clone() }</p> },
        None => html! { <p class="empty" role="status">{ t(Key::Loading) }</p> },
    };
    html! {
        <article class="notes">
            <h3>{ lang.pick(preset.title.en, preset.title.zh) }</h3>
            <p class="source">{ t(Key::FromSection) }{ " " }{ preset.section }{ lang.pick("", " 节") }</p>
            { explanation }
            <p><strong>{ t(Key::WhatToNotice) }{ lang.pick(": ", "：") }</strong>{ lang.pick(preset.notice.en, preset.notice.zh) }</p>
        </article>
    }
}
