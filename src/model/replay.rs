//! Replay: what the event loop is doing at one event of a trace (which task
//! runs, which wait and on what, which are ready), and the events a replay
//! jumps to.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::i18n::{Key, Lang, WorkerText};
use super::trace::{Event, EventKind, Wait, LOOP};

/// Events closer in time than this (ms) happen "now": a measured run's
/// timestamps differ by fractions of a millisecond within one loop turn.
const NOW_MS: f64 = 0.5;

/// Tasks named in the line about the loop per list, at most.
const NAMED: usize = 4;

/// The loop at one event of a trace.
#[derive(Debug, PartialEq)]
pub struct LoopAt<'a> {
    /// The task whose code runs after the event (`None` when the event
    /// ended a turn and the loop has control).
    pub running: Option<&'a str>,
    /// Whether the running task holds the loop in a `block` or `compute`.
    pub holding: bool,
    /// Suspended tasks and what each waits on, in the order they began.
    pub waiting: Vec<(&'a str, &'a Wait)>,
    /// Tasks that can run as soon as the loop has control: created and not
    /// started yet, or with their wait over (the trace does not always say
    /// in which order they became ready, so the order is not asyncio's).
    pub ready: Vec<&'a str>,
}

/// What a task is doing at an event.
#[derive(Clone, Copy)]
enum State<'a> {
    Running,
    Waiting(&'a Wait, f64),
    Ended,
}

/// Whether `kind` ends its task's turn: the loop takes control back.
fn ends_turn(kind: &EventKind) -> bool {
    matches!(
        kind,
        EventKind::Suspend(_) | EventKind::Done(_) | EventKind::Failed(_) | EventKind::Cancelled
    )
}

/// The loop at event `step` of `events`, a run at `time_scale` (`None`
/// past the end).
///
/// A sleep's task is ready once its deadline has passed, a join's once the
/// joined task has ended, a yield's at once, a created task until it
/// starts. Any other waiting task counts as ready when it is the first to
/// run once the current turn ends, without the clock moving on (the trace
/// does not say what gather, wait, a worker, a fetch or a semaphore wait
/// for, nor when a cancellation ends a wait).
pub fn loop_at(events: &[Event], step: usize, time_scale: f64) -> Option<LoopAt<'_>> {
    let event = events.get(step)?;
    let now = event.t_ms;
    let mut order: Vec<&str> = Vec::new();
    let mut states: HashMap<&str, State> = HashMap::new();
    let mut spawned: Vec<&str> = Vec::new();
    for seen in events[..=step].iter().filter(|e| !e.kind.is_measured()) {
        let state = match &seen.kind {
            EventKind::Suspend(wait) => State::Waiting(wait, seen.t_ms),
            kind if ends_turn(kind) => State::Ended,
            EventKind::Spawn(task) => {
                spawned.push(task);
                State::Running
            }
            _ => State::Running,
        };
        if states.insert(&seen.task, state).is_none() {
            order.push(&seen.task);
        }
    }
    let turn_over = ends_turn(&event.kind) || event.kind.is_measured() || *event.task == *LOOP;
    let running = (!turn_over).then_some(&*event.task);
    let ended = |task: &str| matches!(states.get(task), Some(State::Ended));
    let ready_by_its_wait = |wait: &Wait, since: f64| match wait {
        Wait::Yield => Some(true),
        Wait::Sleep(ms) => Some(since + *ms as f64 * time_scale <= now + NOW_MS),
        Wait::Join(task) => Some(ended(task)),
        _ => None,
    };
    let mut ready = Vec::new();
    let mut waiting = Vec::new();
    for &task in &order {
        if let Some(State::Waiting(wait, since)) = states.get(task) {
            match ready_by_its_wait(wait, *since) {
                Some(true) => ready.push(task),
                _ => waiting.push((task, *wait)),
            }
        }
    }
    // Who runs first once the turn is over, if the clock need not move on.
    let mut after = events[step + 1..]
        .iter()
        .take_while(|e| e.t_ms <= now + NOW_MS)
        .filter(|e| !e.kind.is_measured() && *e.task != *LOOP);
    let first_after_turn = if turn_over {
        after.next()
    } else {
        after
            .by_ref()
            .find(|e| *e.task == *event.task && ends_turn(&e.kind))
            .and_then(|_| after.next())
    };
    // The first to run once the turn is over is ready, whatever its wait
    // (a cancellation can end a sleep early), if the clock need not move on.
    if let Some(next) = first_after_turn {
        let task = &*next.task;
        // A join's task is ready only once the joined task has ended.
        let resumes = waiting
            .iter()
            .any(|(waiter, wait)| *waiter == task && !matches!(wait, Wait::Join(_)));
        if resumes {
            waiting.retain(|(waiter, _)| *waiter != task);
            ready.insert(0, task);
        }
    }
    // Tasks created and not started yet: by a `create_task` seen so far, or
    // by `main` (the trace does not say when) if they start without the
    // clock moving on.
    let created_by_main = events[step + 1..]
        .iter()
        .take_while(|e| e.t_ms <= now + NOW_MS)
        .filter(|e| e.kind == EventKind::Start && !spawned.contains(&&*e.task))
        .map(|e| &*e.task);
    for task in spawned.clone().into_iter().chain(created_by_main) {
        if !states.contains_key(task) && !ready.contains(&task) {
            ready.push(task);
        }
    }
    Some(LoopAt {
        running,
        holding: matches!(event.kind, EventKind::Block(..)),
        waiting,
        ready,
    })
}

