//! Replay: what the event loop is doing at one event of a trace (which task
//! runs, which wait and on what, which are ready), and the events a replay
//! jumps to.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::model::i18n::{Key, Lang, WorkerText};
use crate::model::trace::{Event, EventKind, Wait, LOOP};

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
    let Seen {
        order,
        states,
        spawned,
    } = seen_until(&events[..=step]);
    let turn_over = ends_turn(&event.kind) || event.kind.is_measured() || *event.task == *LOOP;
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
    let later = &events[step + 1..];
    // The first to run once the turn is over is ready, whatever its wait
    // (a cancellation can end a sleep early), if the clock need not move on.
    if let Some(next) = first_after_turn(later, event, turn_over) {
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
    let created_by_main = later
        .iter()
        .take_while(|e| e.t_ms <= now + NOW_MS)
        .filter(|e| e.kind == EventKind::Start && !spawned.contains(&&*e.task))
        .map(|e| &*e.task);
    for task in spawned.iter().copied().chain(created_by_main) {
        if !states.contains_key(task) && !ready.contains(&task) {
            ready.push(task);
        }
    }
    Some(LoopAt {
        running: (!turn_over).then_some(&*event.task),
        holding: matches!(event.kind, EventKind::Block(..)),
        waiting,
        ready,
    })
}

/// The tasks of a trace so far: in the order they first appear, what each
/// is doing after the last of the events, and those created by a task.
struct Seen<'a> {
    order: Vec<&'a str>,
    states: HashMap<&'a str, State<'a>>,
    spawned: Vec<&'a str>,
}

/// What the tasks of `events` are doing after the last of them.
fn seen_until(events: &[Event]) -> Seen<'_> {
    let mut seen = Seen {
        order: Vec::new(),
        states: HashMap::new(),
        spawned: Vec::new(),
    };
    for event in events.iter().filter(|e| !e.kind.is_measured()) {
        let state = match &event.kind {
            EventKind::Suspend(wait) => State::Waiting(wait, event.t_ms),
            kind if ends_turn(kind) => State::Ended,
            EventKind::Spawn(task) => {
                seen.spawned.push(task);
                State::Running
            }
            _ => State::Running,
        };
        if seen.states.insert(&event.task, state).is_none() {
            seen.order.push(&event.task);
        }
    }
    seen
}

/// Of the events `later` than `event`, the first of a task to run once the
/// turn `event` is in is over, if the clock need not move on first.
fn first_after_turn<'a>(later: &'a [Event], event: &Event, turn_over: bool) -> Option<&'a Event> {
    let mut after = later
        .iter()
        .take_while(|e| e.t_ms <= event.t_ms + NOW_MS)
        .filter(|e| !e.kind.is_measured() && *e.task != *LOOP);
    if turn_over {
        return after.next();
    }
    after
        .by_ref()
        .find(|e| *e.task == *event.task && ends_turn(&e.kind))
        .and_then(|_| after.next())
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
mod tests;
