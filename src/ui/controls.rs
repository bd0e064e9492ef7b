//! Run, Stop, the time scale, and where the run is.

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::number::{fixed, shortest};
use super::state::Status;
use crate::model::i18n::{Key, Lang};

/// Time scales a learner can pick.
pub const SCALES: [f64; 6] = [0.1, 0.25, 0.5, 1.0, 1.5, 2.0];

/// What [`controls`] shows, and what its controls call.
pub struct ControlsProps {
    pub lang: Lang,
    pub status: Status,
    pub can_run: bool,
    /// Python mode: Run runs the Python, which has no time scale.
    pub python: bool,
    pub time_scale: f64,
    pub on_run: Callback<()>,
    pub on_stop: Callback<()>,
    pub on_scale: Callback<f64>,
}

/// The run controls and the status line.
pub fn controls(props: &ControlsProps) -> Html {
    let lang = props.lang;
    let t = |key: Key| key.text(lang);
    let running = props.status == Status::Running;
    let on_scale = {
        let on_scale = props.on_scale.clone();
        Callback::from(move |event: Event| {
            let select: HtmlSelectElement = event.target_unchecked_into();
            let picked = usize::try_from(select.selected_index()).ok();
            if let Some(&scale) = picked.and_then(|index| SCALES.get(index)) {
                on_scale.emit(scale);
            }
        })
    };
    let status = match props.status {
        Status::Idle => t(Key::StatusIdle).to_string(),
        Status::Running => t(Key::StatusRunning).to_string(),
        Status::Finished {
            total_ms,
            failed: false,
        } => format!(
            "{} {} {}",
            t(Key::StatusFinished),
            fixed(total_ms, 0),
            t(Key::Ms)
        ),
        Status::Finished {
            total_ms,
            failed: true,
        } => format!(
            "{} {} {}",
            t(Key::StatusMainFailed),
            fixed(total_ms, 0),
            t(Key::Ms)
        ),
        Status::Stopped => t(Key::StatusStopped).to_string(),
    };
    let on_run = props.on_run.reform(|_| ());
    let on_stop = props.on_stop.reform(|_| ());
    let (run, why) = if props.python {
        (Key::RunAsPython, Key::WritePython)
    } else {
        (Key::Run, Key::RunDisabled)
    };
    html! {
        <div class="controls">
            <button class="run" onclick={on_run} disabled={!props.can_run} aria-describedby="run-why" title={(!props.can_run).then(|| t(why))}>
                { t(run) }
            </button>
            <button class="stop" onclick={on_stop} disabled={!running}>{ t(Key::Stop) }</button>
            if !props.python {
                <label class="scale">
                    { t(Key::TimeScale) }
                    <select onchange={on_scale}>
                        { for SCALES.iter().map(|scale| html! {
                            <option value={shortest(*scale)} selected={*scale == props.time_scale}>{ format!("{}×", shortest(*scale)) }</option>
                        }) }
                    </select>
                </label>
            }
            <output class={classes!("status", matches!(props.status, Status::Finished { failed: true, .. }).then_some("failed"))} aria-live="polite">{ status }</output>
            <span id="run-why" class="why">{ (!props.can_run).then(|| t(why)) }</span>
        </div>
    }
}
