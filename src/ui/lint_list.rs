//! The teaching lints under the program's text, found in the page as the
//! learner types, so the default screen needs no worker.

use std::rc::Rc;

use yew::prelude::*;

use crate::model::i18n::{Key, Lang};
use crate::model::program::CheckedProgram;
use crate::views::lints::lints;

/// Properties of [`LintList`].
#[derive(Properties, PartialEq)]
pub struct LintListProps {
    pub lang: Lang,
    /// The program, read from `source`.
    pub program: Rc<CheckedProgram>,
    pub source: AttrValue,
}

/// Each lint of the program at its line and column, with its rule's name
/// and why it matters; nothing when there are none.
#[function_component]
pub fn LintList(props: &LintListProps) -> Html {
    let found = use_memo(
        (props.program.clone(), props.source.clone()),
        |(program, source)| lints(program, source),
    );
    let lang = props.lang;
    if found.is_empty() {
        return Html::default();
    }
    html! {
        <ul class="lints" aria-label={Key::Lints.text(lang)}>
            { for found.iter().map(|lint| html! {
                <li>
                    <span class="where">{ lang.place(lint.line, lint.col) }</span>{ " " }
                    <code>{ lint.rule.name() }</code>{ " " }{ lint.rule.text(lang) }
                </li>
            }) }
        </ul>
    }
}
