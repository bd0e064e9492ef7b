//! Predict mode: the questions a learner answers before a run, written for
//! each preset's lesson (or generic for an edited program), and their
//! grading against the simulator's run. The worker asks and grades, so the
//! first load carries neither the questions nor the simulator.

use super::html::escape;
use super::i18n::{Key, Lang};
use super::json::Json;
use super::program::CheckedProgram;
use super::simulate::simulate;
use super::trace::{completion_order, result_order, total_ms, Event, EventKind};

/// What a question asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The order of the lines the run prints (callbacks' lines too).
    PrintOrder,
    /// The task that finishes first.
    FirstDone,
    /// The order in which `main` gets the tasks' results.
    ResultOrder,
    /// How long the run takes, in ms.
    Duration,
}

impl Kind {
    /// How the page shows the question: `order` (arrange the items),
    /// `pick` (choose one item) or `ms` (type a number).
    pub fn widget(self) -> &'static str {
        match self {
            Kind::PrintOrder | Kind::ResultOrder => "order",
            Kind::FirstDone => "pick",
            Kind::Duration => "ms",
        }
    }
}

/// A question written for a preset: its kind, and the prompt and the hint
/// a wrong answer gets, in English and Chinese.
struct Written {
    kind: Kind,
    prompt: (&'static str, &'static str),
    hint: (&'static str, &'static str),
}

const fn written(
    kind: Kind,
    prompt: (&'static str, &'static str),
    hint: (&'static str, &'static str),
) -> Written {
    Written { kind, prompt, hint }
}

/// The questions of each preset's lesson.
fn preset_questions(id: &str) -> &'static [Written] {
    const HOW_LONG: (&str, &str) = ("How long does the run take, in ms?", "这次运行要多少毫秒？");
    const LINES: (&str, &str) = (
        "Put the printed lines in the order the run prints them.",
        "把打印出来的行按运行时的顺序排好。",
    );
    match id {
        "hello" => {
            const {
                &[written(
                    Kind::Duration,
                    HOW_LONG,
                    (
                        "Nothing here waits: a print takes no time on the loop's clock.",
                        "这里没有任何等待：打印在事件循环的时钟上不花时间。",
                    ),
                )]
            }
        }
        "chain" => {
            const {
                &[written(
                    Kind::PrintOrder,
                    LINES,
                    (
                        "await runs the coroutine right there, before the line after it.",
                        "await 会当场运行那个协程，然后才执行下一行。",
                    ),
                )]
            }
        }
        "never-awaited" => {
            const {
                &[written(
                    Kind::PrintOrder,
                    LINES,
                    (
                        "Calling a coroutine only makes it; it runs when it is awaited.",
                        "调用协程只是创建它；要等到 await 时才运行。",
                    ),
                )]
            }
        }
        "create-task" => {
            const {
                &[written(
                    Kind::PrintOrder,
                    LINES,
                    (
                        "The new task starts only when demo gives the loop back, at its sleep.",
                        "新任务要等 demo 把事件循环让出来（在它 sleep 时）才开始。",
                    ),
                )]
            }
        }
        "gather-vs-wait" => {
            const {
                &[
            written(Kind::FirstDone, ("Which task finishes first?", "哪个任务最先完成？"), ("The shortest sleep ends first: num9 sleeps 0 ms.", "睡眠最短的先结束：num9 只睡 0 毫秒。")),
            written(Kind::ResultOrder, ("In what order does main get the results?", "main 按什么顺序拿到结果？"), ("gather gives the results in the order the tasks were passed, not the order they finish.", "gather 按传入任务的顺序给出结果，而不是按完成的顺序。")),
        ]
            }
        }
        "call-soon" => {
            const {
                &[written(
                    Kind::PrintOrder,
                    (
                        "When do the callbacks run? Put the lines in order.",
                        "回调什么时候运行？把这些行排好顺序。",
                    ),
                    (
                        "call_soon only queues a callback: it runs when demo gives the loop back.",
                        "call_soon 只是把回调排进队列：要等 demo 让出事件循环时才运行。",
                    ),
                )]
            }
        }
        "hello-world" => {
            const {
                &[
                    written(
                        Kind::Duration,
                        HOW_LONG,
                        (
                            "The four sleeps wait at the same time.",
                            "四个 sleep 是同时等待的。",
                        ),
                    ),
                    written(
                        Kind::PrintOrder,
                        LINES,
                        (
                            "Every hello prints before the first sleep ends.",
                            "所有 hello 都在第一个 sleep 结束前打印。",
                        ),
                    ),
                ]
            }
        }
        "blocking-sleep" => {
            const {
                &[written(
                    Kind::Duration,
                    HOW_LONG,
                    (
                        "block holds the loop: the four waits happen one after another.",
                        "block 占住事件循环：四次等待是一个接一个发生的。",
                    ),
                )]
            }
        }
        "crawler" => {
            const {
                &[written(Kind::ResultOrder, ("In what order does main get the pages' results?", "main 按什么顺序拿到各页的结果？"), ("With a limit, main still gathers: results come in the order the tasks were made.", "即使有数量限制，main 仍然用 gather：结果按任务创建的顺序给出。"))]
            }
        }
        "executor" => {
            const {
                &[written(
                    Kind::Duration,
                    HOW_LONG,
                    (
                        "Four workers run the four jobs at the same time.",
                        "四个工作进程同时运行四个作业。",
                    ),
                )]
            }
        }
        "not-random" => {
            const {
                &[
                    written(
                        Kind::PrintOrder,
                        LINES,
                        (
                            "The loop runs ready tasks in the order they became ready.",
                            "事件循环按任务就绪的先后顺序运行它们。",
                        ),
                    ),
                    written(
                        Kind::PrintOrder,
                        (
                            "Run it again in your head: in what order now?",
                            "在脑子里再运行一次：这次是什么顺序？",
                        ),
                        (
                            "The same program gives the same order every time: it is not random.",
                            "同一个程序每次都给出同样的顺序：它并不随机。",
                        ),
                    ),
                ]
            }
        }
        _ => &[],
    }
}

