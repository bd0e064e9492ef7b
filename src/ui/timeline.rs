//! The timeline: one lane per task plus the event loop's, with running,
//! waiting and blocked slices on a shared time axis.

use std::collections::HashMap;

use yew::prelude::*;

use super::log::task_colour;
use super::number::fixed;
use super::recording::Recording;
use crate::model::i18n::{Key, Lang};
use crate::model::lints::slice_rule;
use crate::model::trace::{lanes, Activity, Event, EventKind, LOOP};

const LANE_PX: f64 = 22.0;
const LABEL_PX: f64 = 90.0;
const WIDTH_PX: f64 = 640.0;
/// Lanes drawn at most; a run of thousands of tasks lists the rest as a count.
const MAX_LANES: usize = 40;

/// An SVG length: a tenth of a pixel is as fine as the chart needs.
fn px(value: f64) -> String {
    fixed(value, 1)
}

/// Events listed in a slice's tooltip at most.
const MAX_TITLE_EVENTS: usize = 8;

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
    let mut title = format!(
        "{task}: {label} ({}–{} {})",
        fixed(from_ms, 0),
        fixed(to_ms, 0),
        Key::Ms.text(lang)
    );
    let first = events.partition_point(|e| e.t_ms < from_ms);
    for event in events[first..]
        .iter()
        .take_while(|e| e.t_ms <= to_ms)
        .take(MAX_TITLE_EVENTS)
    {
        title.push_str(&format!(
            "\n{} {} {}",
            fixed(event.t_ms, 1),
            Key::Ms.text(lang),
            event.describe(lang)
        ));
    }
    title
}

/// Properties of [`Timeline`].
#[derive(Properties, PartialEq)]
pub struct TimelineProps {
    pub lang: Lang,
    pub events: Recording,
    /// Slices that a teaching lint is about are marked (`?lints=0` turns
    /// the marks off with the lints).
    pub lints: bool,
}

/// The tasks drawn (the first [`MAX_LANES`] to appear) with their events,
/// how many tasks are left out, and the loop's stalls.
struct Drawn<'a> {
    lanes: Vec<(&'a str, Vec<&'a Event>)>,
    hidden: usize,
    stalls: Vec<(f64, f64)>,
}

fn drawn(events: &[Event]) -> Drawn<'_> {
    let mut lane_of: HashMap<&str, Option<usize>> = HashMap::new();
    let mut lanes: Vec<(&str, Vec<&Event>)> = Vec::new();
    let mut stalls = Vec::new();
    for event in events {
        if *event.task == *LOOP {
            if let EventKind::Lag(ms) = event.kind {
                stalls.push((event.t_ms - ms as f64, event.t_ms));
            }
            continue;
        }
        let lane = *lane_of.entry(&event.task).or_insert_with(|| {
            (lanes.len() < MAX_LANES).then(|| {
                lanes.push((&event.task, Vec::new()));
                lanes.len() - 1
            })
        });
        if let Some(lane) = lane {
            lanes[lane].1.push(event);
        }
    }
    Drawn {
        hidden: lane_of.len() - lanes.len(),
        lanes,
        stalls,
    }
}

/// An SVG chart of the run so far.
#[function_component]
pub fn Timeline(props: &TimelineProps) -> Html {
    if props.events.is_empty() {
        return Html::default();
    }
    let events = props.events.events();
    let Drawn {
        lanes: order,
        hidden,
        stalls,
    } = drawn(&events);
    let slices = lanes(order.iter().flat_map(|(_, events)| events.iter().copied()));
    let end = events.last().map_or(1.0, |e| e.t_ms).max(1.0);
    let x = |ms: f64| LABEL_PX + ms / end * (WIDTH_PX - LABEL_PX - 10.0);
    let height = (order.len() + 1) as f64 * LANE_PX + 20.0;
    let lang = props.lang;
    html! {
        <figure class="timeline">
            <svg viewBox={format!("0 0 {} {}", px(WIDTH_PX), px(height))} role="img" aria-label={Key::TotalTime.text(lang)}>
                <text x="4" y={px(LANE_PX * 0.7)} class="lane-label">{ LOOP }</text>
                { for stalls.iter().map(|(from, to)| html! {
                    <rect class="stall" x={px(x(*from))} y="3" width={px((x(*to) - x(*from)).max(1.0))} height={px(LANE_PX - 6.0)}>
                        <title>{ format!("{} {} {}", Key::LagLate.text(lang), fixed(to - from, 0), Key::Ms.text(lang)) }</title>
                    </rect>
                }) }
                { for order.iter().enumerate().map(|(index, (task, task_events))| {
                    let y = (index + 1) as f64 * LANE_PX;
                    html! {
                        <g class="lane">
                            <text x="4" y={px(y + LANE_PX * 0.7)} class="lane-label">{ *task }</text>
                            { for slices.get(task).into_iter().flatten().map(|slice| {
                                let (class, label) = match &slice.activity {
                                    Activity::Running => ("running", Key::Resumed.text(lang).to_string()),
                                    Activity::Waiting(wait) => ("waiting", format!("{} {}", Key::WaitingOn.text(lang), wait.detail())),
                                    Activity::Blocked(work, amount) => match slice_rule(*work, *amount).filter(|_| props.lints) {
                                        Some(rule) => ("blocked linted", format!("{} ({})", Key::HoldsLoop.text(lang), rule.name())),
                                        None => ("blocked", Key::HoldsLoop.text(lang).to_string()),
                                    },
                                };
                                html! {
                                    <rect class={class} tabindex="0" style={format!("--task: {}", task_colour(task))}
                                        x={px(x(slice.from_ms))} y={px(y + 3.0)}
                                        width={px((x(slice.to_ms) - x(slice.from_ms)).max(1.5))} height={px(LANE_PX - 6.0)}>
                                        <title>{ slice_title(task_events, task, &label, slice.from_ms, slice.to_ms, lang) }</title>
                                    </rect>
                                }
                            }) }
                        </g>
                    }
                }) }
                <text x={px(WIDTH_PX - 10.0)} y={px(height - 4.0)} class="axis" text-anchor="end">{ format!("{} {}", fixed(end, 0), Key::Ms.text(lang)) }</text>
            </svg>
            if hidden > 0 {
                <figcaption>{ format!("+{hidden} {}", Key::MoreTasks.text(lang)) }</figcaption>
            }
        </figure>
    }
}
