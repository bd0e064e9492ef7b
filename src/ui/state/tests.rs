//! Tests of `state`.

use super::*;
use crate::model::trace::EventKind;

fn reduce(page: Playground, action: Action) -> Playground {
    Rc::unwrap_or_clone(Rc::new(page).reduce(action))
}

#[test]
fn loading_a_preset_replaces_the_program_and_clears_the_run() {
    let mut page = Playground::new(Lang::En, find("hello").unwrap());
    page = reduce(page, Action::RunStarted);
    page = reduce(
        page,
        Action::Events(vec![Event {
            t_ms: 0.0,
            task: "main".into(),
            kind: EventKind::Start,
        }]),
    );
    page = reduce(page, Action::LoadPreset("chain"));
    assert_eq!(page.preset.id, "chain");
    assert_eq!(page.status, Status::Idle);
    assert!(page.events.is_empty() && page.program.is_ok());
}

#[test]
fn switching_language_translates_an_unmodified_preset_only() {
    let page = reduce(
        Playground::new(Lang::En, find("chain").unwrap()),
        Action::SetLang(Lang::Zh),
    );
    assert_eq!(page.source, find("chain").unwrap().source.zh);
    let edited = reduce(page, Action::Edit("task mine\n  yield\n".into()));
    assert_eq!(
        reduce(edited, Action::SetLang(Lang::En)).source,
        "task mine\n  yield\n"
    );
}

#[test]
fn a_bad_link_opens_the_default_demo_and_keeps_the_problem() {
    let page = Playground::from_link(
        Lang::En,
        &crate::model::route::read("?view=code", "#example/nope"),
    );
    assert_eq!((page.preset.id, page.tab), ("hello-world", Tab::Python));
    assert_eq!(
        page.link_problem,
        Some(LinkProblem::UnknownPreset("nope".into()))
    );
    let page = reduce(
        page,
        Action::OpenLink(Ok(Opened::Text("task t\n  yield\n".into()))),
    );
    assert_eq!(
        (page.source.as_str(), page.link_problem.clone()),
        ("task t\n  yield\n", None)
    );
}

#[test]
fn a_bad_edit_keeps_the_text_and_reports_the_error() {
    let page = reduce(
        Playground::new(Lang::En, find("hello").unwrap()),
        Action::Edit("task a\n  sleep x\n".into()),
    );
    assert_eq!(page.source, "task a\n  sleep x\n");
    assert_eq!(page.program.as_ref().unwrap_err().line, 2);
    assert!(!page.is_unmodified_preset());
}

#[test]
fn a_run_collects_events_and_finishes() {
    let mut page = reduce(
        Playground::new(Lang::Zh, find("hello").unwrap()),
        Action::SetTimeScale(0.1),
    );
    page = reduce(page, Action::RunStarted);
    assert_eq!((page.status, page.run_scale), (Status::Running, 0.1));
    page = reduce(
        page,
        Action::Events(vec![Event {
            t_ms: 1.0,
            task: "main".into(),
            kind: EventKind::Failed("x".into()),
        }]),
    );
    page = reduce(page, Action::RunFinished { total_ms: 5.0 });
    assert_eq!(
        page.status,
        Status::Finished {
            total_ms: 5.0,
            failed: true
        }
    );
}

#[test]
fn pins_survive_other_demos_keep_the_latest_three_and_the_next_run_opens_compare() {
    let mut page = Playground::new(Lang::En, find("hello").unwrap());
    for trace in ["1", "2", "3", "4"] {
        page = reduce(page, Action::Pin(trace.into()));
    }
    page = reduce(page, Action::LoadPreset("chain"));
    assert_eq!(page.pinned, ["2", "3", "4"].map(AttrValue::from));
    page = reduce(page, Action::Unpin(0));
    page = reduce(page, Action::Unpin(7));
    assert_eq!(page.pinned, ["3", "4"].map(AttrValue::from));
    page = reduce(page, Action::RunStarted);
    page = reduce(page, Action::RunFinished { total_ms: 1.0 });
    assert_eq!(page.tab, Tab::Compare);
}

