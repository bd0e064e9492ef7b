//! Predict mode: the worker's questions about the program, answered before
//! the run by arranging lines (with their buttons, so the keyboard alone
//! will do, or by dragging), picking a task or typing a number of ms;
//! "Check and run" has the worker grade each answer, shows the verdicts,
//! tells a host page, and runs the program to confirm.

mod answers;
mod arrange;
mod question;

use std::rc::Rc;

use yew::prelude::*;

use super::future_effect::use_future_effect;
use crate::model::i18n::{Key, Lang};
use crate::runtime::{typed_answer, Ask};
use crate::views::quiz::{Question, QuizAsk};
use answers::Answers;
pub use arrange::Arrange;

/// Properties of [`Quiz`].
#[derive(Properties, PartialEq)]
pub struct QuizProps {
    /// What the questions are about.
    pub of: QuizAsk,
    /// Runs the program once the answers are checked.
    pub on_checked: Callback<()>,
}

/// The questions the worker answered for a quiz, and a count of answers, so
/// that a new quiz starts with answers of its own.
type Asked = (QuizAsk, usize, Result<Rc<Vec<Question>>, String>);

/// The quiz about `of`, once the worker has asked its questions.
#[function_component]
pub fn Quiz(props: &QuizProps) -> Html {
    let asked = use_state(|| None::<Asked>);
    {
        let asked = asked.clone();
        use_future_effect(props.of.clone(), move |of| {
            let questions = typed_answer::<Vec<Question>>(Ask::Questions, of);
            let (of, count) = (
                of.clone(),
                asked.as_ref().map_or(0, |(_, count, _)| count + 1),
            );
            Some(async move { asked.set(Some((of, count, questions.await.map(Rc::new)))) })
        });
    }
    let lang = props.of.lang;
    let shown = match &*asked {
        Some((of, count, Ok(questions))) if *of == props.of => html! {
            <Answers key={*count} of={of.clone()} questions={questions.clone()} on_checked={props.on_checked.clone()} />
        },
        Some((of, _, Err(message))) if *of == props.of => {
            html! { <p class="error" role="alert">{ message.clone() }</p> }
        }
        _ => html! { <p class="empty" role="status">{ Key::Predicting.text(lang) }</p> },
    };
    html! { <section class="quiz" aria-label={Key::PredictFirst.text(lang)}>{ shown }</section> }
}

/// Predict mode for Python: the quiz about what the same CPython does on
/// the virtual clock, asked once that `prediction` (trace JSON text) is
/// made, or why it could not be.
pub fn python_quiz(
    lang: Lang,
    python: &str,
    prediction: &Option<Result<AttrValue, String>>,
    on_checked: Callback<()>,
) -> Html {
    if let Some(Ok(trace)) = prediction {
        let of = QuizAsk {
            lang,
            preset: None,
            program: python.to_string(),
            predicted: Some(trace.to_string()),
        };
        return html! { <Quiz {of} {on_checked} /> };
    }
    html! {
        <section class="quiz" aria-label={Key::PredictFirst.text(lang)}>
            if let Some(Err(why)) = prediction {
                <p class="error" role="alert">{ Key::NoPrediction.text(lang) }{ lang.pick(" ", "") }{ why }</p>
            } else {
                <p class="empty" role="status">{ Key::Predicting.text(lang) }</p>
            }
        </section>
    }
}
