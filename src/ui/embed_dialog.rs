//! The Embed dialog: the challenge options a course author may give an
//! embedded demo, and the ready `<iframe>` snippet with them.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::model::embed::{Snippet, CHALLENGE_OPTIONS};
use crate::model::i18n::{Key, Lang};

/// What [`embed_dialog`] shows, and what its checkboxes call.
pub struct EmbedDialogProps {
    pub lang: Lang,
    /// The page's link fragment now.
    pub hash: AttrValue,
    /// The program's heading, for the snippet's title.
    pub heading: AttrValue,
    /// The options checked, one bit each.
    pub options: u8,
    pub on_options: Callback<u8>,
}

/// The dialog.
pub fn embed_dialog(props: &EmbedDialogProps) -> Html {
    let (lang, options) = (props.lang, props.options);
    let checkboxes = CHALLENGE_OPTIONS.iter().enumerate().map(|(at, (words, _))| {
        let bit = 1u8 << at;
        let onchange = props.on_options.reform(move |event: Event| {
            let checked = event.target_unchecked_into::<HtmlInputElement>().checked();
            if checked {
                options | bit
            } else {
                options & !bit
            }
        });
        html! {
            <label><input type="checkbox" checked={options & bit != 0} {onchange} />{ words.text(lang) }</label>
        }
    });
    let snippet = Snippet {
        lang,
        options,
        base: &page_address(),
        hash: &props.hash,
        heading: &props.heading,
    }
    .iframe();
    html! {
        <div class="shared">
            <fieldset class="options">{ for checkboxes }</fieldset>
            <label>{ Key::EmbedSnippet.text(lang) }<textarea class="snippet" readonly=true rows="3" value={snippet} /></label>
        </div>
    }
}

/// The page's origin and path, which the snippet's `src` starts with.
fn page_address() -> String {
    let Some(address) = web_sys::window().map(|w| w.location()) else {
        return String::new();
    };
    format!(
        "{}{}",
        address.origin().unwrap_or_default(),
        address.pathname().unwrap_or_default()
    )
}
