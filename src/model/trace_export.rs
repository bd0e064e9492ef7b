//! Trace export: the trace as versioned JSON (docs/trace-format.md), its
//! events read back, and the trace as Chrome trace event JSON that Perfetto
//! and chrome://tracing open.

use std::borrow::Cow;

use super::json::Json;
use super::program::Work;
use super::trace::{lanes, Activity, Event, EventKind, Wait, LOOP};

/// The `format` field of an exported trace.
pub const FORMAT: &str = "coroutine-playground-trace";
/// The version of the exported trace format.
pub const VERSION: u32 = 1;

/// One event as the trace format writes it.
pub fn event_json(event: &Event) -> Json {
    Json::object([
        ("t_ms", event.t_ms.into()),
        ("task", (*event.task).into()),
        ("kind", event.kind.name().into()),
        ("detail", event.kind.detail().into()),
    ])
}

/// The event an exported event's fields stand for (the inverse of
/// [`event_json`]); `None` when they are not an event this page writes.
pub fn read_event(t_ms: f64, task: &str, kind: &str, detail: &str) -> Option<Event> {
    Some(Event {
        t_ms,
        task: task.into(),
        kind: read_kind(kind, detail)?,
    })
}

fn read_kind(kind: &str, detail: &str) -> Option<EventKind> {
    let text = || detail.to_string();
    Some(match kind {
        "start" => EventKind::Start,
        "resume" => EventKind::Resume,
        "cancelled" => EventKind::Cancelled,
        "print" => EventKind::Print(text()),
        "callback" => EventKind::Callback(text()),
        "spawn" => EventKind::Spawn(text()),
        "cancel" => EventKind::Cancel(text()),
        "enter" => EventKind::Enter(text()),
        "done" => EventKind::Done(text()),
        "failed" => EventKind::Failed(text()),
        "warning" => EventKind::Warning(text()),
        "suspend" => EventKind::Suspend(read_wait(detail)?),
        "block" => {
            let (work, amount) = detail.split_once(' ')?;
            EventKind::Block(Work::named(work)?, amount.parse().ok()?)
        }
        "exit" => {
            let (name, value) = detail.split_once(" returned ")?;
            EventKind::Exit {
                name: name.into(),
                value: value.into(),
            }
        }
        "result" => {
            let (task, outcome) = detail.split_once(": ")?;
            EventKind::Result {
                task: task.into(),
                outcome: outcome.into(),
            }
        }
        "lag" => EventKind::Lag(detail.strip_suffix(" ms late")?.parse().ok()?),
        "fetched" => {
            let (status, rest) = detail.split_once(' ')?;
            let (bytes, items) = rest.split_once(" bytes ")?;
            EventKind::Fetched {
                status: status.parse().ok()?,
                bytes: bytes.parse().ok()?,
                items: items
                    .split(", ")
                    .filter(|item| !item.is_empty())
                    .map(String::from)
                    .collect(),
            }
        }
        _ => return None,
    })
}

fn read_wait(detail: &str) -> Option<Wait> {
    let (word, rest) = detail.split_once(' ').unwrap_or((detail, ""));
    let bare = |wait: Wait| rest.is_empty().then_some(wait);
    match word {
        "sleep" => Some(Wait::Sleep(rest.parse().ok()?)),
        "join" => Some(Wait::Join(rest.into())),
        "fetch" => Some(Wait::Fetch(rest.into())),
        "worker" => {
            let (work, amount) = rest.split_once(' ')?;
            Some(Wait::Worker(Work::named(work)?, amount.parse().ok()?))
        }
        "yield" => bare(Wait::Yield),
        "semaphore" => bare(Wait::Semaphore),
        "gather" => bare(Wait::Gather),
        "wait" => bare(Wait::Wait),
        "as_completed" => bare(Wait::AsCompleted),
        "race" => bare(Wait::Race),
        _ if !detail.is_empty() => Some(Wait::On(detail.into())),
        _ => None,
    }
}

/// A field of an event as the worker posts a prediction to the page: a
/// number or a text.
#[derive(Debug, Clone, PartialEq)]
pub enum Field {
    Number(f64),
    Text(String),
}

