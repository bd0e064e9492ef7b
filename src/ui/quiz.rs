//! Predict mode: the worker's quiz about the program (its HTML), answered
//! before the run by arranging lines (with their buttons, so the keyboard
//! alone will do, or by dragging), picking a task or typing a number of ms;
//! "Check and run" has the worker grade each answer, shows the verdicts,
//! tells a host page, and runs the program to confirm. The answers, and
//! how many times each was checked, live in the quiz's own elements, so the
//! page carries no widgets or state for them.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlSelectElement, Node};
use yew::prelude::*;

use super::embed::{framed, post};
use super::future_effect::Spawned;
use super::worker_html::WorkerHtml;
use crate::model::embed;
use crate::model::i18n::{Key, Lang};
use crate::model::quiz::{fingerprint, quiz_request};
use crate::runtime::{grade, Ask};

/// What the quiz is about: the program as written, in the page's language.
#[derive(Clone, PartialEq)]
pub struct QuizOf {
    pub lang: Lang,
    /// The program's text (it parses).
    pub source: AttrValue,
    /// The preset the program is, as shipped, if it is one: its questions
    /// are written for its lesson.
    pub preset: Option<&'static str>,
    /// The run a Python program's prediction foretells, as trace JSON text
    /// (the worker simulates a task list itself).
    pub predicted: Option<AttrValue>,
}

impl QuizOf {
    /// The worker's request about question `question` and its `answer`.
    fn request(&self, question: usize, answer: &[String]) -> String {
        let predicted = self.predicted.as_deref();
        quiz_request(
            self.lang,
            self.preset,
            &self.source,
            predicted,
            question,
            answer,
        )
        .text()
    }
}

/// What the quiz keeps between events: its check in progress (aborted by a
/// newer one, or with the page) and the line being dragged.
#[derive(Default)]
pub struct QuizHands {
    checking: Spawned,
    dragged: Option<Element>,
}

/// The quiz, with what its buttons and dragged lines do; `on_checked` runs
/// the program once the answers are checked.
pub fn quiz(of: QuizOf, hands: Rc<RefCell<QuizHands>>, on_checked: Callback<()>) -> Html {
    let on_click = {
        let (of, hands) = (of.clone(), hands.clone());
        Callback::from(move |event: MouseEvent| clicked(&event, &of, &hands, &on_checked))
    };
    let on_drag_start = {
        let hands = hands.clone();
        Callback::from(move |event: DragEvent| hands.borrow_mut().dragged = closest(&event, "li"))
    };
    let on_drag_end = {
        let hands = hands.clone();
        Callback::from(move |_: DragEvent| hands.borrow_mut().dragged = None)
    };
    let on_drop = Callback::from(move |event: DragEvent| {
        event.prevent_default();
        let line = hands.borrow_mut().dragged.take();
        if let (Some(line), Some(onto)) = (line, closest(&event, "li")) {
            dropped(&line, &onto);
        }
    });
    let request = of.request(0, &[]);
    html! {
        <section class="quiz" aria-label={Key::PredictFirst.text(of.lang)} onclick={on_click}
            ondragstart={on_drag_start} ondragend={on_drag_end} ondragover={Callback::from(|event: DragEvent| event.prevent_default())} ondrop={on_drop}>
            <WorkerHtml lang={of.lang} ask={Ask::Questions} request={request} waiting={Some(Key::Predicting)} />
        </section>
    }
}

