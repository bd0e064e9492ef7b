//! Start, completion and result orders side by side, the totals, and the
//! run against the simulator's prediction, which the worker makes.

use std::rc::Rc;

use yew::prelude::*;

use super::number::fixed;
use super::recording::Recording;
use super::worker_answer::use_worker_answer;

use crate::model::compare::{compare_with, Prediction};
use crate::model::i18n::{Key, Lang};
use crate::model::program::CheckedProgram;
use crate::model::trace::{
    blocked_ms, completion_order, result_order, start_order, sum_of_waits_ms, total_ms,
    worst_lag_ms,
};
use crate::runtime::prediction;

/// Properties of [`Orders`].
#[derive(Properties, PartialEq)]
pub struct OrdersProps {
    pub lang: Lang,
    pub events: Recording,
    /// The program as it is now (`None` while it does not parse): what the
    /// prediction is of.
    pub program: Option<Rc<CheckedProgram>>,
    pub run_scale: f64,
    pub show_prediction: bool,
    pub on_toggle_prediction: Callback<()>,
}

/// The worker's prediction, equal only to itself: memos need not compare
/// its keys.
#[derive(Clone)]
struct Predicted(Rc<Result<Prediction, String>>);

impl PartialEq for Predicted {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// Rows shown per order; a run of thousands of tasks lists the rest as a count.
const MAX_ROWS: usize = 50;

fn column(title: &str, actual: &[&str], predicted: Option<&[&str]>, more: &str) -> Html {
    let hidden = actual.len().saturating_sub(MAX_ROWS);
    html! {
        <div class="order">
            <h4>{ title }</h4>
            <ol>
                { for actual.iter().take(MAX_ROWS).enumerate().map(|(i, task)| {
                    let differs = predicted.is_some_and(|p| p.get(i) != Some(task));
                    html! { <li class={classes!(differs.then_some("differs"))}>{ *task }</li> }
                }) }
            </ol>
            if hidden > 0 { <p class="more">{ format!("+{hidden} {more}") }</p> }
            if let Some(predicted) = predicted {
                <ol class="predicted">{ for predicted.iter().take(MAX_ROWS).map(|task| html! { <li>{ *task }</li> }) }</ol>
            }
        </div>
    }
}

/// The orders, totals and expected-vs-actual findings of a run.
#[function_component]
pub fn Orders(props: &OrdersProps) -> Html {
    let lang = props.lang;
    let t = |key: Key| key.text(lang);
    let answer = use_worker_answer(props.program.clone(), prediction);
    let predicted = answer.clone().map(Predicted);
    let prediction = answer.as_deref().and_then(|answer| answer.as_ref().ok());
    let events = &*props.events.events();
    let (start, completion, results) = (
        start_order(events),
        completion_order(events),
        result_order(events),
    );
    let reveal = props.show_prediction;
    let shown = |order: fn(&Prediction) -> &Vec<String>| -> Option<Vec<&str>> {
        let prediction = prediction.filter(|_| reveal)?;
        Some(order(prediction).iter().map(String::as_str).collect())
    };
    let (start_p, completion_p, results_p) = (
        shown(|p| &p.start),
        shown(|p| &p.completion),
        shown(|p| &p.result),
    );
    let total = total_ms(events);
    let worst_lag = worst_lag_ms(events);
    let costly = use_memo(
        (props.events.clone(), predicted, props.run_scale),
        |(events, predicted, scale)| {
            let events = events.events();
            let comparison = predicted
                .as_ref()
                .and_then(|predicted| predicted.0.as_ref().as_ref().ok())
                .filter(|_| !events.is_empty())
                .map(|prediction| compare_with(&prediction.expected, &events, *scale));
            (sum_of_waits_ms(&events), blocked_ms(&events), comparison)
        },
    );
    let (waits, blocked, comparison) = &*costly;
    let ms = t(Key::Ms);
    let on_toggle = props.on_toggle_prediction.reform(|_| ());
    html! {
        <div class="orders-panel">
            <button class="reveal" onclick={on_toggle} aria-pressed={reveal.to_string()}>
                { if reveal { t(Key::HidePrediction) } else { t(Key::RevealPrediction) } }
            </button>
            <div class="orders">
                { column(t(Key::StartOrder), &start, start_p.as_deref(), t(Key::MoreRows)) }
                { column(t(Key::CompletionOrder), &completion, completion_p.as_deref(), t(Key::MoreRows)) }
                { column(t(Key::ResultOrder), &results, results_p.as_deref(), t(Key::MoreRows)) }
            </div>
            { match answer.as_deref() {
                None if props.program.is_some() => html! { <p class="empty" role="status">{ t(Key::Predicting) }</p> },
                Some(Err(message)) => html! { <p class="error" role="alert">{ message.clone() }</p> },
                _ => Html::default(),
            } }
            if events.is_empty() {
                <p class="empty">{ t(Key::NoOrders) }</p>
            } else {
                <dl class="totals">
                    <dt>{ t(Key::TotalTime) }</dt><dd>{ format!("{} {ms}", fixed(total, 0)) }</dd>
                    <dt>{ t(Key::SumOfWaits) }</dt><dd>{ format!("{} {ms}", fixed(*waits, 0)) }</dd>
                    <dt>{ t(Key::Speedup) }</dt><dd>{ if total > 0.0 { format!("{}×", fixed(waits / total, 1)) } else { "–".into() } }</dd>
                    <dt>{ t(Key::LoopBlocked) }</dt><dd>{ format!("{} {ms}", fixed(*blocked, 0)) }</dd>
                    <dt>{ t(Key::WorstLag) }</dt><dd>{ format!("{worst_lag} {ms}") }</dd>
                </dl>
            }
            if let Some(comparison) = comparison.as_ref() {
                <p class={classes!("finding", (!comparison.same_order()).then_some("differs"))}>
                    { match &comparison.first_difference {
                        None => t(Key::SameOrder).to_string(),
                        Some((at, predicted, actual)) => format!("{} {}: {} “{predicted}”, {} “{actual}”.", t(Key::OrderDiffers), at + 1, t(Key::PredictedWas), t(Key::ActualWas)),
                    } }
                    if comparison.timing_dependent {
                        <br />{ t(Key::TimingDependent) }
                    }
                </p>
            }
        </div>
    }
}
