//! The Python worker's tracer (static/python/) under this machine's CPython: every program of
//! the corpus (tests/python_mode/corpus/) prints the same with and without tracing (stdout and
//! stderr, tracebacks included), on the wall
//! clock (also read as coarsely as a browser reads it) and on the virtual clock that predicts it,
//! its trace names what the page shows, and predict mode's questions asked of the virtual clock's
//! trace are answered by the wall clock's.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

use coroutine_playground::model::i18n::Lang;
use coroutine_playground::model::trace::{completion_order, result_order, Event, EventKind};
use coroutine_playground::model::trace_export::{from_posted, Field};
use coroutine_playground::views::quiz::{grade, questions, Answer, Kind};

fn python() -> String {
    std::env::var("PYTHON").unwrap_or_else(|_| "python3".into())
}

/// The corpus's programs and the tutorial's (without its network examples, which need the
/// playground's own aiohttp and requests).
fn corpus() -> Vec<PathBuf> {
    let mut files = Vec::new();
    for folder in ["tests/python_mode/corpus", "tests/fixtures/tutorial"] {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(folder);
        files.extend(
            std::fs::read_dir(&dir)
                .expect("a corpus folder")
                .map(|entry| entry.expect("a corpus entry").path())
                .filter(|path| path.extension().is_some_and(|e| e == "py")),
        );
    }
    files.sort();
    files
}

fn run(args: &[&str], dir: &Path) -> Output {
    Command::new(python())
        .args(args)
        .current_dir(dir)
        .output()
        .expect("python3 must be installed: this test needs it")
}

/// What a program wrote to stderr, with its folder left out of the paths: CPython names a
/// script it was started with by its full path, the tracer by the name it was given.
fn stderr_of(output: &Output, dir: &Path) -> String {
    String::from_utf8_lossy(&output.stderr).replace(&format!("{}/", dir.display()), "")
}

/// The clocks a program is traced on.
#[derive(Clone, Copy, Debug)]
enum Clock {
    Wall,
    /// The wall clock read to the millisecond: coarser than a browser's.
    Coarse,
    /// Time jumps to the next timer: the prediction.
    Virtual,
}

/// Runs `file` traced on `clock` and returns its output and its trace file's JSON.
fn traced(file: &Path, clock: Clock) -> (Output, String) {
    let dir = file.parent().unwrap();
    let runner = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/python_mode/run_traced.py");
    // Tests run in parallel threads of one process: each trace gets a file of its own.
    static TRACES: AtomicUsize = AtomicUsize::new(0);
    let events = std::env::temp_dir().join(format!(
        "pg-trace-{}-{}-{}.json",
        std::process::id(),
        TRACES.fetch_add(1, Ordering::Relaxed),
        file.file_stem().unwrap().to_string_lossy()
    ));
    let name = file.file_name().unwrap().to_str().unwrap();
    let mut args = vec![runner.to_str().unwrap(), name, events.to_str().unwrap()];
    match clock {
        Clock::Wall => {}
        Clock::Coarse => args.push("--coarse"),
        Clock::Virtual => args.push("--virtual"),
    }
    let output = run(&args, dir);
    let trace = std::fs::read_to_string(&events).unwrap_or_default();
    let _ = std::fs::remove_file(&events);
    (output, trace)
}

#[test]
fn tracing_never_changes_what_a_program_prints() {
    let files = corpus();
    assert!(files.len() >= 50, "the corpus has {} programs", files.len());
    for file in &files {
        let name = file.file_name().unwrap().to_str().unwrap();
        let dir = file.parent().unwrap();
        let plain = run(&[name], dir);
        for clock in [Clock::Wall, Clock::Coarse, Clock::Virtual] {
            let (traced, trace) = traced(file, clock);
            assert_eq!(
                String::from_utf8_lossy(&traced.stdout),
                String::from_utf8_lossy(&plain.stdout),
                "{name} on the {clock:?} clock prints otherwise; stderr:\n{}",
                String::from_utf8_lossy(&traced.stderr)
            );
            assert_eq!(
                traced.status.code(),
                plain.status.code(),
                "{name}: exit code"
            );
            assert_eq!(
                stderr_of(&traced, dir),
                stderr_of(&plain, dir),
                "{name} on the {clock:?} clock writes otherwise to stderr"
            );
            let events = events_of(&trace);
            assert!(
                plain.status.code() != Some(0) || !events.is_empty(),
                "{name}: it ran, and no event was traced"
            );
        }
    }
}

/// A trace file's events with their times, read as the page reads them: `t_ms lane kind detail`.
fn timed_events_of(trace: &str) -> Vec<String> {
    let times: serde_json::Value = serde_json::from_str(trace).expect("the trace file is JSON");
    let times = times["events"].as_array().expect("a list of events");
    events_of(trace)
        .into_iter()
        .zip(times)
        .map(|((lane, kind, detail), event)| {
            format!("{} {lane} {kind} {detail}", event[0])
                .trim_end()
                .to_string()
        })
        .collect()
}

