//! Predict mode: the worker's questions about the program, answered before
//! the run by arranging lines (with their buttons, so the keyboard alone
//! will do, or by dragging), picking a task or typing a number of ms;
//! "Check and run" has the worker grade each answer, shows the verdicts,
//! tells a host page, and runs the program to confirm.

mod arrange;
mod question;

use std::rc::Rc;

use yew::prelude::*;

use super::embed::{framed, post};
use super::future_effect::{use_future_effect, Spawned};
use crate::model::embed;
use crate::model::i18n::{Key, Lang};
use crate::runtime::{typed_answer, Ask};
use crate::views::quiz::{Answer, GradeAsk, Graded, Question, QuizAsk};
use question::{question_view, QuestionProps, Verdict};

pub use arrange::Arrange;

/// Properties of [`Quiz`].
#[derive(Properties, PartialEq)]
pub struct QuizProps {
    /// What the questions are about.
    pub of: QuizAsk,
    /// Runs the program once the answers are checked.
    pub on_checked: Callback<()>,
}

/// The questions the worker asked about a quiz, or why it could not.
type Asked = (QuizAsk, Result<Rc<Vec<Question>>, String>);

/// The quiz about `of`, once the worker has asked its questions: each with
/// the learner's answer, its verdict and how many times it was checked, and
/// the check button. A new quiz starts with answers of its own.
#[function_component]
pub fn Quiz(props: &QuizProps) -> Html {
    let answering = Answering {
        answers: use_state(Vec::new),
        verdicts: use_state(Vec::new),
        attempts: use_state(Vec::new),
        checking: use_state(|| false),
    };
    let check = use_mut_ref(Spawned::default);
    let asked = use_questions(&props.of, &answering);
    let lang = props.of.lang;
    let questions = match &*asked {
        Some((of, Ok(questions))) if *of == props.of => questions.clone(),
        Some((of, Err(message))) if *of == props.of => {
            return quiz_section(
                lang,
                html! { <p class="error" role="alert">{ message.clone() }</p> },
            )
        }
        _ => {
            return quiz_section(
                lang,
                html! { <p class="empty" role="status">{ Key::Predicting.text(lang) }</p> },
            )
        }
    };
    let on_check = on_check(&props.of, &props.on_checked, answering.clone(), check);
    let Answering {
        answers,
        verdicts,
        attempts,
        checking,
    } = answering;
    let shown = questions.iter().enumerate().map(|(at, question)| {
        let on_answer = {
            let answers = answers.clone();
            Callback::from(move |answer: Answer| {
                let mut next = (*answers).clone();
                next[at] = answer;
                answers.set(next);
            })
        };
        question_view(&QuestionProps {
            lang,
            number: at + 1,
            question: question.clone(),
            answer: answers
                .get(at)
                .cloned()
                .unwrap_or_else(|| Answer::unanswered(question.kind, question.items.len())),
            verdict: verdicts.get(at).cloned().flatten(),
            attempts: attempts.get(at).copied().unwrap_or(0),
            on_answer,
        })
    });
    quiz_section(
        lang,
        html! { <>
            { for shown }
            <button type="button" class="check" disabled={*checking} onclick={on_check}>{ Key::CheckAndRun.text(lang) }</button>
        </> },
    )
}

/// The quiz's state a check reads and writes.
#[derive(Clone)]
struct Answering {
    answers: UseStateHandle<Vec<Answer>>,
    verdicts: UseStateHandle<Vec<Option<Verdict>>>,
    attempts: UseStateHandle<Vec<u32>>,
    checking: UseStateHandle<bool>,
}

/// The worker's questions about `of`, once it has asked them (the last
/// quiz's are kept until then), each quiz's answers, verdicts and counts
/// of checks starting afresh.
#[hook]
fn use_questions(of: &QuizAsk, answering: &Answering) -> UseStateHandle<Option<Asked>> {
    let asked = use_state(|| None::<Asked>);
    {
        let asked = asked.clone();
        let Answering {
            answers,
            verdicts,
            attempts,
            ..
        } = answering.clone();
        use_future_effect(of.clone(), move |of| {
            let questions = typed_answer::<Vec<Question>>(Ask::Questions, of);
            let of = of.clone();
            Some(async move {
                let questions = questions.await.map(Rc::new);
                let shown = questions.as_deref().map_or(&[][..], Vec::as_slice);
                let unanswered = |q: &Question| Answer::unanswered(q.kind, q.items.len());
                answers.set(shown.iter().map(unanswered).collect());
                verdicts.set(vec![None; shown.len()]);
                attempts.set(vec![0; shown.len()]);
                asked.set(Some((of, questions)));
            })
        });
    }
    asked
}

/// What "Check and run" does: has the worker grade every answer to the
/// quiz about `of`, shows the verdicts and counts the checks, then calls
/// `on_checked`; a check started again stops the one before (`check`).
fn on_check(
    of: &QuizAsk,
    on_checked: &Callback<()>,
    answering: Answering,
    check: std::rc::Rc<std::cell::RefCell<Spawned>>,
) -> Callback<MouseEvent> {
    let (of, on_checked) = (of.clone(), on_checked.clone());
    Callback::from(move |_: MouseEvent| {
        let Answering {
            answers,
            verdicts,
            attempts,
            checking,
        } = &answering;
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
        let counted: Vec<u32> = attempts.iter().map(|count| count + 1).collect();
        let graded = grade(asked, counted.clone());
        let (verdicts, attempts, checking, on_checked) = (
            verdicts.clone(),
            attempts.clone(),
            checking.clone(),
            on_checked.clone(),
        );
        check.borrow_mut().start(async move {
            verdicts.set(graded.await);
            attempts.set(counted);
            checking.set(false);
            on_checked.emit(());
        });
    })
}

/// The quiz's section around what it shows.
fn quiz_section(lang: Lang, shown: Html) -> Html {
    html! { <section class="quiz" aria-label={Key::PredictFirst.text(lang)}>{ shown }</section> }
}

/// Has the worker grade each of `asked` in turn, telling a host page of
/// each verdict with its count of checks (`counted`).
async fn grade(asked: Vec<GradeAsk>, counted: Vec<u32>) -> Vec<Option<Verdict>> {
    let mut graded = Vec::new();
    for (at, ask) in asked.iter().enumerate() {
        let verdict = typed_answer::<Graded>(Ask::Grade, ask).await;
        if let (Ok(verdict), true) = (&verdict, framed()) {
            post(&embed::answer(at, verdict.correct, counted[at]));
        }
        graded.push(Some(verdict));
    }
    graded
}