/// `tasks` named, the first few, with a count of the rest.
fn named(tasks: impl ExactSizeIterator<Item = String>, lang: Lang) -> String {
    let total = tasks.len();
    let mut text: Vec<String> = tasks.take(NAMED).collect();
    if total > NAMED {
        text.push(format!(
            "+{} {}",
            total - NAMED,
            WorkerText::ReplayMore.text(lang)
        ));
    }
    text.join(lang.pick(", ", "，"))
}

impl LoopAt<'_> {
    /// The loop's state in a sentence or three, in `lang`.
    pub fn describe(&self, lang: Lang) -> String {
        let t = |key: WorkerText| key.text(lang);
        // Chinese runs on after its full-width colon and full stop.
        let (stop, space) = (lang.pick(". ", "。"), lang.pick(" ", ""));
        let mut text = match (self.running, self.holding) {
            (Some(task), true) => format!("{task} {}", t(WorkerText::ReplayHolds)),
            (Some(task), false) => format!("{task} {}", t(WorkerText::ReplayRuns)),
            (None, _) if self.ready.is_empty() => t(WorkerText::ReplayIdle).to_string(),
            (None, _) => t(WorkerText::ReplayPicks).to_string(),
        };
        text += stop;
        if !self.waiting.is_empty() {
            let waits = self
                .waiting
                .iter()
                .map(|(task, wait)| format!("{task} ({})", wait.detail()));
            text += &format!(
                "{}{space}{}{stop}",
                t(WorkerText::ReplayWaiting),
                named(waits, lang)
            );
        }
        let ready = self.ready.iter().map(|task| task.to_string());
        let queue = if self.ready.is_empty() {
            t(WorkerText::ReplayEmpty).to_string()
        } else {
            named(ready, lang)
        };
        text + &format!(
            "{}{space}{queue}{}",
            t(WorkerText::ReplayReady),
            stop.trim_end()
        )
    }
}

/// What the page asks the worker about a step of a replay: the line about
/// the loop at event `step` of the run whose trace (JSON text) is `trace`,
/// at `time_scale`, in `lang`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LineAsk {
    pub lang: Lang,
    pub step: usize,
    pub time_scale: f64,
    pub trace: String,
}

/// The replay's line at a step: where the step is, what happened, and
/// what the loop is doing.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ReplayLine {
    /// "Event 3 of 12 · 100.0 ms".
    pub position: String,
    /// The event's task and what it did.
    pub happened: String,
    /// Which task runs or holds the loop, who waits on what, and the ready queue.
    pub loop_now: String,
}

/// The replay's line at event `step` of a run at `time_scale` (`None`
/// past its end).
pub fn replay_line(
    events: &[Event],
    step: usize,
    time_scale: f64,
    lang: Lang,
) -> Option<ReplayLine> {
    let w = |key: WorkerText| key.text(lang);
    let (event, at) = (events.get(step)?, loop_at(events, step, time_scale)?);
    Some(ReplayLine {
        position: format!(
            "{} {} {} {} · {:.1} {}",
            w(WorkerText::ReplayEvent),
            step + 1,
            w(WorkerText::ReplayOf),
            events.len(),
            event.t_ms,
            Key::Ms.text(lang)
        ),
        happened: format!("{}: {}", event.task, event.describe(lang)),
        loop_now: at.describe(lang),
    })
}

/// Which ways the replay can go from `step` through the events of the
/// task `filter` (all without): back, next, the next print.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ways {
    pub back: bool,
    pub next: bool,
    pub print: bool,
}

/// The ways the replay can go from `step` of `events`.
pub fn ways(events: &[Event], step: Option<usize>, filter: Option<&str>) -> Ways {
    let able = |go: &str| step_to(go, events, step, filter).is_some();
    Ways {
        back: able("back"),
        next: able("next"),
        print: able("print"),
    }
}

/// Where the replay goes from `step` on `go` (a button's `data-go`, or a
/// key: `back` or ArrowLeft, `next` or ArrowRight, `print`, Home, End),
/// through the events of the task `filter` (all without); `None` when
/// there is nowhere to go.
pub fn step_to(
    go: &str,
    events: &[Event],
    step: Option<usize>,
    filter: Option<&str>,
) -> Option<usize> {
    let wanted = |e: &Event| filter.is_none_or(|task| *e.task == *task);
    match go {
        "next" | "ArrowRight" => next_where(events, step, &wanted),
        "back" | "ArrowLeft" => previous_where(events, step, &wanted),
        "Home" => next_where(events, None, &wanted),
        "End" => previous_where(events, None, &wanted),
        "print" => next_where(events, step, &|e: &Event| {
            wanted(e) && matches!(e.kind, EventKind::Print(_))
        }),
        _ => None,
    }
}

/// The first event after `step` (from the first event when `None`) that
/// `wanted` picks.
pub fn next_where(
    events: &[Event],
    step: Option<usize>,
    wanted: &dyn Fn(&Event) -> bool,
) -> Option<usize> {
    let from = step.map_or(0, |step| step.saturating_add(1));
    events
        .get(from..)?
        .iter()
        .position(wanted)
        .map(|at| from + at)
}

/// The last event before `step` (from the last event when `None`) that
/// `wanted` picks.
pub fn previous_where(
    events: &[Event],
    step: Option<usize>,
    wanted: &dyn Fn(&Event) -> bool,
) -> Option<usize> {
    let until = step.unwrap_or(events.len()).min(events.len());
    events[..until].iter().rposition(wanted)
}

#[cfg(test)]
mod tests {
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
        let events = trace("run gather\n\ntask a\n  sleep 100\n  print \"a\"\n\ntask b\n  sleep 100\n  print \"b\"\n");
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
        let events =
            trace("run gather\n\ntask a\n  print \"1\"\n  sleep 10\n\ntask b\n  sleep 5\n");
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
}
