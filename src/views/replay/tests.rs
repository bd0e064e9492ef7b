//! Tests of `replay`.

use super::*;
use crate::model::parse::parse;
use crate::model::presets::catalog;
use crate::model::simulate::simulate;

fn trace(source: &str) -> Vec<Event> {
    simulate(&parse(source).expect("the program parses"))
}

fn step_of(events: &[Event], task: &str, kind: &str) -> usize {
    events
        .iter()
        .position(|e| &*e.task == task && e.kind.name() == kind)
        .expect("the event happens")
}

#[test]
fn tasks_woken_by_one_timer_wait_in_the_ready_queue_in_the_order_they_run() {
    let events = trace(
        "run gather\n\ntask a\n  sleep 100\n  print \"a\"\n\ntask b\n  sleep 100\n  print \"b\"\n",
    );
    let a_resumes = events
        .iter()
        .position(|e| &*e.task == "a" && e.kind == EventKind::Resume)
        .unwrap();
    let at = loop_at(&events, a_resumes, 1.0).unwrap();
    assert_eq!(at.running, Some("a"));
    assert_eq!(at.ready, vec!["b"]);
    assert!(at.waiting.iter().all(|(task, _)| *task != "b"));
    let before = loop_at(&events, step_of(&events, "b", "suspend"), 1.0).unwrap();
    assert_eq!(before.running, None);
    assert!(before.ready.is_empty(), "no timer is due at 0 ms");
    assert_eq!(
        before
            .waiting
            .iter()
            .map(|(task, _)| *task)
            .collect::<Vec<_>>(),
        vec!["main", "a", "b"]
    );
    assert!(before.describe(Lang::En).starts_with("The loop waits"));
}

#[test]
fn the_tasks_main_gathers_are_all_ready_when_main_waits() {
    let events = trace("run gather\n\ntask t x3\n  sleep 100\n");
    let gathers = events
        .iter()
        .position(|e| &*e.task == "main" && matches!(e.kind, EventKind::Suspend(_)))
        .unwrap();
    let at = loop_at(&events, gathers, 1.0).unwrap();
    assert_eq!(at.ready, ["t0", "t1", "t2"]);
    let sequential = trace("run sequential\n\ntask t x3\n  sleep 100\n");
    let waits = sequential
        .iter()
        .position(|e| &*e.task == "main" && matches!(e.kind, EventKind::Suspend(_)))
        .unwrap();
    assert_eq!(
        loop_at(&sequential, waits, 1.0).unwrap().ready,
        ["t0"],
        "one at a time"
    );
}

#[test]
fn a_join_is_ready_only_once_the_joined_task_has_ended() {
    let events = trace("run sequential\n\ntask a\n  sleep 100\n  print \"a\"\n");
    let printed = step_of(&events, "a", "print");
    let at_print = loop_at(&events, printed, 1.0).unwrap();
    assert_eq!(at_print.running, Some("a"));
    assert!(!at_print.ready.contains(&"main"));
    let done = step_of(&events, "a", "done");
    assert!(loop_at(&events, done, 1.0).unwrap().ready.contains(&"main"));
}

#[test]
fn a_blocking_step_is_said_to_hold_the_loop() {
    let events = trace("run gather\n\ntask a\n  block 50\n");
    let at = loop_at(&events, step_of(&events, "a", "block"), 1.0).unwrap();
    assert!(at.holding);
    let said = at.describe(Lang::En);
    assert!(
        said.starts_with(&format!("a {}.", WorkerText::ReplayHolds.text(Lang::En))),
        "{said}"
    );
}

/// Over every preset's predicted trace: the task the loop runs when a
/// turn ends, without the clock moving on, was in the ready queue; no
/// task is both waiting and ready, nor running and either.
#[test]
fn whoever_runs_next_was_ready_in_every_preset() {
    for preset in catalog() {
        let events = trace(preset.source.en);
        for step in 0..events.len().saturating_sub(1) {
            let at = loop_at(&events, step, 1.0).unwrap();
            for task in &at.ready {
                assert!(
                    !at.waiting.iter().any(|(waiter, _)| waiter == task)
                        && at.running != Some(task),
                    "{}: step {step}: {task} is ready and waiting or running",
                    preset.id
                );
            }
            let (now, next) = (&events[step], &events[step + 1]);
            let runs_next = matches!(next.kind, EventKind::Resume | EventKind::Start)
                && *next.task != *LOOP
                && next.task != now.task
                && next.t_ms - now.t_ms < NOW_MS
                && at.running.is_none();
            if runs_next {
                assert!(
                    at.ready.contains(&&*next.task),
                    "{}: step {step}: {} runs next but was not ready: {at:?}",
                    preset.id,
                    next.task
                );
            }
        }
    }
}

