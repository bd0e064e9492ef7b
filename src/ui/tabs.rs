//! A row of tabs: one button per choice, the chosen one marked for the eye
//! and for assistive technology.

use yew::prelude::*;

use crate::model::i18n::{Key, Lang};

/// What [`tabs`] shows, and what its controls call.
pub struct TabsProps {
    pub lang: Lang,
    /// The row's class (`tabs` under the log, `view-switch` over the program).
    pub class: &'static str,
    /// The words on each tab's button, in order.
    pub tabs: Vec<Key>,
    /// The chosen tab's position.
    pub selected: usize,
    /// Gets the position of a tab pressed.
    pub on_select: Callback<usize>,
}

/// The tabs of [`TabsProps`].
pub fn tabs(props: &TabsProps) -> Html {
    let tab = |(at, key): (usize, &Key)| {
        let selected = at == props.selected;
        let onclick = props.on_select.reform(move |_: MouseEvent| at);
        html! {
            <button role="tab" aria-selected={selected.to_string()} class={classes!(selected.then_some("active"))}
                onclick={onclick}>{ key.text(props.lang) }</button>
        }
    };
    html! {
        <div class={props.class} role="tablist">
            { for props.tabs.iter().enumerate().map(tab) }
        </div>
    }
}