/// Runs `file` traced on the virtual clock, which makes its trace the same at every run.
fn traced_virtually(file: &Path) -> (Output, String) {
    traced(file, Clock::Virtual)
}

/// A trace file's events, read as the page reads them (`trace_export::from_posted`), as
/// (lane, kind, detail); every event must read.
fn events_of(trace: &str) -> Vec<(String, String, String)> {
    page_events(trace)
        .into_iter()
        .map(|event| {
            (
                event.task.to_string(),
                event.kind.name().into(),
                event.kind.detail(),
            )
        })
        .collect()
}

/// A trace file's events as the page reads them (`trace_export::from_posted`); every event
/// must read.
fn page_events(trace: &str) -> Vec<Event> {
    let trace: serde_json::Value = serde_json::from_str(trace).expect("the trace file is JSON");
    trace["events"]
        .as_array()
        .expect("a list of events")
        .iter()
        .map(|posted| {
            let fields: Vec<Field> = posted.as_array().expect("an event is a list")[3..]
                .iter()
                .map(|field| match field.as_f64() {
                    Some(n) => Field::Number(n),
                    None => Field::Text(field.as_str().expect("a number or a text").into()),
                })
                .collect();
            from_posted(
                posted[0].as_f64().expect("a time"),
                posted[1].as_str().expect("a lane"),
                posted[2].as_u64().expect("a kind") as u8,
                &fields,
            )
            .unwrap_or_else(|| panic!("the page cannot read {posted}"))
        })
        .collect()
}

/// `run`'s answer to `kind` of question, as the page sends it: an order as the positions of
/// its items among those `shown` (past the end for an item not shown), a task by its name.
fn answer_of(run: &[Event], kind: Kind, shown: &[String]) -> Answer {
    let order: Vec<String> = match kind {
        Kind::PrintOrder => run
            .iter()
            .filter_map(|event| match &event.kind {
                EventKind::Print(text) | EventKind::Callback(text) => Some(text.clone()),
                _ => None,
            })
            .collect(),
        Kind::ResultOrder => result_order(run).into_iter().map(str::to_string).collect(),
        Kind::FirstDone => {
            let first = completion_order(run).first().map(|task| task.to_string());
            return Answer::Pick(first.unwrap_or_default());
        }
        Kind::Duration => unreachable!("a duration is not an order"),
    };
    let mut used = vec![false; shown.len()];
    Answer::Order(
        order
            .iter()
            .map(|item| {
                let at = (0..shown.len()).find(|&at| !used[at] && shown[at] == *item);
                at.inspect(|&at| used[at] = true).unwrap_or(shown.len())
            })
            .collect(),
    )
}

#[test]
fn predict_modes_questions_asked_of_the_virtual_clock_are_answered_by_the_wall_clocks_run() {
    let mut asked = 0;
    for file in corpus() {
        let name = file.file_name().unwrap().to_str().unwrap();
        let predicted = page_events(&traced_virtually(&file).1);
        let run = page_events(&traced(&file, Clock::Wall).1);
        for (index, question) in questions(&predicted, None, Lang::En).iter().enumerate() {
            // How long a run takes on the wall clock is the machine's; the browser test grades one.
            if question.kind == Kind::Duration {
                continue;
            }
            let answer = answer_of(&run, question.kind, &question.items);
            let graded = grade(&predicted, None, index, &answer, Lang::En)
                .expect("a question asked is graded");
            assert!(
                graded.correct,
                "{name}: {:?}: {}",
                question.kind, graded.feedback
            );
            asked += 1;
        }
    }
    assert!(
        asked >= 50,
        "only {asked} questions were asked of the corpus"
    );
}

fn has(events: &[(String, String, String)], lane: &str, kind: &str, detail: &str) -> bool {
    events
        .iter()
        .any(|(l, k, d)| l == lane && k == kind && d == detail)
}

#[test]
fn a_queues_waits_are_traced() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/python_mode/corpus");
    let (_, trace) = traced_virtually(&dir.join("01_queue_task_done_join.py"));
    let events = events_of(&trace);
    for (lane, kind, detail) in [
        ("main", "spawn", "consumer"),
        ("main", "spawn", "consumer.2"),
        ("consumer", "suspend", "Queue.get"),
        ("consumer", "suspend", "yield"),
        ("main", "suspend", "sleep 20"),
        ("consumer", "print", "c0 got 0"),
        ("main", "cancel", "consumer"),
        ("consumer", "cancelled", ""),
        ("main", "done", "None"),
    ] {
        assert!(
            has(&events, lane, kind, detail),
            "{lane} {kind} {detail} missing: {events:#?}"
        );
    }
}

