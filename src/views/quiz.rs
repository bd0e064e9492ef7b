//! Predict mode: the questions a learner answers before a run, written for
//! each preset's lesson (or generic for an edited program or Python, in
//! `model::presets::questions`), and
//! their grading against the predicted run: the simulator's, or CPython's on
//! the virtual clock for Python. The worker asks and grades, so the first
//! load carries neither the questions nor the simulator; the page gets
//! them typed ([`QuizAsk`] → [`Question`]s, [`GradeAsk`] → [`Graded`]).

use serde::{Deserialize, Serialize};

use super::prediction::timing_dependent;
use crate::model::i18n::Lang;
use crate::model::presets::questions::{questions_of, PresetQuestion, GENERIC_QUESTIONS};
use crate::model::trace::{result_order, start_order, total_ms, Event, EventKind, MAIN};

pub use crate::model::presets::questions::Kind;

/// What the simulator's run of a program answers.
struct RunFacts {
    printed: Vec<String>,
    /// The first task to end, when no other ends at the same time.
    first_done: Option<String>,
    /// Every task of the run (spawned ones too), in the order they started.
    tasks: Vec<String>,
    results: Vec<String>,
    total_ms: f64,
    /// The run waits on measured things (a worker, the network, real CPU
    /// work): how long it takes is the machine's, not the simulator's.
    measured: bool,
}

/// Lines an order question asks to arrange at most: a longer list is a
/// chore, not a question.
const MAX_ITEMS: usize = 12;

impl RunFacts {
    fn of(events: &[Event]) -> RunFacts {
        RunFacts {
            printed: events
                .iter()
                .filter_map(|event| match &event.kind {
                    EventKind::Print(text) | EventKind::Callback(text) => Some(text.clone()),
                    _ => None,
                })
                .collect(),
            first_done: first_alone(events),
            tasks: start_order(events)
                .into_iter()
                .map(str::to_string)
                .collect(),
            results: result_order(events)
                .into_iter()
                .map(str::to_string)
                .collect(),
            total_ms: total_ms(events),
            measured: timing_dependent(events),
        }
    }

    /// The items a question shows: what to arrange (shuffled, so that the
    /// order shown is not the answer) or pick from; `None` when the run
    /// gives the question nothing to ask.
    fn items(&self, kind: Kind) -> Option<Vec<String>> {
        let shuffled = |answer: &[String]| {
            let mut items = answer.to_vec();
            shuffle(&mut items);
            let asks = (2..=MAX_ITEMS).contains(&answer.len())
                && items.iter().any(|item| item != &answer[0]);
            asks.then(|| {
                if items == answer {
                    items.rotate_left(1);
                }
                items
            })
        };
        match kind {
            Kind::PrintOrder => shuffled(&self.printed),
            Kind::ResultOrder => shuffled(&self.results),
            Kind::FirstDone => {
                (self.tasks.len() >= 2 && self.first_done.is_some()).then(|| self.tasks.clone())
            }
            Kind::Duration => (!self.measured).then(Vec::new),
        }
    }
}

/// The first task to end (done, failed or cancelled), if no other ends at
/// the same time: a tie would make "which finishes first?" a guess.
fn first_alone(events: &[Event]) -> Option<String> {
    let mut ends = events.iter().filter(|event| {
        *event.task != *MAIN
            && matches!(
                event.kind,
                EventKind::Done(_) | EventKind::Failed(_) | EventKind::Cancelled
            )
    });
    let first = ends.next()?;
    let tied = ends.next().is_some_and(|next| next.t_ms == first.t_ms);
    (!tied).then(|| first.task.to_string())
}

/// A deterministic shuffle (xorshift seeded by the items), so a question
/// shows the same items each time it is asked.
fn shuffle(items: &mut [String]) {
    let mut state = items
        .iter()
        .flat_map(|item| item.bytes())
        .fold(0x9e37_79b9_7f4a_7c15_u64, |seed, byte| {
            (seed ^ u64::from(byte)).wrapping_mul(0x100_0000_01b3)
        })
        | 1;
    for at in (1..items.len()).rev() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        items.swap(at, (state % (at as u64 + 1)) as usize);
    }
}

/// A question as the page shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Question {
    pub kind: Kind,
    pub prompt: String,
    /// What to arrange or pick from (empty for a number).
    pub items: Vec<String>,
}

/// The questions about the run `predicted` foretells (of the preset called
/// `preset` as shipped, if it is one), in `lang`.
pub fn questions(predicted: &[Event], preset: Option<&str>, lang: Lang) -> Vec<Question> {
    asked(&RunFacts::of(predicted), preset)
        .into_iter()
        .map(|(written, items)| Question {
            kind: written.kind,
            prompt: lang.pick(written.prompt.0, written.prompt.1).to_string(),
            items,
        })
        .collect()
}

/// The written questions the run that `facts` tell of can answer, with
/// their items.
fn asked(facts: &RunFacts, preset: Option<&str>) -> Vec<(&'static PresetQuestion, Vec<String>)> {
    let written = preset.map(questions_of).filter(|set| !set.is_empty());
    written
        .unwrap_or(&GENERIC_QUESTIONS)
        .iter()
        .filter_map(|question| Some((question, facts.items(question.kind)?)))
        .collect()
}

