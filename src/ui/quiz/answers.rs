//! The questions of one quiz with the learner's answers, and the check:
//! the worker grades each answer in turn, the verdicts show, a host page is
//! told, and the program runs.

use std::rc::Rc;

use yew::prelude::*;

use super::question::{QuestionView, Verdict};
use crate::model::embed;
use crate::model::i18n::Key;
use crate::runtime::{typed_answer, Ask};
use crate::ui::embed::{framed, post};
use crate::ui::future_effect::Spawned;
use crate::views::quiz::{Answer, GradeAsk, Graded, Question, QuizAsk};

/// Properties of [`Answers`].
#[derive(Properties, PartialEq)]
pub struct AnswersProps {
    pub of: QuizAsk,
    pub questions: Rc<Vec<Question>>,
    pub on_checked: Callback<()>,
}

/// The questions, their answers and verdicts, and the check button.
#[function_component]
pub fn Answers(props: &AnswersProps) -> Html {
    let questions = props.questions.clone();
    let answers = use_state(|| {
        let unanswered = |q: &Question| Answer::unanswered(q.kind, q.items.len());
        questions.iter().map(unanswered).collect::<Vec<_>>()
    });
    let verdicts = use_state(|| vec![None::<Verdict>; questions.len()]);
    let attempts = use_state(|| vec![0_u32; questions.len()]);
    let checking = use_state(|| false);
    let check = use_mut_ref(Spawned::default);
    let on_check = {
        let (answers, verdicts, attempts, checking) = (
            answers.clone(),
            verdicts.clone(),
            attempts.clone(),
            checking.clone(),
        );
        let (of, on_checked) = (props.of.clone(), props.on_checked.clone());
        Callback::from(move |_: MouseEvent| {
            checking.set(true);
            let asked: Vec<GradeAsk> = answers
                .iter()
                .enumerate()
                .map(|(question, answer)| GradeAsk {
                    quiz: of.clone(),
                    question,
                    answer: answer.clone(),
                })
                .collect();
            let (verdicts, attempts, checking, on_checked) = (
                verdicts.clone(),
                attempts.clone(),
                checking.clone(),
                on_checked.clone(),
            );
            let counted: Vec<u32> = attempts.iter().map(|count| count + 1).collect();
            check.borrow_mut().start(async move {
                let mut graded = Vec::new();
                for (at, ask) in asked.iter().enumerate() {
                    let verdict = typed_answer::<Graded>(Ask::Grade, ask).await;
                    if let (Ok(verdict), true) = (&verdict, framed()) {
                        post(&embed::answer(at, verdict.correct, counted[at]));
                    }
                    graded.push(Some(verdict));
                }
                verdicts.set(graded);
                attempts.set(counted);
                checking.set(false);
                on_checked.emit(());
            });
        })
    };
    let lang = props.of.lang;
    let shown = props.questions.iter().enumerate().map(|(at, question)| {
        let on_answer = {
            let answers = answers.clone();
            Callback::from(move |answer: Answer| {
                let mut next = (*answers).clone();
                next[at] = answer;
                answers.set(next);
            })
        };
        html! {
            <QuestionView {lang} number={at + 1} question={question.clone()} answer={answers[at].clone()}
                verdict={verdicts[at].clone()} attempts={attempts[at]} {on_answer} />
        }
    });
    html! { <>
        { for shown }
        <button type="button" class="check" disabled={*checking} onclick={on_check}>{ Key::CheckAndRun.text(lang) }</button>
    </> }
}