/// An event as the worker posts a prediction, and the Python worker every
/// event of a Python run (static/python/pg_trace.py writes the same
/// numbers): its time, task, kind (as a number) and up to three fields; the
/// page reads it back with [`from_posted`] without parsing text. `None` for
/// the loop's lag, which only the page measures.
pub fn posted(event: &Event) -> Option<(u8, Vec<Field>)> {
    let text = |text: &str| Field::Text(text.to_string());
    let number = |n: u64| Field::Number(n as f64);
    let work = |work: Work| Field::Number(f64::from(u8::from(work == Work::Block)));
    Some(match &event.kind {
        EventKind::Start => (0, vec![]),
        EventKind::Resume => (1, vec![]),
        EventKind::Cancelled => (2, vec![]),
        EventKind::Print(t) => (3, vec![text(t)]),
        EventKind::Callback(t) => (4, vec![text(t)]),
        EventKind::Spawn(t) => (5, vec![text(t)]),
        EventKind::Enter(t) => (6, vec![text(t)]),
        EventKind::Done(t) => (7, vec![text(t)]),
        EventKind::Failed(t) => (8, vec![text(t)]),
        EventKind::Warning(t) => (9, vec![text(t)]),
        EventKind::Block(w, amount) => (10, vec![work(*w), number(*amount)]),
        EventKind::Exit { name, value } => (11, vec![text(name), text(value)]),
        EventKind::Result { task, outcome } => (12, vec![text(task), text(outcome)]),
        EventKind::Cancel(t) => (14, vec![text(t)]),
        EventKind::Fetched {
            status,
            bytes,
            items,
        } => (
            15,
            vec![
                number(u64::from(*status)),
                number(*bytes),
                text(&items.join(", ")),
            ],
        ),
        EventKind::Suspend(wait) => {
            let (at, rest) = match wait {
                Wait::Sleep(ms) => (0, Some(number(*ms))),
                Wait::Yield => (1, None),
                Wait::Join(task) => (2, Some(text(task))),
                Wait::Worker(Work::Compute, units) => (3, Some(number(*units))),
                Wait::Worker(Work::Block, ms) => (4, Some(number(*ms))),
                Wait::Fetch(url) => (5, Some(text(url))),
                Wait::Semaphore => (6, None),
                Wait::Gather => (7, None),
                Wait::Wait => (8, None),
                Wait::AsCompleted => (9, None),
                Wait::Race => (10, None),
                Wait::On(call) => (11, Some(text(call))),
            };
            (
                13,
                [Field::Number(f64::from(at))]
                    .into_iter()
                    .chain(rest)
                    .collect(),
            )
        }
        EventKind::Lag(_) => return None,
    })
}

/// The event [`posted`] stands for; `None` for fields it does not write.
pub fn from_posted(t_ms: f64, task: &str, kind: u8, fields: &[Field]) -> Option<Event> {
    let text = |at: usize| match fields.get(at) {
        Some(Field::Text(text)) => Some(text.clone()),
        _ => None,
    };
    let number = |at: usize| match fields.get(at) {
        Some(Field::Number(n)) => Some(*n as u64),
        _ => None,
    };
    let work = |at: usize| {
        Some(if number(at)? == 1 {
            Work::Block
        } else {
            Work::Compute
        })
    };
    let kind = match kind {
        0 => EventKind::Start,
        1 => EventKind::Resume,
        2 => EventKind::Cancelled,
        3 => EventKind::Print(text(0)?),
        4 => EventKind::Callback(text(0)?),
        5 => EventKind::Spawn(text(0)?),
        6 => EventKind::Enter(text(0)?),
        7 => EventKind::Done(text(0)?),
        8 => EventKind::Failed(text(0)?),
        9 => EventKind::Warning(text(0)?),
        10 => EventKind::Block(work(0)?, number(1)?),
        11 => EventKind::Exit {
            name: text(0)?,
            value: text(1)?,
        },
        12 => EventKind::Result {
            task: text(0)?,
            outcome: text(1)?,
        },
        14 => EventKind::Cancel(text(0)?),
        15 => EventKind::Fetched {
            status: u16::try_from(number(0)?).ok()?,
            bytes: number(1)?,
            items: text(2)?
                .split(',')
                .map(str::trim)
                .filter(|item| !item.is_empty())
                .map(String::from)
                .collect(),
        },
        13 => EventKind::Suspend(match number(0)? {
            0 => Wait::Sleep(number(1)?),
            1 => Wait::Yield,
            2 => Wait::Join(text(1)?),
            3 => Wait::Worker(Work::Compute, number(1)?),
            4 => Wait::Worker(Work::Block, number(1)?),
            5 => Wait::Fetch(text(1)?),
            6 => Wait::Semaphore,
            7 => Wait::Gather,
            8 => Wait::Wait,
            9 => Wait::AsCompleted,
            10 => Wait::Race,
            11 => Wait::On(text(1)?),
            _ => return None,
        }),
        _ => return None,
    };
    Some(Event {
        t_ms,
        task: task.into(),
        kind,
    })
}

/// A run's trace read back: the program that ran, its time scale and its
/// events.
pub struct TraceRun {
    /// The program that ran, as text.
    pub program: String,
    pub time_scale: f64,
    pub events: Vec<Event>,
}

/// A trace as its JSON text has it, every field optional so that what is
/// missing is said by name.
#[derive(serde::Deserialize)]
struct TraceText<'a> {
    #[serde(borrow)]
    program: Option<Cow<'a, str>>,
    time_scale: Option<f64>,
    #[serde(borrow)]
    events: Option<Vec<EventText<'a>>>,
}

/// An event as a trace's JSON text has it.
#[derive(serde::Deserialize)]
struct EventText<'a> {
    t_ms: Option<f64>,
    #[serde(borrow)]
    task: Option<Cow<'a, str>>,
    #[serde(borrow)]
    kind: Option<Cow<'a, str>>,
    #[serde(borrow)]
    detail: Option<Cow<'a, str>>,
}