/// What the page asks the worker for the questions: the program as
/// written (the preset called `preset` as shipped, if it is one), in `lang`.
/// A Python program comes with its `predicted` run (trace JSON text), which
/// the worker cannot make.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuizAsk {
    pub lang: Lang,
    pub preset: Option<String>,
    pub program: String,
    pub predicted: Option<String>,
}

/// What the page asks the worker to grade: the answer to question
/// `question` of the quiz `quiz` asked for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GradeAsk {
    pub quiz: QuizAsk,
    pub question: usize,
    pub answer: Answer,
}

/// A learner's answer to a question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Answer {
    /// The items as arranged: each one's position among the items shown,
    /// which stands for its text exactly (repeated lines too).
    Order(Vec<usize>),
    /// The item picked (empty while none is).
    Pick(String),
    /// The number of ms as typed.
    Ms(String),
}

impl Answer {
    /// The answer not yet given to a question of `kind` with `items` shown:
    /// the items as shown, nothing picked or typed.
    pub fn unanswered(kind: Kind, items: usize) -> Answer {
        match kind {
            Kind::PrintOrder | Kind::ResultOrder => Answer::Order((0..items).collect()),
            Kind::FirstDone => Answer::Pick(String::new()),
            Kind::Duration => Answer::Ms(String::new()),
        }
    }
}

/// How an answer fared: right or not, and what the learner is told (the
/// first difference and the hint).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Graded {
    pub correct: bool,
    pub feedback: String,
}

/// Grades `answer` to question `index` about the run `predicted` foretells.
pub fn grade(
    predicted: &[Event],
    preset: Option<&str>,
    index: usize,
    answer: &Answer,
    lang: Lang,
) -> Option<Graded> {
    let facts = RunFacts::of(predicted);
    let (written, shown) = asked(&facts, preset).into_iter().nth(index)?;
    let said = |en: &'static str, zh: &'static str| lang.pick(en, zh).to_string();
    let wrong = |what: String| (false, what);
    let (correct, what) = match written.kind {
        Kind::PrintOrder => order_verdict(&facts.printed, &shown, answer, lang),
        Kind::ResultOrder => order_verdict(&facts.results, &shown, answer, lang),
        Kind::FirstDone => match (&facts.first_done, answer) {
            (Some(first), Answer::Pick(picked)) if first == picked => (true, String::new()),
            (_, Answer::Pick(picked)) if !picked.is_empty() => wrong(match lang {
                Lang::En => format!("Not {picked}."),
                Lang::Zh => format!("不是 {picked}。"),
            }),
            _ => wrong(said("Pick a task.", "请选择一个任务。")),
        },
        Kind::Duration => {
            // Whole ms: reading a float would bring Rust's float parser
            // into the worker.
            let guess = match answer {
                Answer::Ms(text) => text.trim().parse::<u64>().ok().map(|ms| ms as f64),
                _ => None,
            };
            let tolerance = (facts.total_ms * 0.1).max(50.0);
            match guess {
                Some(ms) if (ms - facts.total_ms).abs() <= tolerance => (true, String::new()),
                Some(ms) if ms < facts.total_ms => wrong(said("Longer than that.", "比这更长。")),
                Some(_) => wrong(said("Shorter than that.", "比这更短。")),
                None => wrong(said("Type a number of ms.", "请输入毫秒数。")),
            }
        }
    };
    let feedback = if correct {
        said("Right: the run will show it.", "对：运行结果会证实这一点。")
    } else {
        format!(
            "{what}{}{}",
            lang.pick(" ", ""),
            lang.pick(written.hint.0, written.hint.1)
        )
    };
    Some(Graded { correct, feedback })
}

/// Whether `answer` arranges the items `shown` as `expected`, and if not,
/// where they first differ (or that the number of lines does).
fn order_verdict(
    expected: &[String],
    shown: &[String],
    answer: &Answer,
    lang: Lang,
) -> (bool, String) {
    let arranged: Vec<&String> = match answer {
        Answer::Order(positions) => positions.iter().filter_map(|&at| shown.get(at)).collect(),
        _ => Vec::new(),
    };
    match expected.iter().zip(&arranged).position(|(e, a)| e != *a) {
        None if expected.len() == arranged.len() => (true, String::new()),
        None => (
            false,
            lang.pick(
                "The number of lines is not the run's.",
                "行数与运行结果不一致。",
            )
            .to_string(),
        ),
        Some(at) => (
            false,
            match lang {
                Lang::En => format!(
                    "Line {}: you put “{}”; the run has “{}”.",
                    at + 1,
                    arranged[at],
                    expected[at]
                ),
                Lang::Zh => format!(
                    "第 {} 行：你放的是“{}”，运行结果是“{}”。",
                    at + 1,
                    arranged[at],
                    expected[at]
                ),
            },
        ),
    }
}

#[cfg(test)]
mod tests;