#[test]
fn a_taskgroups_failure_cancels_the_others_from_the_loop() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/python_mode/corpus");
    let (_, trace) = traced_virtually(&dir.join("08_taskgroup_failure.py"));
    let events = events_of(&trace);
    for (lane, kind, detail) in [
        ("main", "suspend", "TaskGroup"),
        ("bad", "failed", "ValueError: bad input"),
        ("loop", "cancel", "ok"),
        ("loop", "cancel", "ok.2"),
        ("ok", "cancelled", ""),
        ("ok.2", "cancelled", ""),
        ("main", "print", "caught ['bad input']"),
    ] {
        assert!(
            has(&events, lane, kind, detail),
            "{lane} {kind} {detail} missing: {events:#?}"
        );
    }
}

#[test]
fn a_handled_cancellation_and_blocking_sleeps_are_traced() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/python_mode/corpus");
    let (_, trace) = traced_virtually(&dir.join("13_cancel_handled.py"));
    let events = events_of(&trace);
    for (lane, kind, detail) in [
        ("main", "cancel", "worker"),
        ("worker", "print", "cleaning up"),
        ("worker", "suspend", "sleep 10"),
        ("worker", "cancelled", ""),
    ] {
        assert!(
            has(&events, lane, kind, detail),
            "{lane} {kind} {detail} missing"
        );
    }
    let (_, trace) = traced_virtually(&dir.join("26_time_sleep_blocks.py"));
    let events = events_of(&trace);
    assert!(has(&events, "blocking", "block", "block 30"));
    assert!(has(&events, "blocking.3", "block", "block 30"));
    let (_, trace) = traced_virtually(&dir.join("28_to_thread.py"));
    let events = events_of(&trace);
    assert!(
        has(&events, "asyncio_0", "suspend", "sleep 30"),
        "{events:#?}"
    );
    assert!(has(&events, "main", "suspend", "gather"));
    let notes: serde_json::Value = serde_json::from_str(&trace).expect("JSON");
    let threads = &notes["notes"][0];
    assert!(
        threads[0]
            .as_str()
            .is_some_and(|en| en.contains("no threads"))
            && threads[1]
                .as_str()
                .is_some_and(|zh| zh.contains("没有线程")),
        "the run says, in both languages, that its thread pool ran without threads: {notes}"
    );
}

/// The whole trace of `program` (tests/python_mode/traces/) on the virtual clock.
fn whole_trace(program: &str) -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/python_mode/traces");
    timed_events_of(&traced_virtually(&dir.join(program)).1)
}

#[test]
fn a_queues_handoff_is_traced_event_by_event() {
    assert_eq!(
        whole_trace("queue_handoff.py"),
        [
            "0.0 main start",
            "0.0 main spawn producer",
            "0.0 main spawn consumer",
            "0.0 main suspend gather",
            "0.0 producer start",
            "0.0 producer suspend Queue.put",
            "0.0 consumer start",
            "0.0 consumer print a",
            "0.0 consumer suspend Queue.get",
            "0.0 producer resume",
            "0.0 producer done None",
            "0.0 consumer resume",
            "0.0 consumer print b",
            "0.0 consumer done None",
            "0.0 main resume",
            "0.0 main done None",
        ]
    );
}

#[test]
fn a_cancellation_is_traced_event_by_event() {
    assert_eq!(
        whole_trace("cancel_cleanup.py"),
        [
            "0.0 main start",
            "0.0 main spawn sleeper",
            "0.0 main suspend sleep 100",
            "0.0 sleeper start",
            "0.0 sleeper suspend sleep 1000",
            "100.0 main resume",
            "100.0 main cancel sleeper",
            "100.0 main suspend join sleeper",
            "100.0 sleeper resume",
            "100.0 sleeper print cleanup",
            "100.0 sleeper cancelled",
            "100.0 main resume",
            "100.0 main print cancelled",
            "100.0 main done None",
        ]
    );
}

#[test]
fn a_taskgroups_failure_is_traced_event_by_event() {
    assert_eq!(
        whole_trace("taskgroup_failure.py"),
        [
            "0.0 main start",
            "0.0 main spawn fails",
            "0.0 main spawn waits",
            "0.0 main suspend TaskGroup",
            "0.0 fails start",
            "0.0 fails suspend sleep 100",
            "0.0 waits start",
            "0.0 waits suspend sleep 1000",
            "100.0 fails resume",
            "100.0 fails failed ValueError: no",
            "100.0 loop cancel waits",
            "100.0 loop cancel main",
            "100.0 waits resume",
            "100.0 waits cancelled",
            "100.0 main resume",
            "100.0 main suspend TaskGroup",
            "100.0 main resume",
            "100.0 main print caught",
            "100.0 main done None",
        ]
    );
}