/// Predict mode for Python: the quiz about what the same CPython does on
/// the virtual clock, asked once that `prediction` (trace JSON text) is
/// made, or why it could not be.
pub fn python_quiz(
    of: QuizOf,
    prediction: &Option<Result<AttrValue, String>>,
    hands: Rc<RefCell<QuizHands>>,
    on_checked: Callback<()>,
) -> Html {
    let lang = of.lang;
    if let Some(Ok(trace)) = prediction {
        let predicted = Some(trace.clone());
        return quiz(QuizOf { predicted, ..of }, hands, on_checked);
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

/// The element an event happened on, or its nearest ancestor matching
/// `selector`.
pub(super) fn closest(event: &Event, selector: &str) -> Option<Element> {
    event
        .target()?
        .dyn_into::<Element>()
        .ok()?
        .closest(selector)
        .ok()
        .flatten()
}

/// Every element under `root` matching `selector`.
fn all(root: &Element, selector: &str) -> Vec<Element> {
    let Ok(found) = root.query_selector_all(selector) else {
        return Vec::new();
    };
    (0..found.length())
        .filter_map(|at| found.item(at)?.dyn_into::<Element>().ok())
        .collect()
}

/// Puts `line` before `before` in its list (at the end when `None`).
fn put(line: &Element, before: Option<&Element>) {
    if let Some(list) = line.parent_element() {
        let _ = list.insert_before(line, before.map(AsRef::as_ref));
    }
}

/// A line moved by its up or down button, or the check button pressed.
fn clicked(
    event: &MouseEvent,
    of: &QuizOf,
    hands: &Rc<RefCell<QuizHands>>,
    on_checked: &Callback<()>,
) {
    let Some(button) = closest(event, "button") else {
        return;
    };
    let line = button.closest("li").ok().flatten();
    match (button.get_attribute("data-move").as_deref(), line) {
        (Some(way), Some(line)) => {
            let before = if way == "up" {
                line.previous_element_sibling()
            } else {
                line.next_element_sibling()
                    .and_then(|next| next.next_element_sibling())
            };
            if way == "up" && before.is_none() {
                return;
            }
            put(&line, before.as_ref());
            say_where(&line);
            // Moving the line took the focus from its button: give it back.
            let _ = button
                .dyn_into::<HtmlElement>()
                .map(|button| button.focus());
        }
        // A quiz of an earlier program, until the worker's new one comes,
        // is not checked against the program as it is now.
        _ if button.class_name() == "check"
            && button.get_attribute("data-for") == Some(fingerprint(&of.request(0, &[]))) =>
        {
            let Some(quiz) = closest(event, ".quiz") else {
                return;
            };
            let _ = button.set_attribute("disabled", "");
            let asked: Vec<(Element, String)> = all(&quiz, ".question")
                .into_iter()
                .enumerate()
                .map(|(at, question)| {
                    let request = of.request(at, &answer_of(&question));
                    (question, request)
                })
                .collect();
            hands
                .borrow_mut()
                .checking
                .start(check(asked, button, on_checked.clone()));
        }
        _ => {}
    }
}

/// Tells a screen reader where `line` is now, through its question's live
/// region (the worker writes the words around the place).
fn say_where(line: &Element) {
    let mut place = 1;
    let mut before = line.previous_element_sibling();
    while let Some(sibling) = before {
        place += 1;
        before = sibling.previous_element_sibling();
    }
    let region = line
        .closest(".question")
        .ok()
        .flatten()
        .and_then(|question| {
            question
                .query_selector("[data-moved-before]")
                .ok()
                .flatten()
        });
    if let Some(region) = region {
        let words = |side| region.get_attribute(side).unwrap_or_default();
        let item = line.get_attribute("data-item").unwrap_or_default();
        let said = format!(
            "{item} {}{place}{}",
            words("data-moved-before"),
            words("data-moved-after")
        );
        region.set_text_content(Some(&said));
    }
}

/// `line` dropped on `onto`: dragged down, it goes after `onto`; up,
/// before it.
fn dropped(line: &Element, onto: &Element) {
    if line.parent_element() != onto.parent_element() {
        return;
    }
    let down = line.compare_document_position(onto) & Node::DOCUMENT_POSITION_FOLLOWING != 0;
    let after = onto.next_element_sibling();
    put(line, if down { after.as_ref() } else { Some(onto) });
}

/// The learner's answer to a question: its lines in their order, the task
/// picked, or the ms typed.
fn answer_of(question: &Element) -> Vec<String> {
    let lines = all(question, "li[data-index]");
    if !lines.is_empty() {
        return lines
            .iter()
            .filter_map(|line| line.get_attribute("data-index"))
            .collect();
    }
    let control = |selector| question.query_selector(selector).ok().flatten();
    let value = control("select")
        .and_then(|select| select.dyn_into::<HtmlSelectElement>().ok())
        .map(|select| select.value())
        .or_else(|| {
            control("input")
                .and_then(|input| input.dyn_into::<HtmlInputElement>().ok())
                .map(|input| input.value())
        });
    value.into_iter().collect()
}

/// Grades each of `asked` (a question's element and its request) in turn,
/// shows the verdicts, counts the checks on the question's element, tells a
/// host page, then gives the check `button` back and runs the program.
async fn check(asked: Vec<(Element, String)>, button: Element, on_checked: Callback<()>) {
    for (at, (question, request)) in asked.into_iter().enumerate() {
        let verdict = question.query_selector(".verdict").ok().flatten();
        let (correct, feedback) = match grade(request).await {
            Ok(graded) => graded,
            Err(message) => {
                if let Some(verdict) = &verdict {
                    verdict.set_class_name("verdict wrong");
                    verdict.set_text_content(Some(&message));
                }
                continue;
            }
        };
        let attempts = question
            .get_attribute("data-attempts")
            .and_then(|count| count.parse::<u32>().ok())
            .unwrap_or(0)
            + 1;
        let _ = question.set_attribute("data-attempts", &attempts.to_string());
        if let Some(verdict) = verdict {
            verdict.set_class_name(if correct {
                "verdict right"
            } else {
                "verdict wrong"
            });
            // The worker escapes every text it puts in the feedback.
            verdict.set_inner_html(&feedback);
        }
        if framed() {
            post(&embed::answer(at, correct, attempts));
        }
    }
    let _ = button.remove_attribute("disabled");
    on_checked.emit(());
}
