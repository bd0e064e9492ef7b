//! Replay: step through a run's events, or the simulator's prediction. The
//! worker writes the buttons and the line saying what the loop is doing
//! (`model::replay`); the page finds where each press, key or the slider
//! over time goes, and marks the step on the timeline with a cursor.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::number::fixed;
use super::quiz::closest;
use super::recording::Recording;
use super::worker_html::WorkerHtml;
use crate::model::i18n::{Key, Lang};
use crate::model::replay::{previous_where, step_to};
use crate::model::timeline::x_percent;
use crate::model::trace::Event;
use crate::runtime::Ask;

/// What the replay shows.
pub struct ReplayOf<'a> {
    pub lang: Lang,
    pub events: &'a Recording,
    pub step: Option<usize>,
    /// The task the log follows: the steps go through its events only.
    pub filter: Option<&'a str>,
    /// The events are the simulator's prediction, not a run.
    pub predicted: bool,
    /// The time scale of the run shown.
    pub time_scale: f64,
    /// The run's trace as JSON text, which the worker steps through (empty
    /// until a step is chosen).
    pub trace: AttrValue,
}

impl ReplayOf<'_> {
    /// The worker's request for `part` (`start`, `controls` or `line`),
    /// as `model::replay::ReplayAsk` reads it.
    fn request(&self, part: &str) -> AttrValue {
        let step = self.step.map(|step| step.to_string()).unwrap_or_default();
        let predicted = if self.predicted { "1" } else { "" };
        format!(
            "{}\n{part}\n{step}\n{}\n{predicted}\n{}\n{}",
            self.lang.code(),
            fixed(self.time_scale, 2),
            self.filter.unwrap_or_default(),
            self.trace
        )
        .into()
    }
}

/// Where a press of a button (its `data-go`) or a key takes the replay
/// from `step`, among the events of the task `filter` (all without); keys
/// typed in the slider are the slider's.
fn step_after(
    event: &web_sys::Event,
    key: Option<String>,
    events: &[Event],
    step: Option<usize>,
    filter: Option<&str>,
) -> Option<usize> {
    let go = match key {
        Some(_) if closest(event, "input").is_some() => return None,
        Some(key) => key,
        None => closest(event, "[data-go]")?.get_attribute("data-go")?,
    };
    match go.as_str() {
        // Before a run: the prediction, from its first event.
        "predict" => Some(0),
        go => step_to(go, events, step, filter),
    }
}

/// The replay's controls, slider and line about the loop.
pub fn replay(of: ReplayOf, on_step: Callback<Option<usize>>, on_pin: Callback<()>) -> Html {
    let on_press = {
        let on_step = on_step.clone();
        let (recording, step, filter) = (of.events.clone(), of.step, of.filter.map(str::to_string));
        Callback::from(move |(event, key): (web_sys::Event, Option<String>)| {
            if key.is_none() && closest(&event, "[data-pin]").is_some() {
                on_pin.emit(());
            } else if let Some(to) = step_after(
                &event,
                key.clone(),
                &recording.events(),
                step,
                filter.as_deref(),
            ) {
                if key.is_some() {
                    event.prevent_default();
                }
                on_step.emit(Some(to));
            }
        })
    };
    let on_click = on_press.reform(|event: MouseEvent| (event.into(), None));
    let on_key = on_press.reform(|event: KeyboardEvent| {
        let key = event.key();
        (event.into(), Some(key))
    });
    let on_slide = {
        let (recording, filter) = (of.events.clone(), of.filter.map(str::to_string));
        Callback::from(move |event: InputEvent| {
            let ms = event
                .target_unchecked_into::<HtmlInputElement>()
                .value_as_number();
            let events = recording.events();
            // The slider's values are tenths of a ms: its end is the last event's time, rounded.
            let until = events.partition_point(|e| e.t_ms <= ms + 0.05);
            let wanted = |e: &Event| filter.as_deref().is_none_or(|task| *e.task == *task);
            on_step.emit(previous_where(&events, Some(until), &wanted).or(Some(0)));
        })
    };
    let events = of.events.events();
    let end = events.last().map_or(0.0, |e| e.t_ms);
    let now = of
        .step
        .and_then(|step| events.get(step))
        .map_or(end, |e| e.t_ms);
    html! {
        <div class="replay-panel" onclick={on_click} onkeydown={on_key}>
            // Before a run the worker's controls offer the prediction instead.
            <WorkerHtml lang={of.lang} ask={Ask::Replay} request={of.request(if events.is_empty() { "start" } else { "controls" })} />
            if !events.is_empty() {
                <input class="replay-time" type="range" aria-label={Key::ReplayTime.text(of.lang)} min="0" max={fixed(end, 1)} step="any"
                    value={fixed(now, 1)} oninput={on_slide} />
            }
            <p class="loop-now" aria-live="polite">
                if of.step.is_some() {
                    <WorkerHtml lang={of.lang} ask={Ask::Replay} request={of.request("line")} />
                }
            </p>
        </div>
    }
}

/// The replay's cursor on the timeline, at the time of event `step`: the
/// style that places it (the chart draws it where `--at` says, in %).
pub fn cursor(events: &Recording, step: Option<usize>) -> Option<String> {
    let events = events.events();
    let (event, last) = (events.get(step?)?, events.last()?);
    Some(format!(
        "--at:{}",
        fixed(x_percent(event.t_ms, last.t_ms), 2)
    ))
}
