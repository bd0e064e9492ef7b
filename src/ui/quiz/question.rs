//! One question of the quiz: its prompt, what answers it (lines to arrange,
//! a task to pick or a number of ms to type) and its verdict.

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::arrange::Arrange;
use crate::model::i18n::{Key, Lang};
use crate::views::quiz::{Answer, Graded, Kind, Question};

/// What a question shows after a check: its verdict, or why there is none.
pub type Verdict = Result<Graded, String>;

/// What [`question_view`] shows, and what its controls call.
pub struct QuestionProps {
    pub lang: Lang,
    /// The question's number, from 1.
    pub number: usize,
    pub question: Question,
    pub answer: Answer,
    pub verdict: Option<Verdict>,
    /// How many times the answer was checked.
    pub attempts: u32,
    pub on_answer: Callback<Answer>,
}

/// A question.
pub fn question_view(props: &QuestionProps) -> Html {
    let (lang, question) = (props.lang, &props.question);
    let prompt = question.prompt.clone();
    let answering = match (&props.answer, question.kind) {
        (Answer::Order(order), _) => html! {
            <Arrange {lang} items={question.items.clone()} order={order.clone()}
                on_order={props.on_answer.reform(Answer::Order)} />
        },
        (_, Kind::FirstDone) => {
            let onchange = props.on_answer.reform(|event: Event| {
                Answer::Pick(event.target_unchecked_into::<HtmlSelectElement>().value())
            });
            html! {
                <select aria-label={prompt.clone()} {onchange}>
                    <option value="" disabled=true selected=true>{ Key::ChooseTask.text(lang) }</option>
                    { for question.items.iter().map(|item| html! { <option>{ item.clone() }</option> }) }
                </select>
            }
        }
        _ => {
            let oninput = props.on_answer.reform(|event: InputEvent| {
                Answer::Ms(event.target_unchecked_into::<HtmlInputElement>().value())
            });
            html! {
                <label>
                    <input type="number" min="0" inputmode="numeric" aria-label={prompt.clone()} {oninput} />
                    { " " }{ Key::Ms.text(lang) }
                </label>
            }
        }
    };
    let (class, said) = match &props.verdict {
        Some(Ok(graded)) if graded.correct => ("verdict right", graded.feedback.clone()),
        Some(Ok(graded)) => ("verdict wrong", graded.feedback.clone()),
        Some(Err(why)) => ("verdict wrong", why.clone()),
        None => ("verdict", String::new()),
    };
    let attempts = (props.attempts > 0).then(|| props.attempts.to_string());
    html! {
        <fieldset class="question" data-attempts={attempts}>
            <legend>{ format!("{}. {prompt}", props.number) }</legend>
            { answering }
            <p {class} role="status">{ said }</p>
        </fieldset>
    }
}
