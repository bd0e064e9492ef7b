//! The timeline as data: one lane per task plus the event loop's, with
//! running, waiting and blocked slices on a time axis with round ticks, a
//! legend, each slice's events and the same slices as a table. The worker
//! lays it out; the page draws a run with it (`ui::chart`) and the Compare
//! tab draws each run on one axis.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::announce::{batch_news, run_summary};
use super::lints::slice_rule;
use super::numbers::{duration, tenths};
use crate::model::i18n::{Key, Lang, WorkerText};
use crate::model::trace::{lanes, task_colour, Activity, Event, EventKind, LOOP};

/// Lanes drawn at most; a run of thousands of tasks counts the rest.
const MAX_LANES: usize = 40;
/// Events listed in a slice's popover at most.
const MAX_SLICE_EVENTS: usize = 8;
/// Rows of the table at most; a long run counts the rest.
const MAX_TABLE_ROWS: usize = 300;

/// How a timeline is drawn.
pub struct Drawing<'a> {
    pub lang: Lang,
    /// Slices a teaching lint is about are marked.
    pub lints: bool,
    /// Where the axis ends, in ms (the last event's time when `None`).
    pub end_ms: Option<f64>,
    /// Said above the chart, and what the chart is called.
    pub caption: Option<&'a str>,
    /// The chart has zoom buttons (the page's timeline handles them).
    pub zoomable: bool,
}

/// Where `ms` falls along a lane's track that ends at `end_ms`, in %.
pub fn x_percent(ms: f64, end_ms: f64) -> f64 {
    ms / end_ms.max(1.0) * 100.0
}

/// Round places for an axis up to `end` ms: about five ticks at 1, 2 or 5
/// times a power of ten.
pub fn ticks(end: f64) -> Vec<f64> {
    let raw = (end / 5.0).max(1e-9);
    let mut step = 1e-9_f64;
    while step * 10.0 <= raw {
        step *= 10.0;
    }
    let step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * step)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * step);
    (0..)
        .map(|k| k as f64 * step)
        .take_while(|t| *t <= end * (1.0 + 1e-9))
        .collect()
}

/// One slice as the popover, the screen reader and the table say it: the
/// task, what it did and when, and the events it logged meanwhile
/// (`events` are the task's own, in time order).
struct SliceText {
    from_ms: f64,
    to_ms: f64,
    what: String,
    events: Vec<String>,
}

fn slice_text(
    events: &[&Event],
    task: &str,
    label: &str,
    from_ms: f64,
    to_ms: f64,
    lang: Lang,
) -> SliceText {
    let ms = Key::Ms.text(lang);
    let first = events.partition_point(|e| e.t_ms < from_ms);
    SliceText {
        from_ms,
        to_ms,
        what: format!(
            "{task}: {label} ({}–{} {ms})",
            from_ms.round() as i64,
            to_ms.round() as i64
        ),
        events: events[first..]
            .iter()
            .take_while(|e| e.t_ms <= to_ms)
            .take(MAX_SLICE_EVENTS)
            .map(|event| format!("{} {ms} {}", tenths(event.t_ms), event.describe(lang)))
            .collect(),
    }
}

/// The tasks drawn (the first [`MAX_LANES`] to appear) with their events,
/// how many are left out, and the loop's stalls (from, to ms).
struct Drawn<'a> {
    lanes: Vec<(&'a str, Vec<&'a Event>)>,
    hidden: usize,
    stalls: Vec<(f64, f64)>,
}

fn drawn(events: &[Event]) -> Drawn<'_> {
    let mut lane_of: HashMap<&str, Option<usize>> = HashMap::new();
    let mut order: Vec<(&str, Vec<&Event>)> = Vec::new();
    let mut stalls = Vec::new();
    for event in events {
        if *event.task == *LOOP {
            if let EventKind::Lag(ms) = event.kind {
                stalls.push((event.t_ms - ms as f64, event.t_ms));
            }
            continue;
        }
        let lane = *lane_of.entry(&event.task).or_insert_with(|| {
            (order.len() < MAX_LANES).then(|| {
                order.push((&event.task, Vec::new()));
                order.len() - 1
            })
        });
        if let Some(lane) = lane {
            order[lane].1.push(event);
        }
    }
    Drawn {
        hidden: lane_of.len() - order.len(),
        lanes: order,
        stalls,
    }
}

/// How a slice is drawn: what the task or the loop did meanwhile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SliceKind {
    Running,
    Waiting,
    /// Holding the loop.
    Blocked,
    /// Holding the loop in a way a teaching lint is about.
    Linted,
    /// The loop late (a stall).
    Stall,
}

impl SliceKind {
    /// The slice's class in the page's styles.
    pub fn class(self) -> &'static str {
        match self {
            SliceKind::Running => "running",
            SliceKind::Waiting => "waiting",
            SliceKind::Blocked => "blocked",
            SliceKind::Linted => "blocked linted",
            SliceKind::Stall => "stall",
        }
    }
}

