//! Traces: the events of one run, and the views derived from them.

use std::collections::{BTreeMap, HashMap};
use std::rc::Rc;

use super::i18n::{Key, Lang};
use super::program::Work;

/// The task name of plain callbacks queued with `call_soon`: the event loop itself.
pub const LOOP: &str = "loop";
/// The task name of the driver that runs the top-level tasks.
pub const MAIN: &str = "main";
/// The lane of a Python run's top-level code (Python's own name for it).
pub const MODULE: &str = "<module>";

/// What a suspended task waits on.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Wait {
    Sleep(u64),
    Yield,
    Join(String),
    Worker(Work, u64),
    Fetch(String),
    Semaphore,
    Gather,
    Wait,
    AsCompleted,
    Race,
    /// A Python run's wait the task list has no step for: the asyncio call
    /// it waits in (`Queue.get`, `Lock.acquire`, `TaskGroup`, `future`, …).
    On(String),
}

/// What happened in one event.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum EventKind {
    Start,
    Print(String),
    Suspend(Wait),
    Resume,
    Callback(String),
    /// The task holds the loop: `block` ms or `compute` units.
    Block(Work, u64),
    /// The task created the task named here.
    Spawn(String),
    /// The task (or the loop) asked the task named here to cancel.
    Cancel(String),
    /// The task awaits this coroutine inline.
    Enter(String),
    /// The inline coroutine returned a value.
    Exit {
        name: String,
        value: String,
    },
    Done(String),
    Failed(String),
    Cancelled,
    Warning(String),
    /// `main` received a task's outcome.
    Result {
        task: String,
        outcome: String,
    },
    /// Measured only: the loop's heartbeat fired this many ms late.
    Lag(u64),
    /// Measured only: what a `fetch` got.
    Fetched {
        status: u16,
        bytes: u64,
        items: Vec<String>,
    },
}

/// One event: when (ms since the run started), which task, what. A task's
/// events share its name, so recording one allocates nothing for it.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub t_ms: f64,
    pub task: Rc<str>,
    pub kind: EventKind,
}

impl Wait {
    /// How the wait is written in traces.
    pub fn detail(&self) -> String {
        match self {
            Wait::Sleep(ms) => format!("sleep {ms}"),
            Wait::Yield => "yield".into(),
            Wait::Join(task) => format!("join {task}"),
            Wait::Worker(Work::Compute, units) => format!("worker compute {units}"),
            Wait::Worker(Work::Block, ms) => format!("worker block {ms}"),
            Wait::Fetch(url) => format!("fetch {url}"),
            Wait::Semaphore => "semaphore".into(),
            Wait::Gather => "gather".into(),
            Wait::Wait => "wait".into(),
            Wait::AsCompleted => "as_completed".into(),
            Wait::Race => "race".into(),
            Wait::On(call) => call.clone(),
        }
    }
}

/// The words the simulator, the runtime and the Python export use for the
/// same happenings (the export's fixed Python helpers read the cancelled
/// and failed outcomes from constants the export writes from these).
pub mod says {
    /// What `main` fails with when `run timeout MS` runs out.
    pub fn timeout(ms: u32) -> String {
        format!("timeout after {ms} ms")
    }

    /// What a cancelled task gives whoever awaits it, as an outcome.
    pub const CANCELLED: &str = "cancelled";

    /// A failed task's outcome among `wait`'s results.
    pub fn failed(message: &str) -> String {
        format!("error: {message}")
    }

    /// Python's warning for a coroutine made and never awaited.
    pub fn never_awaited(name: &str) -> String {
        format!("coroutine '{name}' was never awaited")
    }
}

impl EventKind {
    /// Events the simulator cannot predict: they report measurements.
    pub fn is_measured(&self) -> bool {
        matches!(self, EventKind::Lag(_) | EventKind::Fetched { .. })
    }