#[test]
fn a_prediction_is_stepped_through_from_the_step_asked_for_within_its_events() {
    let program = find("hello").unwrap().program();
    let predicted = crate::model::simulate::simulate(&program);
    let last = predicted.len() - 1;
    let mut page = reduce(
        Playground::new(Lang::En, find("hello").unwrap()),
        Action::Step(Some(9_999)),
    );
    page = reduce(page, Action::Predicted(predicted));
    assert_eq!((page.step, page.predicted), (Some(last), true));
    assert!(matches!(
        page.status,
        Status::Finished { failed: false, .. }
    ));
    page = reduce(page, Action::RunStarted);
    assert_eq!(
        (page.step, page.predicted),
        (None, false),
        "a run starts its own replay"
    );
}

#[test]
fn a_link_runs_at_once_only_when_it_holds_the_loop_briefly() {
    let open = |hash: &str| {
        let link = crate::model::route::read("?autorun=1", hash);
        let page = Playground::from_link(Lang::En, &link);
        (page.may_autorun(&link), page.autorun_withheld)
    };
    assert_eq!(
        open("#src/task%20t%20x3%0A%20%20block%205000%0A"),
        (false, Some(15_000))
    );
    let link =
        crate::model::route::read("?autorun=1", "#src/task%20t%20x3%0A%20%20block%205000%0A");
    let edited = reduce(
        Playground::from_link(Lang::En, &link),
        Action::Edit("task t\n  yield\n".into()),
    );
    assert_eq!(
        edited.autorun_withheld, None,
        "the notice goes with the program it was about"
    );
    assert_eq!(open("#src/task%20t%0A%20%20block%202000%0A"), (true, None));
    assert_eq!(open("#example/blocking-sleep"), (true, None));
    let link = crate::model::route::read("", "#src/task%20t%20x3%0A%20%20block%205000%0A");
    assert!(!Playground::from_link(Lang::En, &link).may_autorun(&link));
}

#[test]
fn a_run_keeps_the_program_it_ran_after_an_edit() {
    let mut page = reduce(
        Playground::new(Lang::En, find("hello").unwrap()),
        Action::RunStarted,
    );
    let ran = page.source.clone();
    assert!(!page.run_is_stale());
    page = reduce(page, Action::Edit("task mine\n  sleep 10\n".into()));
    assert!(page.run_is_stale());
    assert_eq!(
        page.ran.as_ref().map(|r| r.source.as_str()),
        Some(ran.as_str())
    );
    assert_eq!(
        page.ran.as_ref().and_then(|r| r.program.clone()),
        parse(&ran).ok().map(Rc::new)
    );
    page = reduce(page, Action::RunStarted);
    assert!(!page.run_is_stale());
    let translated = reduce(
        reduce(
            Playground::new(Lang::En, find("chain").unwrap()),
            Action::RunStarted,
        ),
        Action::SetLang(Lang::Zh),
    );
    assert!(!translated.run_is_stale(), "the same preset in Chinese");
}

/// The page after the worker read `python` as `outcome`.
fn imported(
    page: Playground,
    python: &str,
    outcome: Result<ImportedText, ParseError>,
) -> Playground {
    reduce(
        page,
        Action::Imported {
            python: python.into(),
            outcome: Ok(outcome),
        },
    )
}

fn program(text: &str) -> ImportedText {
    ImportedText {
        text: text.into(),
        notes: vec![("read as 3.11 does".into(), "按 3.11 的方式读取".into())],
    }
}

#[test]
fn a_py_link_opens_python_mode_and_autoruns_the_python_at_once() {
    let link = crate::model::route::read("?autorun=1", "#py/print(1)");
    let page = Playground::from_link(Lang::En, &link);
    assert!(page.may_autorun(&link), "Python needs no import to run");
    assert_eq!(page.editor_view, EditorView::Python);
    assert_eq!(page.python_to_run(), Some("print(1)"));
    assert!(page.can_run() && page.runnable().is_none());
    let stale = imported(page.clone(), "print(2)", Ok(program("task b\n  yield\n")));
    assert!(
        stale.python.as_ref().is_some_and(|p| p.imported.is_none()),
        "an import of older Python is dropped"
    );
    let page = imported(page, "print(1)", Ok(program("task a\n  yield\n")));
    assert_eq!(page.source, "task a\n  yield\n");
    assert!(page.runnable().is_some() && !page.is_unmodified_preset());
    assert_eq!(page.run_requests, 0, "the import runs nothing");
    assert_eq!(
        page.python.as_ref().and_then(|p| p.imported.clone()),
        Some(Ok(program("").notes))
    );
    assert_eq!(page.python_to_run(), Some("print(1)"), "still Python mode");
}

