//! The preset's explanation, where it comes from, and what to notice.

use yew::prelude::*;

use crate::model::i18n::{Key, Lang};
use crate::model::presets::Preset;

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
    html! {
        <article class="notes">
            <h3>{ lang.pick(preset.title.en, preset.title.zh) }</h3>
            <p class="source">{ format!("{} {}", Key::FromSection.text(lang), preset.section) }{ lang.pick("", " 节") }</p>
            <p>{ lang.pick(preset.explanation.en, preset.explanation.zh) }</p>
            <p><strong>{ Key::WhatToNotice.text(lang) }{ lang.pick(": ", "：") }</strong>{ lang.pick(preset.notice.en, preset.notice.zh) }</p>
        </article>
    }
}