    /// The kind's name in traces: `start`, `print`, `suspend`, …
    pub fn name(&self) -> &'static str {
        match self {
            EventKind::Start => "start",
            EventKind::Print(_) => "print",
            EventKind::Suspend(_) => "suspend",
            EventKind::Resume => "resume",
            EventKind::Callback(_) => "callback",
            EventKind::Block(..) => "block",
            EventKind::Spawn(_) => "spawn",
            EventKind::Cancel(_) => "cancel",
            EventKind::Enter(_) => "enter",
            EventKind::Exit { .. } => "exit",
            EventKind::Done(_) => "done",
            EventKind::Failed(_) => "failed",
            EventKind::Cancelled => "cancelled",
            EventKind::Warning(_) => "warning",
            EventKind::Result { .. } => "result",
            EventKind::Lag(_) => "lag",
            EventKind::Fetched { .. } => "fetched",
        }
    }

    /// The kind's detail in traces (the same text the Python export prints).
    pub fn detail(&self) -> String {
        match self {
            EventKind::Start | EventKind::Resume | EventKind::Cancelled => String::new(),
            EventKind::Print(text)
            | EventKind::Callback(text)
            | EventKind::Spawn(text)
            | EventKind::Cancel(text)
            | EventKind::Enter(text)
            | EventKind::Done(text)
            | EventKind::Failed(text)
            | EventKind::Warning(text) => text.clone(),
            EventKind::Suspend(wait) => wait.detail(),
            EventKind::Block(Work::Block, ms) => format!("block {ms}"),
            EventKind::Block(Work::Compute, units) => format!("compute {units}"),
            EventKind::Exit { name, value } => format!("{name} returned {value}"),
            EventKind::Result { task, outcome } => format!("{task}: {outcome}"),
            EventKind::Lag(ms) => format!("{ms} ms late"),
            EventKind::Fetched {
                status,
                bytes,
                items,
            } => format!("{status} {bytes} bytes {}", items.join(", ")),
        }
    }
}

impl Event {
    /// What happened, in words, for the log.
    pub fn describe(&self, lang: Lang) -> String {
        let t = |key: Key| key.text(lang);
        match &self.kind {
            EventKind::Start => t(Key::Started).into(),
            EventKind::Print(text) => format!("{} \"{text}\"", t(Key::Printed)),
            EventKind::Suspend(wait) => format!("{} {}", t(Key::WaitingOn), wait.detail()),
            EventKind::Resume => t(Key::Resumed).into(),
            EventKind::Callback(text) => format!("{} \"{text}\"", t(Key::Callback)),
            EventKind::Block(work, amount) => format!(
                "{} {}",
                t(Key::HoldsLoop),
                EventKind::Block(*work, *amount).detail()
            ),
            EventKind::Spawn(task) => format!("{} {task}", t(Key::CreatedTask)),
            EventKind::Cancel(task) => format!("{} {task}", t(Key::CancelsTask)),
            EventKind::Enter(name) => format!("{} {name}", t(Key::AwaitsCoroutine)),
            EventKind::Exit { name, value } => format!("{name} {} {value}", t(Key::Returned)),
            EventKind::Done(value) => format!("{} {value}", t(Key::FinishedWith)),
            EventKind::Failed(message) => format!("{} {message}", t(Key::FailedWith)),
            EventKind::Cancelled => t(Key::Cancelled).into(),
            EventKind::Warning(text) => format!("{} {text}", t(Key::Warning)),
            EventKind::Result { task, outcome } => {
                format!("{} {task}: {outcome}", t(Key::ResultOf))
            }
            EventKind::Lag(ms) => format!("{} {ms} {}", t(Key::LagLate), t(Key::Ms)),
            EventKind::Fetched {
                status,
                bytes,
                items,
            } => {
                format!(
                    "{} {status}, {bytes} {}; {} {}",
                    t(Key::Fetched),
                    t(Key::Bytes),
                    t(Key::Selected),
                    items.join(", ")
                )
            }
        }
    }

    /// `task kind detail`: what the order comparisons look at.
    pub fn key(&self) -> String {
        format!("{} {} {}", self.task, self.kind.name(), self.kind.detail())
            .trim_end()
            .to_string()
    }
}

/// The name a spawned task gets: `name`, or `name.2`, `name.3`, … when
/// taken; `taken` remembers it. The simulator and the runtime both use it.
pub fn unique_task_name(taken: &mut std::collections::HashSet<String>, name: &str) -> String {
    let mut candidate = name.to_string();
    let mut k = 2;
    while taken.contains(&candidate) {
        candidate = format!("{name}.{k}");
        k += 1;
    }
    taken.insert(candidate.clone());
    candidate
}