#[test]
fn python_runs_as_python_and_turns_into_its_task_list_when_asked() {
    let page = reduce(
        Playground::new(Lang::En, find("hello").unwrap()),
        Action::EditPython("import asyncio".into()),
    );
    let page = reduce(page, Action::RequestRun);
    assert_eq!(
        page.run_requests, 1,
        "Python runs without waiting for the import"
    );
    let ran = reduce(page.clone(), Action::PythonRunStarted);
    assert_eq!(ran.status, Status::Running);
    assert!(ran
        .ran
        .as_ref()
        .is_some_and(|r| r.python && r.source == "import asyncio"));
    assert!(!ran.run_is_stale());
    let edited = reduce(ran.clone(), Action::EditPython("import time".into()));
    assert!(edited.run_is_stale());
    let unreadable = reduce(page.clone(), Action::LeavePython);
    assert!(unreadable.python.is_some(), "no task list to turn into yet");
    let read = imported(page, "import asyncio", Ok(program("task a\n  yield\n")));
    let left = reduce(read, Action::LeavePython);
    assert!(left.python.is_none() && left.editor_view == EditorView::Text);
    assert_eq!(left.source, "task a\n  yield\n");
    assert!(left.can_run());
    let blank = reduce(left, Action::EditPython("  \n".into()));
    assert!(!blank.can_run(), "nothing to run");
}

#[test]
fn a_python_runs_output_notes_and_failure_are_kept_until_the_next_run() {
    use crate::model::python_run::Stream;
    let page = reduce(
        Playground::new(Lang::En, find("hello").unwrap()),
        Action::EditPython("print(1)".into()),
    );
    let note = PythonNote {
        en: "no threads".into(),
        zh: "没有线程".into(),
    };
    let mut page = reduce(page, Action::PythonRunStarted);
    page = reduce(page, Action::PythonLoading(Some((1.0, 10.0))));
    assert_eq!(page.python_shown.loading, Some((1.0, 10.0)));
    for _ in 0..2 {
        page = reduce(
            page,
            Action::PythonOutput {
                output: vec![Output {
                    stream: Stream::Stdout,
                    text: "1\n".into(),
                }],
                notes: vec![note.clone()],
            },
        );
    }
    assert_eq!(page.python_shown.output.len(), 2);
    assert_eq!(page.python_shown.notes, [note], "each note once");
    page = reduce(page, Action::PythonFailed(PythonFailure::Limit));
    assert_eq!(
        (page.status, page.python_shown.failure.clone()),
        (Status::Stopped, Some(PythonFailure::Limit))
    );
    let again = reduce(page, Action::PythonRunStarted);
    assert_eq!(again.python_shown, PythonShown::default());
}

#[test]
fn the_link_carries_the_python_in_python_mode() {
    let written = reduce(
        Playground::new(Lang::En, find("hello").unwrap()),
        Action::EditPython("print(1)".into()),
    );
    assert_eq!(written.python_for_link(), Some("print(1)"));
    assert_eq!(
        Playground::new(Lang::En, find("hello").unwrap()).python_for_link(),
        None
    );
}

#[test]
fn a_challenge_link_locks_the_program_to_its_text_and_hides_the_python() {
    let link = crate::model::route::read(
        "?mode=predict&readonly=1&hide=code&view=code",
        "#py/print(1)",
    );
    let page = Playground::from_link(Lang::En, &link);
    assert!(page.predict && page.readonly && page.hide.code && !page.hide.editor);
    assert_eq!((page.editor_view, page.tab), (EditorView::Text, Tab::Log));
    let plain = Playground::from_link(Lang::En, &crate::model::route::read("", ""));
    assert!(!plain.predict && !plain.readonly && plain.hide == Hidden::default());
}

#[test]
fn editing_the_program_or_opening_another_leaves_the_python_behind() {
    let page = imported(
        reduce(
            Playground::new(Lang::En, find("hello").unwrap()),
            Action::EditPython("p".into()),
        ),
        "p",
        Ok(program("task a\n  yield\n")),
    );
    let edited = reduce(page.clone(), Action::Edit("task b\n  yield\n".into()));
    assert!(edited.python.is_none() && edited.runnable().is_some());
    let loaded = reduce(page.clone(), Action::LoadPreset("chain"));
    assert!(loaded.python.is_none() && loaded.is_unmodified_preset());
    let opened = reduce(
        page,
        Action::OpenLink(Ok(Opened::Text("task c\n  yield\n".into()))),
    );
    assert!(opened.python.is_none());
}
