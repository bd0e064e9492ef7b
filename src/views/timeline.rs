//! The timeline as HTML text: one lane per task plus the event loop's, with
//! running, waiting and blocked slices (told apart by pattern as well as
//! colour) on a time axis with round ticks, a legend, a popover of each
//! slice's events and the same slices as a table. The page draws a run with
//! it and the Compare tab draws each run on one axis.

use std::collections::HashMap;

use super::announce::{batch_news, run_summary};
use super::lints::slice_rule;
use super::numbers::{duration, tenths};
use crate::model::html::escape;
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

/// A slice of a track: a focusable span named by its text, with the
/// popover of its events. Only the chart's first slice is in the tab order;
/// the arrow keys move between slices from there.
fn slice_span(class: &str, style: &str, text: &SliceText, end: f64, first: bool) -> String {
    let left = x_percent(text.from_ms, end);
    let said = std::iter::once(text.what.as_str())
        .chain(text.events.iter().map(String::as_str))
        .collect::<Vec<_>>()
        .join("\n");
    let said = escape(&said);
    format!(
        "<span class=\"{class}\" role=\"img\" tabindex=\"{}\" aria-label=\"{said}\" style=\"{style}left:{}%;width:{}%\"><span class=\"tl-pop\" aria-hidden=\"true\">{said}</span></span>",
        if first { "0" } else { "-1" },
        tenths(left),
        tenths(x_percent(text.to_ms, end) - left),
    )
}

/// The chart of `events` as a `<figure>`: legend, lanes, axis and the
/// table of its slices, every text in it escaped.
pub fn timeline_html(events: &[Event], drawing: &Drawing) -> String {
    let lang = drawing.lang;
    let t = |key: Key| key.text(lang);
    let w = |key: WorkerText| key.text(lang);
    let Drawn {
        lanes: order,
        hidden,
        stalls,
    } = drawn(events);
    let slices = lanes(order.iter().flat_map(|(_, events)| events.iter().copied()));
    let end = drawing
        .end_ms
        .unwrap_or_else(|| events.last().map_or(1.0, |e| e.t_ms))
        .max(1.0);
    let name = escape(drawing.caption.unwrap_or(w(WorkerText::TotalTime)));
    let mut html = format!("<figure class=\"timeline\" aria-label=\"{name}\">");
    if drawing.caption.is_some() {
        html += &format!("<figcaption>{name}</figcaption>");
    }
    html += "<div class=\"tl-head\"><ul class=\"tl-legend\">";
    for (class, key) in [
        ("running", WorkerText::LegendRunning),
        ("waiting", WorkerText::LegendWaiting),
        ("blocked", WorkerText::LegendBlocked),
        ("stall", WorkerText::LegendLate),
    ] {
        html += &format!("<li><i class=\"{class}\"></i>{}</li>", w(key));
    }
    html += "</ul>";
    if drawing.zoomable {
        html += "<span class=\"tl-tools\">";
        for (factor, text, key) in [
            ("-", "−", WorkerText::ZoomOut),
            ("+", "+", WorkerText::ZoomIn),
            ("0", "↔", WorkerText::ZoomFit),
        ] {
            html += &format!(
                "<button type=\"button\" data-zoom=\"{factor}\" aria-label=\"{0}\" title=\"{0}\">{text}</button>",
                w(key)
            );
        }
        html += "</span>";
    }
    html += "</div><div class=\"tl-chart\"><div class=\"tl-grid\" aria-hidden=\"true\">";
    for tick in ticks(end) {
        html += &format!(
            "<span style=\"left:{}%\"><b>{}</b></span>",
            tenths(x_percent(tick, end)),
            escape(&duration(tick, lang))
        );
    }
    html += &format!(
        "<i class=\"tl-cursor\"></i></div><div class=\"tl-lane\"><span class=\"tl-label\">{LOOP}</span><div class=\"tl-track\">"
    );
    let mut first = true;
    let mut rows = Vec::new();
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
        html += &slice_span("stall", "", &text, end, first);
        first = false;
        rows.push(text);
    }
    html += "</div></div>";
    for (task, task_events) in &order {
        html += &format!(
            "<div class=\"tl-lane\"><span class=\"tl-label\">{0}</span><div class=\"tl-track\">",
            escape(task)
        );
        for slice in slices.get(task).into_iter().flatten() {
            let (class, label) = match &slice.activity {
                Activity::Running => ("running", t(Key::Resumed).to_string()),
                Activity::Waiting(wait) => (
                    "waiting",
                    format!("{} {}", t(Key::WaitingOn), wait.detail()),
                ),
                Activity::Blocked(work, amount) => {
                    match slice_rule(*work, *amount).filter(|_| drawing.lints) {
                        Some(rule) => (
                            "blocked linted",
                            format!("{} ({})", t(Key::HoldsLoop), rule.name()),
                        ),
                        None => ("blocked", t(Key::HoldsLoop).to_string()),
                    }
                }
            };
            let text = slice_text(task_events, task, &label, slice.from_ms, slice.to_ms, lang);
            let style = format!("--task:{};", task_colour(task));
            html += &slice_span(class, &style, &text, end, first);
            first = false;
            rows.push(text);
        }
        html += "</div></div>";
    }
    html += "</div>";
    if hidden > 0 {
        html += &format!(
            "<p class=\"more\">+{hidden} {}</p>",
            escape(w(WorkerText::MoreTasks))
        );
    }
    html + &slices_table(&rows, lang) + "</figure>"
}