/// A colour-blind-safe palette (Okabe–Ito), darkened until each colour has
/// at least 4.5:1 contrast as text on the light scheme's panels (white, the
/// page's background, a selected log line); the dark scheme lightens them
/// (static/style.css).
const PALETTE: [&str; 7] = [
    "#8f5d00", "#1f6f9c", "#007352", "#756700", "#0072b2", "#b04e00", "#9c4a7e",
];

/// A task's colour: the same task always gets the same one.
pub fn task_colour(task: &str) -> &'static str {
    match task {
        MAIN => "var(--muted)",
        LOOP => "var(--fg)",
        _ => {
            let hash = task.bytes().fold(2_166_136_261u32, |h, b| {
                (h ^ u32::from(b)).wrapping_mul(16_777_619)
            });
            PALETTE[hash as usize % PALETTE.len()]
        }
    }
}

/// The worst event-loop lag the run recorded, in ms.
pub fn worst_lag_ms(events: &[Event]) -> u64 {
    events
        .iter()
        .filter_map(|e| {
            if let EventKind::Lag(ms) = e.kind {
                Some(ms)
            } else {
                None
            }
        })
        .max()
        .unwrap_or(0)
}

/// The printed lines of a trace, in order.
pub fn printed_lines(events: &[Event]) -> Vec<&str> {
    events
        .iter()
        .filter_map(|event| match &event.kind {
            EventKind::Print(text) => Some(text.as_str()),
            _ => None,
        })
        .collect()
}

fn tasks_where(events: &[Event], pick: impl Fn(&EventKind) -> bool) -> Vec<&str> {
    events
        .iter()
        .filter(|e| *e.task != *MAIN && pick(&e.kind))
        .map(|e| &*e.task)
        .collect()
}

/// Tasks in the order they started (`main` left out).
pub fn start_order(events: &[Event]) -> Vec<&str> {
    tasks_where(events, |kind| matches!(kind, EventKind::Start))
}

/// Tasks in the order they ended: done, failed or cancelled (`main` left out).
pub fn completion_order(events: &[Event]) -> Vec<&str> {
    tasks_where(events, |kind| {
        matches!(
            kind,
            EventKind::Done(_) | EventKind::Failed(_) | EventKind::Cancelled
        )
    })
}

/// The tasks whose outcomes `main` received, in the order it received them.
pub fn result_order(events: &[Event]) -> Vec<&str> {
    events
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::Result { task, .. } => Some(task.as_str()),
            _ => None,
        })
        .collect()
}

/// When `main` ended, in ms (the last event's time if it never did).
pub fn total_ms(events: &[Event]) -> f64 {
    events
        .iter()
        .rev()
        .find(|e| {
            *e.task == *MAIN
                && matches!(
                    e.kind,
                    EventKind::Done(_) | EventKind::Failed(_) | EventKind::Cancelled
                )
        })
        .or(events.last())
        .map_or(0.0, |e| e.t_ms)
}

/// What a task was doing during a slice of time.
#[derive(Debug, Clone, PartialEq)]
pub enum Activity {
    /// Running its code on the loop.
    Running,
    /// Suspended; the loop is free for others.
    Waiting(Wait),
    /// Holding the loop with `block` or `compute` (ms or units).
    Blocked(Work, u64),
}

/// A slice of a task's lane on the timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct Slice {
    pub from_ms: f64,
    pub to_ms: f64,
    pub activity: Activity,
}

/// Each task's running, waiting and blocked slices, by task name, from
/// its start to its end.
pub fn lanes<'a>(events: impl IntoIterator<Item = &'a Event>) -> BTreeMap<&'a str, Vec<Slice>> {
    let mut open: HashMap<&str, (f64, Activity)> = HashMap::new();
    let mut lanes: HashMap<&str, Vec<Slice>> = HashMap::new();
    for event in events
        .into_iter()
        .filter(|e| *e.task != *LOOP && !e.kind.is_measured())
    {
        let next = match &event.kind {
            EventKind::Suspend(wait) => Some(Activity::Waiting(wait.clone())),
            EventKind::Block(work, amount) => Some(Activity::Blocked(*work, *amount)),
            EventKind::Done(_) | EventKind::Failed(_) | EventKind::Cancelled => None,
            _ => Some(Activity::Running),
        };
        if let Some((from_ms, activity)) = open.remove(&*event.task) {
            if event.t_ms > from_ms || activity != Activity::Running {
                lanes.entry(&event.task).or_default().push(Slice {
                    from_ms,
                    to_ms: event.t_ms,
                    activity,
                });
            }
        }
        if let Some(activity) = next {
            open.insert(&event.task, (event.t_ms, activity));
        } else {
            lanes.entry(&event.task).or_default();
        }
    }
    lanes.into_iter().collect()
}

