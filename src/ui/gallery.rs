//! The preset gallery, grouped by the tutorial's sections.

use yew::prelude::*;

use crate::model::i18n::{Key, Lang};
use crate::model::presets::catalog;

/// What [`gallery`] shows, and what its controls call.
pub struct GalleryProps {
    pub lang: Lang,
    pub selected: &'static str,
    pub on_select: Callback<&'static str>,
}

/// Every preset with its title and what to notice; choosing one loads it.
pub fn gallery(props: &GalleryProps) -> Html {
    let lang = props.lang;
    let mut sections: Vec<&str> = Vec::new();
    for preset in catalog() {
        let chapter = preset.section.split('.').next().unwrap_or(preset.section);
        if !sections.contains(&chapter) {
            sections.push(chapter);
        }
    }
    html! {
        <nav class="gallery" aria-label={Key::Gallery.text(lang)}>
            <h2>{ Key::Gallery.text(lang) }</h2>
            { for sections.into_iter().map(|section| html! {
                <section class="gallery-section">
                    <h3>{ format!("{} {section}", Key::Section.text(lang)) }</h3>
                    <ul>
                        { for catalog().iter().filter(|p| p.section.split('.').next() == Some(section)).map(|preset| {
                            let on_select = props.on_select.clone();
                            let id = preset.id;
                            html! {
                                <li>
                                    <button
                                        class={classes!("preset", (props.selected == id).then_some("selected"))}
                                        aria-pressed={(props.selected == id).to_string()}
                                        data-preset={id}
                                        onclick={Callback::from(move |_| on_select.emit(id))}
                                    >
                                        <span class="preset-title">{ lang.pick(preset.title.en, preset.title.zh) }</span>
                                        <span class="preset-notice">{ lang.pick(preset.notice.en, preset.notice.zh) }</span>
                                    </button>
                                </li>
                            }
                        }) }
                    </ul>
                </section>
            }) }
        </nav>
    }
}
