//! The teaching lints of the program's text, which the worker finds and
//! writes as a list: each at its line and column, with its rule's name, why
//! and what instead.

use yew::prelude::*;

use super::future_effect::use_future_effect;
use crate::model::i18n::Lang;
use crate::runtime::lints;

/// Properties of [`LintList`].
#[derive(Properties, PartialEq)]
pub struct LintListProps {
    pub lang: Lang,
    /// The program's text while it parses; `None` hides the list.
    pub source: Option<AttrValue>,
}

/// The lints of [`LintListProps::source`], kept until newer ones come.
#[function_component]
pub fn LintList(props: &LintListProps) -> Html {
    let found = use_state(AttrValue::default);
    {
        let found = found.clone();
        use_future_effect((props.source.clone(), props.lang), move |(source, lang)| {
            let Some(source) = source else {
                found.set(AttrValue::default());
                return None;
            };
            let asked = lints(*lang, source);
            Some(async move {
                if let Ok(list) = asked.await {
                    found.set(list.into());
                }
            })
        });
    }
    // The worker escapes every text it puts in the list.
    Html::from_html_unchecked((*found).clone())
}
