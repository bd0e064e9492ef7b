//! Replay: step through a run's events, or the simulator's prediction: the
//! buttons, keys and slider that choose the step, the worker's line about
//! what the loop is doing there, and the timeline's cursor at it.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::future_effect::use_future_effect;
use super::number::fixed;
use super::recording::Recording;
use crate::model::i18n::{Key, Lang};
use crate::model::trace::Event;
use crate::runtime::{typed_answer, Ask};
use crate::views::replay::{previous_where, step_to, ways, LineAsk, ReplayLine};
use crate::views::timeline::x_percent;

/// Properties of [`Replay`].
#[derive(Properties, PartialEq)]
pub struct ReplayProps {
    pub lang: Lang,
    /// The run's events, or the prediction's; none before a run.
    pub events: Recording,
    pub step: Option<usize>,
    /// The task the log follows: the steps go through its events only.
    pub filter: Option<AttrValue>,
    /// The events are the simulator's prediction, not a run.
    pub predicted: bool,
    /// The time scale of the run shown.
    pub time_scale: f64,
    /// The run's trace as JSON text, which the worker steps through (empty
    /// until a step is chosen).
    pub trace: AttrValue,
    pub on_step: Callback<Option<usize>>,
    pub on_pin: Callback<()>,
}

/// The replay's buttons, slider and line about the loop; before a run, the
/// button that steps through the prediction (it hands the focus to Next).
#[function_component]
pub fn Replay(props: &ReplayProps) -> Html {
    let next = use_node_ref();
    let started_here = use_mut_ref(|| false);
    {
        let (next, started_here) = (next.clone(), started_here.clone());
        use_effect_with(props.events.is_empty(), move |empty| {
            if !*empty && std::mem::take(&mut *started_here.borrow_mut()) {
                if let Some(next) = next.cast::<web_sys::HtmlElement>() {
                    let _ = next.focus();
                }
            }
        });
    }
    let t = |key: Key| key.text(props.lang);
    let events = props.events.events();
    if events.is_empty() {
        let on_start = {
            let on_step = props.on_step.clone();
            Callback::from(move |_: MouseEvent| {
                *started_here.borrow_mut() = true;
                on_step.emit(Some(0));
            })
        };
        return html! {
            <div class="replay-panel">
                <div class="replay"><button onclick={on_start}>{ t(Key::ReplayFromPrediction) }</button></div>
                <p class="loop-now" aria-live="polite"></p>
            </div>
        };
    }
    let filter = props.filter.as_deref();
    let can = ways(&events, props.step, filter);
    let go = |to: &'static str, able: bool| {
        let (on_step, recording, step) = (props.on_step.clone(), props.events.clone(), props.step);
        let filter = props.filter.clone();
        Callback::from(move |_: MouseEvent| {
            if able {
                on_step.emit(step_to(to, &recording.events(), step, filter.as_deref()));
            }
        })
    };
    let disabled = |able: bool| (!able).then_some("true");
    let end = events.last().map_or(0.0, |e| e.t_ms);
    let now = props
        .step
        .and_then(|step| events.get(step))
        .map_or(end, |e| e.t_ms);
    html! {
        <div class="replay-panel" onkeydown={on_key(props)}>
            <div class="replay" role="group" aria-label={t(Key::Replay)} title={t(Key::ReplayKeys)}>
                <button aria-disabled={disabled(can.back)} onclick={go("back", can.back)}>{ t(Key::ReplayBack) }</button>
                <button ref={next} aria-disabled={disabled(can.next)} onclick={go("next", can.next)}>{ t(Key::ReplayNext) }</button>
                <button aria-disabled={disabled(can.print)} onclick={go("print", can.print)}>{ t(Key::ReplayNextPrint) }</button>
                if !props.predicted {
                    <button class="pin" onclick={props.on_pin.reform(|_: MouseEvent| ())}>{ t(Key::Pin) }</button>
                }
                if props.predicted {
                    <p class="replay-note">{ t(Key::ReplayPredicted) }</p>
                }
                if let Some(task) = filter {
                    <p class="replay-note">{ t(Key::ReplayFollows).replace("{}", task) }</p>
                }
            </div>
            <input class="replay-time" type="range" aria-label={t(Key::ReplayTime)} min="0" max={fixed(end, 1)} step="any"
                value={fixed(now, 1)} oninput={on_slide(props)} />
            <p class="loop-now" aria-live="polite">
                if let Some(step) = props.step {
                    <LoopNow lang={props.lang} step={step} time_scale={props.time_scale} trace={props.trace.clone()} />
                }
            </p>
        </div>
    }
}

/// What a replay key pressed in the panel does (not while typing in its
/// slider): the step it goes to (`views::replay` says which key goes where).
fn on_key(props: &ReplayProps) -> Callback<KeyboardEvent> {
    let (on_step, recording, step) = (props.on_step.clone(), props.events.clone(), props.step);
    let filter = props.filter.clone();
    Callback::from(move |event: KeyboardEvent| {
        if event.target_dyn_into::<HtmlInputElement>().is_some() {
            return;
        }
        if let Some(to) = step_to(&event.key(), &recording.events(), step, filter.as_deref()) {
            event.prevent_default();
            on_step.emit(Some(to));
        }
    })
}

/// What moving the slider over the run's time does: the step at the last
/// event (of the followed task) at or before the time it is moved to.
fn on_slide(props: &ReplayProps) -> Callback<InputEvent> {
    let (on_step, recording, filter) = (
        props.on_step.clone(),
        props.events.clone(),
        props.filter.clone(),
    );
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
}

/// Properties of [`LoopNow`].
#[derive(Properties, PartialEq)]
struct LoopNowProps {
    lang: Lang,
    step: usize,
    time_scale: f64,
    trace: AttrValue,
}

/// The worker's line at a step: where it is, what happened, what the loop
/// is doing (the last line stays until the next one comes).
#[function_component]
fn LoopNow(props: &LoopNowProps) -> Html {
    let line = use_state(|| None::<Result<ReplayLine, String>>);
    {
        let line = line.clone();
        let asked = (
            props.lang,
            props.step,
            props.time_scale,
            props.trace.clone(),
        );
        use_future_effect(asked, move |(lang, step, time_scale, trace)| {
            if trace.is_empty() {
                return None;
            }
            let asked = LineAsk {
                lang: *lang,
                step: *step,
                time_scale: *time_scale,
                trace: trace.to_string(),
            };
            let answer = typed_answer::<ReplayLine>(Ask::ReplayLine, &asked);
            Some(async move { line.set(Some(answer.await)) })
        });
    }
    match &*line {
        Some(Ok(line)) => html! { <>
            <span class="replay-position">{ line.position.clone() }</span>{ " " }
            <strong>{ line.happened.clone() }</strong>{ " " }{ line.loop_now.clone() }
        </> },
        Some(Err(message)) => html! { <span class="error" role="alert">{ message.clone() }</span> },
        None => Html::default(),
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
