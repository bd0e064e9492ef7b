//! The timeline as SVG text: one lane per task plus the event loop's, with
//! running, waiting and blocked slices on a time axis with round ticks. The
//! page draws a run with it and the Compare tab draws each run on one axis.

use std::collections::HashMap;

use super::html::escape;
use super::i18n::{Key, Lang};
use super::lints::slice_rule;
use super::trace::{lanes, task_colour, Activity, Event, EventKind, LOOP};

const LANE_PX: f64 = 22.0;
const LABEL_PX: f64 = 90.0;
const WIDTH_PX: f64 = 640.0;
const AXIS_PX: f64 = 20.0;
/// Room right of the axis's end, for its last label.
const RIGHT_PX: f64 = 24.0;
/// Lanes drawn at most; a run of thousands of tasks counts the rest.
const MAX_LANES: usize = 40;
/// Events listed in a slice's tooltip at most.
const MAX_TITLE_EVENTS: usize = 8;

/// How a timeline is drawn.
pub struct Drawing<'a> {
    pub lang: Lang,
    /// Slices a teaching lint is about are marked.
    pub lints: bool,
    /// Where the axis ends, in ms (the last event's time when `None`).
    pub end_ms: Option<f64>,
    /// Said above the chart, and what the chart is called.
    pub caption: Option<&'a str>,
}

/// Where `ms` falls across a chart that ends at `end_ms`, in % of its width.
pub fn x_percent(ms: f64, end_ms: f64) -> f64 {
    (LABEL_PX + ms / end_ms.max(1.0) * (WIDTH_PX - LABEL_PX - RIGHT_PX)) / WIDTH_PX * 100.0
}

/// `value` with one digit after the point (written without float
/// formatting, which the page's first load does without).
pub fn tenths(value: f64) -> String {
    let tenths = (value * 10.0).round() as i64;
    let sign = if tenths < 0 { "-" } else { "" };
    format!("{sign}{}.{}", tenths.abs() / 10, tenths.abs() % 10)
}