/// The slices as a table, the timeline's alternative for a screen reader
/// (and anyone who would rather read than look), folded under its summary.
fn slices_table(rows: &[SliceText], lang: Lang) -> String {
    let t = |key: WorkerText| key.text(lang);
    let mut html = format!(
        "<details class=\"tl-table\"><summary>{}</summary><table><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>",
        t(WorkerText::TimelineTable),
        t(WorkerText::SliceWhat),
        t(WorkerText::SliceEvents)
    );
    for row in rows.iter().take(MAX_TABLE_ROWS) {
        html += &format!(
            "<tr><td>{}</td><td>{}</td></tr>",
            escape(&row.what),
            escape(&row.events.join("\n"))
        );
    }
    html += "</tbody></table>";
    if rows.len() > MAX_TABLE_ROWS {
        html += &format!(
            "<p class=\"more\">+{} {}</p>",
            rows.len() - MAX_TABLE_ROWS,
            t(WorkerText::MoreSlices)
        );
    }
    html + "</details>"
}

/// What the worker answers a request that adds events to a run it does
/// not hold up to where the request starts (it was restarted, or the run is
/// another): the page then sends the run whole.
pub const RESEND: &str = "the worker does not hold the run's earlier events";

/// What the page asks the worker to draw, after the page's language: a
/// line each for `1` when lints mark slices, `1` when the run has ended,
/// the run's number and the index of the first event sent; then those
/// events, as a trace's JSON text. A run is sent once, a batch at a time.
#[derive(Debug, PartialEq)]
pub struct TimelineAsk<'a> {
    pub lints: bool,
    pub ended: bool,
    pub run: u32,
    pub from: usize,
    pub events: &'a str,
}

impl<'a> TimelineAsk<'a> {
    /// A request (after its language line) read back.
    pub fn read(request: &'a str) -> Option<TimelineAsk<'a>> {
        let mut lines = request.splitn(5, '\n');
        let mut next = || lines.next();
        Some(TimelineAsk {
            lints: next()? == "1",
            ended: next()? == "1",
            run: next()?.parse().ok()?,
            from: next()?.parse().ok()?,
            events: next()?,
        })
    }
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
    /// at `now_ms` (the chart, then after [`SAID`] what a screen reader is
    /// told); [`RESEND`] when they do not follow the events held.
    pub fn draw(
        &mut self,
        asked: &TimelineAsk,
        sent: Vec<Event>,
        lang: Lang,
        now_ms: f64,
    ) -> Result<String, String> {
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
        let chart = timeline_html(
            &self.events,
            &Drawing {
                lang,
                lints: asked.lints,
                end_ms: None,
                caption: None,
                zoomable: true,
            },
        );
        Ok(format!("{chart}{SAID}{said}"))
    }
}

/// Between the chart the worker answers a [`TimelineAsk`] with and what a
/// screen reader is told (`views::announce`): the news of the events sent
/// since it was last told, at most once a second, or the run's summary
/// once it has ended; empty when there is nothing new to tell.
pub const SAID: char = '\u{1e}';

#[cfg(test)]
mod tests;
