//! Tests of `quiz`.

use super::*;
use crate::model::i18n::tests::assert_full_width_punctuation;
use crate::model::parse::parse;
use crate::model::presets::catalog;
use crate::model::program::CheckedProgram;
use crate::model::simulate::simulate;

/// The right answer to question `index`, as the page would send it.
fn right_answer(program: &CheckedProgram, preset: Option<&str>, index: usize) -> Vec<String> {
    let facts = Facts::of(&simulate(program));
    let (question, shown) = &asked(&facts, preset)[index];
    match question.kind {
        Kind::PrintOrder => positions(shown, &facts.printed),
        Kind::ResultOrder => positions(shown, &facts.results),
        Kind::FirstDone => facts.first_done.into_iter().collect(),
        Kind::Duration => vec![(facts.total_ms.round() as u64).to_string()],
    }
}

/// `lines` as the page sends them: each one's position among the lines
/// `shown` (a repeated line takes the next position of its text).
fn positions(shown: &[String], lines: &[String]) -> Vec<String> {
    let mut used = vec![false; shown.len()];
    lines
        .iter()
        .map(|line| {
            let at = (0..shown.len())
                .find(|&at| !used[at] && shown[at] == *line)
                .expect("the line is shown");
            used[at] = true;
            at.to_string()
        })
        .collect()
}

#[test]
fn every_preset_asks_one_to_three_questions_and_grades_the_right_answers_right() {
    for preset in catalog() {
        let program = preset.program();
        for lang in [Lang::En, Lang::Zh] {
            let asked = questions(&simulate(&program), Some(preset.id), lang);
            assert!((1..=3).contains(&asked.len()), "{}: {asked:?}", preset.id);
            for (index, question) in asked.iter().enumerate() {
                let right = right_answer(&program, Some(preset.id), index);
                if question.kind.widget() == "order" {
                    // `right` are positions in the lines shown: a full
                    // arrangement, and not the order they are shown in.
                    let mut sorted = right.clone();
                    sorted.sort_by_key(|at| at.parse::<usize>().unwrap());
                    let shown: Vec<String> =
                        (0..question.items.len()).map(|at| at.to_string()).collect();
                    assert_eq!(sorted, shown, "{}: the items are the answer's", preset.id);
                    assert_ne!(
                        right, shown,
                        "{}: the items shown are the answer",
                        preset.id
                    );
                }
                let graded =
                    grade(&simulate(&program), Some(preset.id), index, &right, lang).unwrap();
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
        grade(
            &simulate(&preset.program()),
            Some(id),
            0,
            &[ms.to_string()],
            Lang::En,
        )
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
    let asked = questions(&simulate(&program), None, Lang::En);
    assert_eq!(
        asked.iter().map(|q| q.kind).collect::<Vec<_>>(),
        [Kind::PrintOrder, Kind::FirstDone, Kind::Duration]
    );
    let shown = &super::asked(&Facts::of(&simulate(&program)), None)[0].1;
    let answer = positions(shown, &["one", "<two>", "three"].map(String::from));
    let graded = grade(&simulate(&program), None, 0, &answer, Lang::En).unwrap();
    assert!(!graded.correct);
    assert!(
        graded
            .feedback
            .starts_with("Line 2: you put “&lt;two&gt;”; the run has “three”. Trace the loop"),
        "{}",
        graded.feedback
    );
    let zh = grade(&simulate(&program), None, 1, &["a".into()], Lang::Zh).unwrap();
    assert!(
        !zh.correct && zh.feedback.starts_with("不是 a。"),
        "{}",
        zh.feedback
    );
    assert!(
        grade(&simulate(&program), None, 1, &["b".into()], Lang::En)
            .unwrap()
            .correct
    );
    assert_eq!(
        grade(&simulate(&program), None, 2, &["soon".into()], Lang::En)
            .unwrap()
            .feedback
            .split(". ")
            .next(),
        Some("Type a number of ms")
    );
    assert_eq!(grade(&simulate(&program), None, 5, &[], Lang::En), None);
}

#[test]
fn the_quiz_shows_each_question_with_its_widget_and_escapes_every_text() {
    let program = parse(
        "task a\n  print \"<b>\"\n  sleep 10\n  print \"x\\\"y\"\ntask b\n  print \"three\"\n",
    )
    .unwrap();
    let html = quiz_html(
        &questions(&simulate(&program), None, Lang::Zh),
        Lang::Zh,
        "f00",
    );
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
        !html.contains("<b>") && html.ends_with("data-for=\"f00\">检查并运行</button>"),
        "{html}"
    );
    assert!(
        html.contains(
            "aria-live=\"polite\" data-moved-before=\"移到第 \" data-moved-after=\" 位\""
        ),
        "{html}"
    );
    assert_ne!(fingerprint("a"), fingerprint("b"));
    assert_eq!(fingerprint(""), "cbf29ce484222325");
}

#[test]
fn questions_a_run_cannot_answer_fairly_are_not_asked() {
    let kinds = |source: &str| -> Vec<Kind> {
        questions(&simulate(&parse(source).unwrap()), None, Lang::En)
            .into_iter()
            .map(|question| question.kind)
            .collect()
    };
    // A spawned task can finish first: it is among the choices.
    let spawning = parse(
        "task a\n  spawn c\n  sleep 100\n  await c\ntask b\n  sleep 50\ncoroutine c\n  sleep 10\n",
    )
    .unwrap();
    let first = &questions(&simulate(&spawning), None, Lang::En)[0];
    assert_eq!(first.kind, Kind::FirstDone);
    assert!(first.items.contains(&"c".to_string()), "{:?}", first.items);
    assert!(
        grade(&simulate(&spawning), None, 0, &["c".into()], Lang::En)
            .unwrap()
            .correct
    );
    assert_eq!(
        grade(&simulate(&spawning), None, 0, &["".into()], Lang::En)
            .unwrap()
            .feedback
            .split(". ")
            .next(),
        Some("Pick a task")
    );
    // Three tasks that end together: no first to pick.
    assert_eq!(kinds("task t x3\n  sleep 100\n"), [Kind::Duration]);
    // Real CPU work in a worker: the machine says how long, not the simulator.
    assert_eq!(
        kinds("task t x2\n  offload compute 100+100*{i}\n"),
        [Kind::FirstDone]
    );
    // Thirteen lines to arrange are a chore, not a question.
    assert!(!kinds("task t x13\n  print \"{i}\"\n").contains(&Kind::PrintOrder));
    assert!(kinds("task t x12\n  print \"{i}\"\n").contains(&Kind::PrintOrder));
}

#[test]
fn a_program_with_one_task_and_one_line_asks_only_how_long() {
    let program = parse("task a\n  print \"only\"\n  sleep 20\n").unwrap();
    let asked = questions(&simulate(&program), None, Lang::En);
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