/// `ms` as an axis or a total says it: whole ms below a second, seconds
/// with a tenth from one on.
pub fn duration(ms: f64, lang: Lang) -> String {
    if ms >= 1000.0 {
        format!("{} s", tenths(ms / 1000.0))
    } else {
        format!("{} {}", ms.round() as i64, Key::Ms.text(lang))
    }
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

/// A slice's tooltip: what the task did, and the events it logged
/// meanwhile (`events` are the task's own, in time order).
fn slice_title(
    events: &[&Event],
    task: &str,
    label: &str,
    from_ms: f64,
    to_ms: f64,
    lang: Lang,
) -> String {
    let ms = Key::Ms.text(lang);
    let mut title = format!(
        "{task}: {label} ({}–{} {ms})",
        from_ms.round() as i64,
        to_ms.round() as i64
    );
    let first = events.partition_point(|e| e.t_ms < from_ms);
    for event in events[first..]
        .iter()
        .take_while(|e| e.t_ms <= to_ms)
        .take(MAX_TITLE_EVENTS)
    {
        title += &format!("\n{} {ms} {}", tenths(event.t_ms), event.describe(lang));
    }
    title
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

/// The chart of `events` as a `<figure>`, every text in it escaped.
pub fn timeline_svg(events: &[Event], drawing: &Drawing) -> String {
    let lang = drawing.lang;
    let t = |key: Key| key.text(lang);
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
    let x = |ms: f64| x_percent(ms, end) * WIDTH_PX / 100.0;
    let chart_px = (order.len() + 1) as f64 * LANE_PX;
    let height = chart_px + AXIS_PX;
    let name = drawing.caption.unwrap_or(t(Key::TotalTime));
    let mut svg = String::from("<figure class=\"timeline\">");
    if let Some(caption) = drawing.caption {
        svg += &format!("<figcaption>{}</figcaption>", escape(caption));
    }
    svg += &format!(
        "<svg viewBox=\"0 0 {} {}\" role=\"img\" aria-label=\"{}\">",
        tenths(WIDTH_PX),
        tenths(height),
        escape(name)
    );
    for tick in ticks(end) {
        svg += &format!(
            "<line class=\"grid\" x1=\"{0}\" x2=\"{0}\" y1=\"0\" y2=\"{1}\"/><text class=\"axis\" x=\"{0}\" y=\"{2}\" text-anchor=\"middle\">{3}</text>",
            tenths(x(tick)),
            tenths(chart_px),
            tenths(height - 5.0),
            escape(&duration(tick, lang))
        );
    }
    svg += &format!(
        "<text x=\"4\" y=\"{}\" class=\"lane-label\">{LOOP}</text>",
        tenths(LANE_PX * 0.7)
    );
    for (from, to) in &stalls {
        svg += &format!(
            "<rect class=\"stall\" x=\"{}\" y=\"3\" width=\"{}\" height=\"{}\"><title>{}</title></rect>",
            tenths(x(*from)),
            tenths((x(*to) - x(*from)).max(1.0)),
            tenths(LANE_PX - 6.0),
            escape(&format!("{} {} {}", t(Key::LagLate), (to - from).round() as i64, t(Key::Ms)))
        );
    }
    for (index, (task, task_events)) in order.iter().enumerate() {
        let y = (index + 1) as f64 * LANE_PX;
        svg += &format!(
            "<g class=\"lane\"><text x=\"4\" y=\"{}\" class=\"lane-label\">{}</text>",
            tenths(y + LANE_PX * 0.7),
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
            svg += &format!(
                "<rect class=\"{class}\" tabindex=\"0\" style=\"--task: {}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"><title>{}</title></rect>",
                task_colour(task),
                tenths(x(slice.from_ms)),
                tenths(y + 3.0),
                tenths((x(slice.to_ms) - x(slice.from_ms)).max(1.5)),
                tenths(LANE_PX - 6.0),
                escape(&slice_title(task_events, task, &label, slice.from_ms, slice.to_ms, lang))
            );
        }
        svg += "</g>";
    }
    svg += "</svg>";
    if hidden > 0 {
        svg += &format!(
            "<p class=\"more\">+{hidden} {}</p>",
            escape(t(Key::MoreTasks))
        );
    }
    svg + "</figure>"
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::parse::parse;
    use crate::model::simulate::simulate;

    fn drawing(lints: bool) -> Drawing<'static> {
        Drawing {
            lang: Lang::En,
            lints,
            end_ms: None,
            caption: None,
        }
    }

    #[test]
    fn ticks_fall_on_round_values_up_to_the_end() {
        assert_eq!(ticks(3000.0), vec![0.0, 1000.0, 2000.0, 3000.0]);
        assert_eq!(ticks(12.0), vec![0.0, 5.0, 10.0]);
        for end in [1.0, 7.3, 999.0, 45_000.0, 0.3] {
            let ticks = ticks(end);
            assert!(
                (3..=11).contains(&ticks.len()) && *ticks.last().unwrap() <= end * 1.000_001,
                "{end}: {ticks:?}"
            );
        }
    }

    #[test]
    fn numbers_are_written_without_float_formatting() {
        assert_eq!(
            (tenths(12.34), tenths(-0.25), tenths(3.0)),
            ("12.3".into(), "-0.3".into(), "3.0".into())
        );
        assert_eq!(
            (duration(250.4, Lang::En), duration(12_000.0, Lang::En)),
            ("250 ms".into(), "12.0 s".into())
        );
    }

    #[test]
    fn each_task_has_a_lane_of_slices_with_their_events_and_lints_mark_blocking() {
        let events = simulate(&parse("run gather\n\ntask a\n  print \"<hi>\"\n  block 200\n  sleep 100\n\ntask b\n  sleep 300\n").unwrap());
        let svg = timeline_svg(&events, &drawing(true));
        assert_eq!(
            svg.matches("<g class=\"lane\">").count(),
            3,
            "main, a and b"
        );
        assert!(svg.contains("class=\"blocked linted\"") && svg.contains("ASYNC251"));
        assert!(svg.contains("&lt;hi&gt;") && !svg.contains("<hi>"));
        assert!(!timeline_svg(&events, &drawing(false)).contains("linted"));
        assert!(
            svg.contains(">500 ms</text>") || svg.contains(">400 ms</text>"),
            "an axis tick: {svg}"
        );
    }

    #[test]
    fn a_run_of_many_tasks_draws_forty_lanes_and_counts_the_rest() {
        let events = simulate(&parse("run gather\n\ntask t x50\n  sleep 1\n").unwrap());
        let svg = timeline_svg(&events, &drawing(false));
        assert_eq!(svg.matches("<g class=\"lane\">").count(), MAX_LANES);
        assert!(
            svg.contains(&format!("+11 {}", Key::MoreTasks.text(Lang::En))),
            "50 tasks and main, 40 drawn"
        );
    }
}