/// A slice of a lane: where it is along the track (in tenths of a percent
/// of the track's width), how it is drawn, and what it says (the task,
/// what it did and when, then its events, a line each).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Slice {
    pub kind: SliceKind,
    pub left: i32,
    pub width: i32,
    pub said: String,
}

/// A lane: the loop's, or a task's with its colour (a CSS colour).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Lane {
    pub name: String,
    pub colour: Option<String>,
    pub slices: Vec<Slice>,
}

/// A tick of the time axis: where (tenths of a percent) and its label.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Tick {
    pub at: i32,
    pub label: String,
}

/// A timeline as the page draws it: its name (a caption, shown, when it
/// has one), the legend, the zoom buttons' names for a chart that zooms,
/// the axis's ticks, the lanes, how many tasks have no lane, and the slices
/// as a table (the timeline's alternative for a screen reader, and anyone
/// who would rather read than look).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Chart {
    pub name: String,
    pub captioned: bool,
    /// Each kind of slice the legend shows, with its word.
    pub legend: Vec<(SliceKind, String)>,
    /// Zoom out, in, and back to the whole run.
    pub zoom: Option<[String; 3]>,
    pub ticks: Vec<Tick>,
    pub lanes: Vec<Lane>,
    pub more_tasks: Option<String>,
    pub table: SliceTable,
}

/// The slices as a table: its summary, its columns' heads, a row per slice
/// (what, and its events), and how many rows are left out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SliceTable {
    pub summary: String,
    pub heads: [String; 2],
    pub rows: Vec<(String, String)>,
    pub more: Option<String>,
}

fn slice(kind: SliceKind, text: &SliceText, end: f64) -> Slice {
    let left = x_percent(text.from_ms, end);
    let said = std::iter::once(text.what.as_str())
        .chain(text.events.iter().map(String::as_str))
        .collect::<Vec<_>>()
        .join("\n");
    Slice {
        kind,
        left: (left * 10.0).round() as i32,
        width: ((x_percent(text.to_ms, end) - left) * 10.0).round() as i32,
        said,
    }
}

/// The chart of `events`: legend, lanes, axis and the table of its slices.
pub fn chart(events: &[Event], drawing: &Drawing) -> Chart {
    let lang = drawing.lang;
    let w = |key: WorkerText| key.text(lang).to_string();
    let end = drawing
        .end_ms
        .unwrap_or_else(|| events.last().map_or(1.0, |e| e.t_ms))
        .max(1.0);
    let (lanes, rows, hidden) = chart_lanes(events, drawing, end);
    Chart {
        name: drawing
            .caption
            .map_or_else(|| w(WorkerText::TotalTime), str::to_string),
        captioned: drawing.caption.is_some(),
        legend: vec![
            (SliceKind::Running, w(WorkerText::LegendRunning)),
            (SliceKind::Waiting, w(WorkerText::LegendWaiting)),
            (SliceKind::Blocked, w(WorkerText::LegendBlocked)),
            (SliceKind::Stall, w(WorkerText::LegendLate)),
        ],
        zoom: drawing.zoomable.then(|| {
            [
                w(WorkerText::ZoomOut),
                w(WorkerText::ZoomIn),
                w(WorkerText::ZoomFit),
            ]
        }),
        ticks: ticks(end)
            .into_iter()
            .map(|tick| Tick {
                at: (x_percent(tick, end) * 10.0).round() as i32,
                label: duration(tick, lang),
            })
            .collect(),
        lanes,
        more_tasks: (hidden > 0).then(|| format!("+{hidden} {}", w(WorkerText::MoreTasks))),
        table: slices_table(&rows, lang),
    }
}

/// The lanes of `events` on an axis that ends at `end` ms (the loop's with
/// its stalls, then a task's each), every slice's text for the table, and
/// how many tasks have no lane.
fn chart_lanes(
    events: &[Event],
    drawing: &Drawing,
    end: f64,
) -> (Vec<Lane>, Vec<SliceText>, usize) {
    let t = |key: Key| key.text(drawing.lang);
    let Drawn {
        lanes: order,
        hidden,
        stalls,
    } = drawn(events);
    let mut rows = Vec::new();
    let mut loop_lane = Lane {
        name: LOOP.to_string(),
        colour: None,
        slices: Vec::new(),
    };
    for (from, to) in &stalls {
        let text = SliceText {
            from_ms: *from,
            to_ms: *to,
            what: format!(
                "{LOOP}: {} {} {}",
                t(Key::LagLate),
                (to - from).round() as i64,
                t(Key::Ms)
            ),
            events: Vec::new(),
        };
        loop_lane.slices.push(slice(SliceKind::Stall, &text, end));
        rows.push(text);
    }
    let slices = lanes(order.iter().flat_map(|(_, events)| events.iter().copied()));
    let mut chart_lanes = vec![loop_lane];
    for (task, task_events) in &order {
        let mut lane = Lane {
            name: task.to_string(),
            colour: Some(task_colour(task).to_string()),
            slices: Vec::new(),
        };
        for drawn_slice in slices.get(task).into_iter().flatten() {
            let (kind, label) = slice_label(&drawn_slice.activity, drawing);
            let text = slice_text(
                task_events,
                task,
                &label,
                drawn_slice.from_ms,
                drawn_slice.to_ms,
                drawing.lang,
            );
            lane.slices.push(slice(kind, &text, end));
            rows.push(text);
        }
        chart_lanes.push(lane);
    }
    (chart_lanes, rows, hidden)
}