#[test]
fn long_lists_name_a_few_and_count_the_rest() {
    let events = trace("run gather\n\ntask t x9\n  sleep 100\n");
    let last_suspend = events
        .iter()
        .rposition(|e| matches!(e.kind, EventKind::Suspend(_)) && &*e.task != "main")
        .unwrap();
    let said = loop_at(&events, last_suspend, 1.0)
        .unwrap()
        .describe(Lang::En);
    assert!(
        said.contains(&format!("+6 {}", WorkerText::ReplayMore.text(Lang::En))),
        "{said}"
    );
    assert!(loop_at(&events, events.len(), 1.0).is_none());
}

#[test]
fn the_ways_say_where_the_followed_task_can_go() {
    let events = trace(
        "run gather\n\ntask a\n  print \"1\"\n  sleep 10\n  print \"2\"\n\ntask b\n  sleep 5\n",
    );
    let last_of_b = events.iter().rposition(|e| &*e.task == "b").unwrap();
    assert_eq!(
        ways(&events, Some(last_of_b), Some("b")),
        Ways {
            back: true,
            next: false,
            print: false
        },
        "b's last event, and b prints nothing"
    );
    assert_eq!(
        ways(&events, None, None),
        Ways {
            back: true,
            next: true,
            print: true
        },
        "from no step, next is the first event and back the last"
    );
    assert_eq!(
        ways(&events, Some(0), None),
        Ways {
            back: false,
            next: true,
            print: true
        }
    );
}

#[test]
fn the_line_says_where_the_step_is_what_happened_and_what_the_loop_does() {
    let events = trace("run gather\n\ntask a\n  sleep 10\n");
    let line = replay_line(&events, 0, 1.0, Lang::En).expect("a line at the first event");
    assert!(
        line.position
            .starts_with(&format!("Event 1 of {}", events.len())),
        "{line:?}"
    );
    assert!(
        line.happened.starts_with(&format!("{}:", events[0].task)),
        "{line:?}"
    );
    assert!(line.loop_now.contains("Ready queue:"), "{line:?}");
    assert!(replay_line(&events, 0, 1.0, Lang::Zh)
        .unwrap()
        .loop_now
        .contains("就绪队列"));
    assert_eq!(replay_line(&events, events.len(), 1.0, Lang::En), None);
}

#[test]
fn keys_and_buttons_go_to_the_same_steps_through_the_followed_task() {
    let events = trace("run gather\n\ntask a\n  print \"1\"\n  sleep 10\n\ntask b\n  sleep 5\n");
    let of_b: Vec<usize> = (0..events.len())
        .filter(|&i| &*events[i].task == "b")
        .collect();
    let b = Some("b");
    assert_eq!(step_to("Home", &events, Some(3), b), Some(of_b[0]));
    assert_eq!(step_to("End", &events, None, b), of_b.last().copied());
    assert_eq!(
        step_to("next", &events, Some(of_b[0]), b),
        step_to("ArrowRight", &events, Some(of_b[0]), b)
    );
    assert_eq!(step_to("back", &events, Some(of_b[1]), b), Some(of_b[0]));
    assert_eq!(
        step_to("print", &events, None, None),
        events
            .iter()
            .position(|e| matches!(e.kind, EventKind::Print(_)))
    );
    assert_eq!(
        (
            step_to("print", &events, None, b),
            step_to("jump", &events, None, None)
        ),
        (None, None)
    );
}

#[test]
fn jumps_find_the_next_and_previous_matching_event() {
    let events = trace("run gather\n\ntask a\n  print \"1\"\n  sleep 10\n  print \"2\"\n");
    let is_print = |e: &Event| matches!(e.kind, EventKind::Print(_));
    let first = next_where(&events, None, &is_print).unwrap();
    let second = next_where(&events, Some(first), &is_print).unwrap();
    assert!(second > first);
    assert_eq!(next_where(&events, Some(second), &is_print), None);
    assert_eq!(
        previous_where(&events, Some(second), &is_print),
        Some(first)
    );
    assert_eq!(previous_where(&events, None, &is_print), Some(second));
    assert_eq!(previous_where(&events, Some(first), &is_print), None);
}
