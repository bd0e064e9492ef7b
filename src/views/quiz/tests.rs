//! Tests of `quiz`.

use super::*;
use crate::model::i18n::tests::assert_full_width_punctuation;
use crate::model::parse::parse;
use crate::model::presets::catalog;
use crate::model::program::CheckedProgram;
use crate::model::simulate::simulate;

/// The right answer to question `index`, as the page would send it.
fn right_answer(program: &CheckedProgram, preset: Option<&str>, index: usize) -> Answer {
    let facts = RunFacts::of(&simulate(program));
    let (question, shown) = &asked(&facts, preset)[index];
    match question.kind {
        Kind::PrintOrder => positions(shown, &facts.printed),
        Kind::ResultOrder => positions(shown, &facts.results),
        Kind::FirstDone => Answer::Pick(facts.first_done.unwrap_or_default()),
        Kind::Duration => Answer::Ms((facts.total_ms.round() as u64).to_string()),
    }
}

/// `lines` as the page sends them: each one's position among the lines
/// `shown` (a repeated line takes the next position of its text).
fn positions(shown: &[String], lines: &[String]) -> Answer {
    let mut used = vec![false; shown.len()];
    Answer::Order(
        lines
            .iter()
            .map(|line| {
                let at = (0..shown.len())
                    .find(|&at| !used[at] && shown[at] == *line)
                    .expect("the line is shown");
                used[at] = true;
                at
            })
            .collect(),
    )
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
                if let Answer::Order(positions) = &right {
                    // `right` are positions in the lines shown: a full
                    // arrangement, and not the order they are shown in.
                    let mut sorted = positions.clone();
                    sorted.sort();
                    let shown: Vec<usize> = (0..question.items.len()).collect();
                    assert_eq!(sorted, shown, "{}: the items are the answer's", preset.id);
                    assert_ne!(
                        *positions, shown,
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
            &Answer::Ms(ms.to_string()),
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
    let shown = &super::asked(&RunFacts::of(&simulate(&program)), None)[0].1;
    let answer = positions(shown, &["one", "<two>", "three"].map(String::from));
    let graded = grade(&simulate(&program), None, 0, &answer, Lang::En).unwrap();
    assert!(!graded.correct);
    assert!(
        graded
            .feedback
            .starts_with("Line 2: you put “<two>”; the run has “three”. Trace the loop"),
        "{}",
        graded.feedback
    );
    let zh = grade(
        &simulate(&program),
        None,
        1,
        &Answer::Pick("a".into()),
        Lang::Zh,
    )
    .unwrap();
    assert!(
        !zh.correct && zh.feedback.starts_with("不是 a。"),
        "{}",
        zh.feedback
    );
    assert!(
        grade(
            &simulate(&program),
            None,
            1,
            &Answer::Pick("b".into()),
            Lang::En
        )
        .unwrap()
        .correct
    );
    assert_eq!(
        grade(
            &simulate(&program),
            None,
            2,
            &Answer::Ms("soon".into()),
            Lang::En
        )
        .unwrap()
        .feedback
        .split(". ")
        .next(),
        Some("Type a number of ms")
    );
    assert_eq!(
        grade(
            &simulate(&program),
            None,
            5,
            &Answer::Ms(String::new()),
            Lang::En
        ),
        None
    );
}

#[test]
fn an_answer_of_another_kind_or_not_yet_given_is_wrong_and_says_what_to_give() {
    let program = parse("task a\n  print \"one\"\n  sleep 10\ntask b\n  print \"two\"\n").unwrap();
    let predicted = simulate(&program);
    let asked = questions(&predicted, None, Lang::En);
    for (index, question) in asked.iter().enumerate() {
        let unanswered = Answer::unanswered(question.kind, question.items.len());
        let graded = grade(&predicted, None, index, &unanswered, Lang::En).unwrap();
        assert!(!graded.correct, "{question:?}");
        let other = match question.kind {
            Kind::Duration => Answer::Pick("a".into()),
            _ => Answer::Ms("10".into()),
        };
        assert!(
            !grade(&predicted, None, index, &other, Lang::En)
                .unwrap()
                .correct
        );
    }
    assert_eq!(
        Answer::unanswered(Kind::PrintOrder, 3),
        Answer::Order(vec![0, 1, 2])
    );
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
        grade(
            &simulate(&spawning),
            None,
            0,
            &Answer::Pick("c".into()),
            Lang::En
        )
        .unwrap()
        .correct
    );
    assert_eq!(
        grade(
            &simulate(&spawning),
            None,
            0,
            &Answer::Pick(String::new()),
            Lang::En
        )
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
    for question in ids.flat_map(questions_of).chain(&GENERIC_QUESTIONS) {
        for (en, zh) in [question.prompt, question.hint] {
            assert_ne!(en, zh);
            assert_full_width_punctuation(zh);
        }
    }
}