/// How a task's slice doing `activity` is drawn and what it is called (a
/// hold a teaching lint is about names the lint, when lints are shown).
fn slice_label(activity: &Activity, drawing: &Drawing) -> (SliceKind, String) {
    let t = |key: Key| key.text(drawing.lang);
    match activity {
        Activity::Running => (SliceKind::Running, t(Key::Resumed).to_string()),
        Activity::Waiting(wait) => (
            SliceKind::Waiting,
            format!("{} {}", t(Key::WaitingOn), wait.detail()),
        ),
        Activity::Blocked(work, amount) => {
            match slice_rule(*work, *amount).filter(|_| drawing.lints) {
                Some(rule) => (
                    SliceKind::Linted,
                    format!("{} ({})", t(Key::HoldsLoop), rule.name()),
                ),
                None => (SliceKind::Blocked, t(Key::HoldsLoop).to_string()),
            }
        }
    }
}

/// The slices as a table.
fn slices_table(rows: &[SliceText], lang: Lang) -> SliceTable {
    let w = |key: WorkerText| key.text(lang).to_string();
    SliceTable {
        summary: w(WorkerText::TimelineTable),
        heads: [w(WorkerText::SliceWhat), w(WorkerText::SliceEvents)],
        rows: rows
            .iter()
            .take(MAX_TABLE_ROWS)
            .map(|row| (row.what.clone(), row.events.join("\n")))
            .collect(),
        more: (rows.len() > MAX_TABLE_ROWS).then(|| {
            format!(
                "+{} {}",
                rows.len() - MAX_TABLE_ROWS,
                w(WorkerText::MoreSlices)
            )
        }),
    }
}

/// What the worker answers a request that adds events to a run it does
/// not hold up to where the request starts (it was restarted, or the run is
/// another): the page then sends the run whole.
pub const RESEND: &str = "the worker does not hold the run's earlier events";

/// What the page asks the worker to draw: the run's number and the index
/// of the first event sent, those events (a trace's JSON text), whether
/// lints mark slices and whether the run has ended. A run is sent once, a
/// batch at a time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimelineAsk {
    pub lang: Lang,
    pub lints: bool,
    pub ended: bool,
    pub run: u32,
    pub from: usize,
    pub events: String,
}

/// The worker's answer to a [`TimelineAsk`]: the chart of the run so far,
/// and what a screen reader is told (`views::announce`): the news of the
/// events sent since it was last told, at most once a second, or the run's
/// summary once it has ended; empty when there is nothing new to tell.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimelineDrawn {
    pub chart: Chart,
    pub said: String,
}

/// The run the worker draws: the events the page has sent of it, and the
/// news of them a screen reader has not heard yet.
#[derive(Default)]
pub struct TimelineRun {
    run: u32,
    events: Vec<Event>,
    unsaid: Vec<String>,
    said_at_ms: f64,
}

/// A screen reader hears the news of a run at most this often (ms); news
/// meanwhile waits and is said with the next.
const NEWS_EVERY_MS: f64 = 1000.0;

impl TimelineRun {
    /// Adds `sent`, the events `asked` carries, and draws the run so far
    /// at `now_ms`; [`RESEND`] when they do not follow the events held.
    pub fn draw(
        &mut self,
        asked: &TimelineAsk,
        sent: Vec<Event>,
        now_ms: f64,
    ) -> Result<TimelineDrawn, String> {
        let lang = asked.lang;
        if asked.from == 0 {
            *self = TimelineRun {
                run: asked.run,
                ..TimelineRun::default()
            };
        } else if asked.run != self.run || asked.from != self.events.len() {
            return Err(RESEND.into());
        }
        let news = batch_news(&sent, lang);
        if !news.is_empty() {
            self.unsaid.push(news);
        }
        self.events.extend(sent);
        let said = if asked.ended {
            self.unsaid.clear();
            run_summary(&self.events, lang)
        } else if now_ms - self.said_at_ms >= NEWS_EVERY_MS {
            self.said_at_ms = now_ms;
            std::mem::take(&mut self.unsaid).join("; ")
        } else {
            String::new()
        };
        let chart = chart(
            &self.events,
            &Drawing {
                lang,
                lints: asked.lints,
                end_ms: None,
                caption: None,
                zoomable: true,
            },
        );
        Ok(TimelineDrawn { chart, said })
    }
}

#[cfg(test)]
mod tests;