/// The questions of an edited program.
const GENERIC: [Written; 3] = [
    written(
        Kind::PrintOrder,
        (
            "Put the printed lines in the order the run prints them.",
            "把打印出来的行按运行时的顺序排好。",
        ),
        (
            "Trace the loop: a task runs until it awaits, then the next ready one runs.",
            "跟着事件循环走：一个任务运行到 await 为止，然后运行下一个就绪的任务。",
        ),
    ),
    written(
        Kind::FirstDone,
        ("Which task finishes first?", "哪个任务最先完成？"),
        (
            "Add up each task's waits: the one with the least left ends first.",
            "把每个任务的等待加起来：剩余等待最少的先结束。",
        ),
    ),
    written(
        Kind::Duration,
        ("How long does the run take, in ms?", "这次运行要多少毫秒？"),
        (
            "Waits that overlap count once; block and compute hold the loop and add up.",
            "重叠的等待只算一次；block 和 compute 占住事件循环，时间会累加。",
        ),
    ),
];

/// What the simulator's run of a program answers.
struct Facts {
    printed: Vec<String>,
    first_done: Option<String>,
    results: Vec<String>,
    total_ms: f64,
}

impl Facts {
    fn of(events: &[Event]) -> Facts {
        Facts {
            printed: events
                .iter()
                .filter_map(|event| match &event.kind {
                    EventKind::Print(text) | EventKind::Callback(text) => Some(text.clone()),
                    _ => None,
                })
                .collect(),
            first_done: completion_order(events)
                .first()
                .map(|task| task.to_string()),
            results: result_order(events)
                .into_iter()
                .map(str::to_string)
                .collect(),
            total_ms: total_ms(events),
        }
    }