/// Time the loop was held by `block`/`compute` steps, in ms.
pub fn blocked_ms(events: &[Event]) -> f64 {
    lanes(events)
        .values()
        .flatten()
        .filter(|s| matches!(s.activity, Activity::Blocked(..)))
        .map(|s| s.to_ms - s.from_ms)
        .fold(0.0, |total, ms| total + ms)
}

/// The sum of every task's waits (sleep, fetch, worker), in ms: what a
/// program that did one thing at a time would have spent waiting.
pub fn sum_of_waits_ms(events: &[Event]) -> f64 {
    lanes(events)
        .into_iter()
        .filter(|(task, _)| *task != MAIN)
        .flat_map(|(_, slices)| slices)
        .filter(|s| {
            matches!(
                s.activity,
                Activity::Waiting(Wait::Sleep(_) | Wait::Fetch(_) | Wait::Worker(..))
            )
        })
        .map(|s| s.to_ms - s.from_ms)
        .fold(0.0, |total, ms| total + ms)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::parse::parse;
    use crate::model::simulate::simulate;

    fn trace(source: &str) -> Vec<Event> {
        simulate(&parse(source).expect("a valid program"))
    }

    #[test]
    fn waits_add_up_while_time_overlaps() {
        let events = trace("task hello x4\n  sleep 3000\n");
        assert_eq!(total_ms(&events), 3000.0);
        assert_eq!(sum_of_waits_ms(&events), 12000.0);
        assert_eq!(blocked_ms(&events), 0.0);
    }

    #[test]
    fn blocks_hold_the_loop_one_after_another() {
        let events = trace("task hello x2\n  block 100\n  sleep 10\n");
        assert_eq!(blocked_ms(&events), 200.0);
        let lanes = lanes(&events);
        assert_eq!(
            lanes["hello1"],
            [
                Slice {
                    from_ms: 100.0,
                    to_ms: 200.0,
                    activity: Activity::Blocked(Work::Block, 100)
                },
                Slice {
                    from_ms: 200.0,
                    to_ms: 210.0,
                    activity: Activity::Waiting(Wait::Sleep(10))
                },
            ]
        );
    }

    #[test]
    fn orders_follow_start_completion_and_results() {
        let events = trace("run as_completed\ntask t x3\n  sleep 30-10*{i}\n  return \"{i}\"\n");
        assert_eq!(start_order(&events), ["t0", "t1", "t2"]);
        assert_eq!(completion_order(&events), ["t2", "t1", "t0"]);
        assert_eq!(result_order(&events), ["t2", "t1", "t0"]);
    }

    #[test]
    fn every_event_has_a_description_and_a_key() {
        let events = trace("run race\ntask a\n  call c\n  call_soon \"cb\"\n  await c\n  spawn c\n  await c\n  offload block 5\n  fetch \"u\"\n  compute 1\n  fail \"x\"\ntask b\n  sleep 100\ncoroutine c\n  yield\n  return \"v\"\n");
        let keys: Vec<String> = events.iter().map(Event::key).collect();
        for expected in [
            "a warning coroutine 'c' was never awaited",
            "loop callback cb",
            "a enter c",
            "a exit c returned v",
            "a spawn c",
            "a suspend join c",
            "a suspend worker block 5",
            "a suspend fetch u",
            "a block compute 1",
            "a failed x",
            "b cancelled",
        ] {
            assert!(
                keys.iter().any(|k| k == expected),
                "{expected:?} missing from {keys:#?}"
            );
        }
        assert!(events
            .iter()
            .all(|e| !e.describe(Lang::En).is_empty() && !e.describe(Lang::Zh).is_empty()));
    }
}