fn trace_text(text: &str) -> Result<TraceText<'_>, String> {
    serde_json::from_str(text).map_err(|error| match error.classify() {
        serde_json::error::Category::Data => {
            format!("the trace is not one this page writes: {error}")
        }
        _ => "the request is not JSON".to_string(),
    })
}

/// A run's trace read from its JSON text ([`trace_json`]), or what is wrong
/// with it.
pub fn read_trace(text: &str) -> Result<TraceRun, String> {
    let trace = trace_text(text)?;
    let missing = |what: &str| format!("the trace has no {what}");
    Ok(TraceRun {
        program: trace
            .program
            .as_deref()
            .ok_or_else(|| missing("program"))?
            .to_string(),
        time_scale: trace.time_scale.ok_or_else(|| missing("time scale"))?,
        events: events_in(trace.events)?,
    })
}

/// The events of a trace's JSON text (docs/trace-format.md), or what is
/// wrong with it.
pub fn read_trace_events(text: &str) -> Result<Vec<Event>, String> {
    events_in(trace_text(text)?.events)
}

fn events_in(events: Option<Vec<EventText>>) -> Result<Vec<Event>, String> {
    events
        .ok_or("the trace has no list of events")?
        .iter()
        .enumerate()
        .map(|(at, event)| {
            let read = || {
                read_event(
                    event.t_ms?,
                    event.task.as_deref()?,
                    event.kind.as_deref()?,
                    event.detail.as_deref()?,
                )
            };
            read().ok_or_else(|| format!("event {at} of the trace is not one this page writes"))
        })
        .collect()
}

/// A run's trace with the program that made it.
pub fn trace_json(program: &str, time_scale: f64, events: &[Event]) -> Json {
    Json::object([
        ("format", FORMAT.into()),
        ("version", u64::from(VERSION).into()),
        ("program", program.into()),
        ("time_scale", time_scale.into()),
        ("events", events.iter().map(event_json).collect()),
    ])
}

/// The trace as Chrome trace events: a track per task (the loop first),
/// a complete event per running, waiting or blocked slice, and an instant
/// event per trace event.
pub fn chrome_trace(events: &[Event]) -> Json {
    let mut tids: std::collections::HashMap<&str, usize> =
        std::collections::HashMap::from([(LOOP, 0)]);
    let mut tasks: Vec<&str> = vec![LOOP];
    for event in events {
        if !tids.contains_key(&*event.task) {
            tids.insert(&event.task, tasks.len());
            tasks.push(&event.task);
        }
    }
    let tid = |task: &str| tids.get(task).map_or(0, |&tid| tid as u64);
    let mut out: Vec<Json> = tasks
        .iter()
        .enumerate()
        .map(|(tid, task)| {
            Json::object([
                ("ph", "M".into()),
                ("name", "thread_name".into()),
                ("pid", 1u64.into()),
                ("tid", (tid as u64).into()),
                ("ts", 0u64.into()),
                ("args", Json::object([("name", (*task).into())])),
            ])
        })
        .collect();
    for (task, slices) in lanes(events) {
        for slice in slices {
            let name = match &slice.activity {
                Activity::Running => "running".to_string(),
                Activity::Waiting(wait) => format!("waiting: {}", wait.detail()),
                Activity::Blocked(..) => "blocked".to_string(),
            };
            out.push(complete(
                name,
                "task",
                tid(task),
                slice.from_ms,
                slice.to_ms - slice.from_ms,
            ));
        }
    }
    for event in events {
        if let EventKind::Lag(ms) = event.kind {
            out.push(complete(
                "loop held".into(),
                "lag",
                0,
                event.t_ms - ms as f64,
                ms as f64,
            ));
        }
        let name = format!("{} {}", event.kind.name(), event.kind.detail())
            .trim_end()
            .to_string();
        out.push(Json::object([
            ("ph", "i".into()),
            ("s", "t".into()),
            ("name", name.into()),
            ("cat", event.kind.name().into()),
            ("pid", 1u64.into()),
            ("tid", tid(&event.task).into()),
            ("ts", micros(event.t_ms).into()),
        ]));
    }
    Json::object([
        ("traceEvents", Json::List(out)),
        ("displayTimeUnit", "ms".into()),
    ])
}

/// Whole microseconds of `ms`, as Chrome traces count time.
fn micros(ms: f64) -> f64 {
    (ms * 1000.0).round()
}

/// A Chrome trace complete event (`X`): a slice of `dur_ms` from `from_ms`.
fn complete(name: String, category: &str, tid: u64, from_ms: f64, dur_ms: f64) -> Json {
    Json::object([
        ("ph", "X".into()),
        ("name", name.into()),
        ("cat", category.into()),
        ("pid", 1u64.into()),
        ("tid", tid.into()),
        ("ts", micros(from_ms).into()),
        ("dur", micros(dur_ms).into()),
    ])
}

#[cfg(test)]
mod tests;