    /// The items a question shows: what to arrange (shuffled, so that the
    /// order shown is not the answer) or pick from; `None` when the run
    /// gives the question nothing to ask.
    fn items(&self, kind: Kind, tasks: &[String]) -> Option<Vec<String>> {
        let shuffled = |answer: &[String]| {
            let mut items = answer.to_vec();
            shuffle(&mut items);
            (answer.len() >= 2 && items.iter().any(|item| item != &answer[0])).then(|| {
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
                (tasks.len() >= 2 && self.first_done.is_some()).then(|| tasks.to_vec())
            }
            Kind::Duration => Some(Vec::new()),
        }
    }
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
#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    pub kind: Kind,
    pub prompt: String,
    /// What to arrange or pick from (empty for a number).
    pub items: Vec<String>,
}

/// The questions about `program` (the preset called `preset` as shipped,
/// if it is one), in `lang`.
pub fn questions(program: &CheckedProgram, preset: Option<&str>, lang: Lang) -> Vec<Question> {
    asked(program, preset)
        .into_iter()
        .map(|(written, items)| Question {
            kind: written.kind,
            prompt: lang.pick(written.prompt.0, written.prompt.1).to_string(),
            items,
        })
        .collect()
}

/// The written questions the run can answer, with their items.
fn asked(program: &CheckedProgram, preset: Option<&str>) -> Vec<(&'static Written, Vec<String>)> {
    let facts = Facts::of(&simulate(program));
    let tasks: Vec<String> = program
        .task_instances()
        .into_iter()
        .map(|(name, ..)| name)
        .collect();
    let written = preset.map(preset_questions).filter(|set| !set.is_empty());
    written
        .unwrap_or(&GENERIC)
        .iter()
        .filter_map(|question| Some((question, facts.items(question.kind, &tasks)?)))
        .collect()
}

/// `questions` as the quiz the page shows, in `lang`, every text escaped:
/// a fieldset per question (`data-widget` says which), each with an empty
/// `p.verdict` for its grade, and the check button. Lines to arrange carry
/// their text in `data-item`; the page moves them, reads the answers back
/// and fills in the verdicts.
pub fn quiz_html(questions: &[Question], lang: Lang) -> String {
    let t = |key: Key| escape(key.text(lang));
    let mut html = String::new();
    for (at, question) in questions.iter().enumerate() {
        let prompt = escape(&question.prompt);
        html += &format!(
            "<fieldset class=\"question\" data-widget=\"{}\"><legend>{}. {prompt}</legend>",
            question.kind.widget(),
            at + 1
        );
        html += &match question.kind.widget() {
            "order" => {
                let mut lines = String::from("<ol class=\"arrange\">");
                for item in &question.items {
                    let item = escape(item);
                    lines += &format!(
                        "<li draggable=\"true\" data-item=\"{item}\"><span>{item}</span><button type=\"button\" data-move=\"up\" aria-label=\"{} {item}\">↑</button><button type=\"button\" data-move=\"down\" aria-label=\"{} {item}\">↓</button></li>",
                        t(Key::MoveUp),
                        t(Key::MoveDown)
                    );
                }
                lines + "</ol>"
            }
            "pick" => {
                let options: String = question
                    .items
                    .iter()
                    .map(|item| format!("<option>{}</option>", escape(item)))
                    .collect();
                format!("<select aria-label=\"{prompt}\">{options}</select>")
            }
            _ => format!(
                "<label><input type=\"number\" min=\"0\" inputmode=\"numeric\" aria-label=\"{prompt}\"> {}</label>",
                t(Key::Ms)
            ),
        };
        html += "<p class=\"verdict\" role=\"status\"></p></fieldset>";
    }
    html + &format!(
        "<button type=\"button\" class=\"check\">{}</button>",
        t(Key::CheckAndRun)
    )
}

/// What the page asks the worker: the questions about `program` (the
/// preset called `preset` as shipped, if it is one), or the grade of
/// `answer` to question `question`.
pub fn quiz_request(
    lang: Lang,
    preset: Option<&str>,
    program: &str,
    question: usize,
    answer: &[String],
) -> Json {
    Json::object([
        ("lang", lang.code().into()),
        ("preset", preset.unwrap_or_default().into()),
        ("program", program.into()),
        ("question", (question as u64).into()),
        (
            "answer",
            answer.iter().map(|item| item.as_str().into()).collect(),
        ),
    ])
}

/// How an answer fared: right or not, and what the learner is told (the
/// first difference and the hint), as HTML with every text escaped.
#[derive(Debug, Clone, PartialEq)]
pub struct Graded {
    pub correct: bool,
    pub feedback: String,
}

/// Grades `answer` to question `index` about `program`: the arranged items,
/// the item picked, or a number of ms as text.
pub fn grade(
    program: &CheckedProgram,
    preset: Option<&str>,
    index: usize,
    answer: &[String],
    lang: Lang,
) -> Option<Graded> {
    let (written, _) = asked(program, preset).into_iter().nth(index)?;
    let facts = Facts::of(&simulate(program));
    let said = |en: &'static str, zh: &'static str| lang.pick(en, zh).to_string();
    let wrong = |what: String| (false, what);
    let (correct, what) = match written.kind {
        Kind::PrintOrder | Kind::ResultOrder => {
            let expected = if written.kind == Kind::PrintOrder {
                &facts.printed
            } else {
                &facts.results
            };
            match expected.iter().zip(answer).position(|(e, a)| e != a) {
                None if expected.len() == answer.len() => (true, String::new()),
                None => wrong(said(
                    "The number of lines is not the run's.",
                    "行数与运行结果不一致。",
                )),
                Some(at) => wrong(match lang {
                    Lang::En => format!(
                        "Line {}: you put “{}”; the run has “{}”.",
                        at + 1,
                        answer[at],
                        expected[at]
                    ),
                    Lang::Zh => format!(
                        "第 {} 行：你放的是“{}”，运行结果是“{}”。",
                        at + 1,
                        answer[at],
                        expected[at]
                    ),
                }),
            }
        }
        Kind::FirstDone => match (&facts.first_done, answer.first()) {
            (Some(first), Some(picked)) if first == picked => (true, String::new()),
            (_, picked) => wrong(match lang {
                Lang::En => format!("Not {}.", picked.map_or("that", String::as_str)),
                Lang::Zh => format!("不是 {}。", picked.map_or("这个", String::as_str)),
            }),
        },
        Kind::Duration => {
            // Whole ms: reading a float would bring Rust's float parser
            // into the worker.
            let guess = answer
                .first()
                .and_then(|text| text.trim().parse::<u64>().ok())
                .map(|ms| ms as f64);
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
    Some(Graded {
        correct,
        feedback: escape(&feedback),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::i18n::tests::assert_full_width_punctuation;
    use crate::model::parse::parse;
    use crate::model::presets::catalog;

    /// The right answer to question `index`, as the page would send it.
    fn right_answer(program: &CheckedProgram, preset: Option<&str>, index: usize) -> Vec<String> {
        let facts = Facts::of(&simulate(program));
        match asked(program, preset)[index].0.kind {
            Kind::PrintOrder => facts.printed,
            Kind::ResultOrder => facts.results,
            Kind::FirstDone => facts.first_done.into_iter().collect(),
            Kind::Duration => vec![(facts.total_ms.round() as u64).to_string()],
        }
    }

    #[test]
    fn every_preset_asks_one_to_three_questions_and_grades_the_right_answers_right() {
        for preset in catalog() {
            let program = preset.program();
            for lang in [Lang::En, Lang::Zh] {
                let asked = questions(&program, Some(preset.id), lang);
                assert!((1..=3).contains(&asked.len()), "{}: {asked:?}", preset.id);
                for (index, question) in asked.iter().enumerate() {
                    let right = right_answer(&program, Some(preset.id), index);
                    if question.kind.widget() == "order" {
                        assert_ne!(
                            question.items, right,
                            "{}: the items shown are the answer",
                            preset.id
                        );
                        let (mut shown, mut answer) = (question.items.clone(), right.clone());
                        shown.sort();
                        answer.sort();
                        assert_eq!(shown, answer, "{}: the items are the answer's", preset.id);
                    }
                    let graded = grade(&program, Some(preset.id), index, &right, lang).unwrap();
                    assert!(
                        graded.correct,
                        "{} #{index}: {}",
                        preset.id, graded.feedback
                    );
                }
            }
        }
    }

    #[test]
    fn the_two_how_long_questions_have_opposite_answers() {
        let ask = |id: &str, ms: &str| {
            let preset = catalog().iter().find(|p| p.id == id).unwrap();
            grade(&preset.program(), Some(id), 0, &[ms.to_string()], Lang::En)
                .unwrap()
                .correct
        };
        assert!(ask("hello-world", "3000") && !ask("hello-world", "12000"));
        assert!(ask("blocking-sleep", "4000") && !ask("blocking-sleep", "1000"));
    }

    #[test]
    fn a_wrong_answer_says_where_it_first_differs_with_the_hint() {
        let program = parse(
            "task a\n  print \"one\"\n  sleep 10\n  print \"<two>\"\ntask b\n  print \"three\"\n",
        )
        .unwrap();
        let asked = questions(&program, None, Lang::En);
        assert_eq!(
            asked.iter().map(|q| q.kind).collect::<Vec<_>>(),
            [Kind::PrintOrder, Kind::FirstDone, Kind::Duration]
        );
        let answer: Vec<String> = ["one", "<two>", "three"].map(String::from).into();
        let graded = grade(&program, None, 0, &answer, Lang::En).unwrap();
        assert!(!graded.correct);
        assert!(
            graded
                .feedback
                .starts_with("Line 2: you put “&lt;two&gt;”; the run has “three”. Trace the loop"),
            "{}",
            graded.feedback
        );
        let zh = grade(&program, None, 1, &["a".into()], Lang::Zh).unwrap();
        assert!(
            !zh.correct && zh.feedback.starts_with("不是 a。"),
            "{}",
            zh.feedback
        );
        assert!(
            grade(&program, None, 1, &["b".into()], Lang::En)
                .unwrap()
                .correct
        );
        assert_eq!(
            grade(&program, None, 2, &["soon".into()], Lang::En)
                .unwrap()
                .feedback
                .split(". ")
                .next(),
            Some("Type a number of ms")
        );
        assert_eq!(grade(&program, None, 5, &[], Lang::En), None);
    }

    #[test]
    fn the_quiz_shows_each_question_with_its_widget_and_escapes_every_text() {
        let program = parse(
            "task a\n  print \"<b>\"\n  sleep 10\n  print \"x\\\"y\"\ntask b\n  print \"three\"\n",
        )
        .unwrap();
        let html = quiz_html(&questions(&program, None, Lang::Zh), Lang::Zh);
        assert_eq!(html.matches("<fieldset").count(), 3);
        for widget in ["order", "pick", "ms"] {
            assert!(
                html.contains(&format!("data-widget=\"{widget}\"")),
                "{widget}: {html}"
            );
        }
        assert!(
            html.contains("data-item=\"&lt;b&gt;\"") && html.contains("data-item=\"x&quot;y\""),
            "{html}"
        );
        assert!(
            !html.contains("<b>") && html.ends_with("检查并运行</button>"),
            "{html}"
        );
    }

    #[test]
    fn a_program_with_one_task_and_one_line_asks_only_how_long() {
        let program = parse("task a\n  print \"only\"\n  sleep 20\n").unwrap();
        let asked = questions(&program, None, Lang::En);
        assert_eq!(asked.len(), 1);
        assert_eq!(asked[0].kind, Kind::Duration);
    }

    #[test]
    fn every_written_text_is_in_both_languages() {
        let ids = catalog().iter().map(|p| p.id);
        for question in ids.flat_map(preset_questions).chain(&GENERIC) {
            for (en, zh) in [question.prompt, question.hint] {
                assert_ne!(en, zh);
                assert_full_width_punctuation(zh);
            }
        }
    }
}
