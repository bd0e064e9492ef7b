//! Start, completion and result orders side by side, the totals, and the
//! run against the simulator's prediction.

use std::rc::Rc;

use yew::prelude::*;

use super::number::fixed;
use super::recording::Recording;

use crate::model::compare::compare;
use crate::model::i18n::{Key, Lang};
use crate::model::trace::{
    blocked_ms, completion_order, result_order, start_order, sum_of_waits_ms, total_ms,
    worst_lag_ms, Event,
};

/// Properties of [`Orders`].
#[derive(Properties, PartialEq)]
pub struct OrdersProps {
    pub lang: Lang,
    pub events: Recording,
    pub predicted: Rc<Vec<Event>>,
    pub run_scale: f64,
    pub show_prediction: bool,
    pub on_toggle_prediction: Callback<()>,
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
            { predicted.map(|predicted| html! {
                <ol class="predicted">{ for predicted.iter().take(MAX_ROWS).map(|task| html! { <li>{ *task }</li> }) }</ol>
            }) }
        </div>
    }
}

/// The orders, totals and expected-vs-actual findings of a run.
#[function_component]
pub fn Orders(props: &OrdersProps) -> Html {
    let lang = props.lang;
    let t = |key: Key| key.text(lang);
    let events = &*props.events.events();
    let predicted = &props.predicted;
    let shown = |view: fn(&[Event]) -> Vec<&str>| -> (Vec<&str>, Vec<&str>) {
        (view(events), view(predicted))
    };
    let (start, start_p) = shown(start_order);
    let (completion, completion_p) = shown(completion_order);
    let (results, results_p) = shown(result_order);
    let reveal = props.show_prediction;
    let total = total_ms(events);
    let worst_lag = worst_lag_ms(events);
    let costly = use_memo(
        (
            props.events.clone(),
            props.predicted.clone(),
            props.run_scale,
        ),
        |(events, predicted, scale)| {
            let events = events.events();
            let comparison = (!events.is_empty()).then(|| compare(predicted, &events, *scale));
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
                { column(t(Key::StartOrder), &start, reveal.then_some(&start_p[..]), t(Key::MoreRows)) }
                { column(t(Key::CompletionOrder), &completion, reveal.then_some(&completion_p[..]), t(Key::MoreRows)) }
                { column(t(Key::ResultOrder), &results, reveal.then_some(&results_p[..]), t(Key::MoreRows)) }
            </div>
            <dl class="totals">
                <dt>{ t(Key::TotalTime) }</dt><dd>{ format!("{} {ms}", fixed(total, 0)) }</dd>
                <dt>{ t(Key::SumOfWaits) }</dt><dd>{ format!("{} {ms}", fixed(*waits, 0)) }</dd>
                <dt>{ t(Key::Speedup) }</dt><dd>{ if total > 0.0 { format!("{}×", fixed(waits / total, 1)) } else { "–".into() } }</dd>
                <dt>{ t(Key::LoopBlocked) }</dt><dd>{ format!("{} {ms}", fixed(*blocked, 0)) }</dd>
                <dt>{ t(Key::WorstLag) }</dt><dd>{ format!("{worst_lag} {ms}") }</dd>
            </dl>
            { comparison.as_ref().map(|comparison| html! {
                <p class={classes!("finding", (!comparison.same_order()).then_some("differs"))}>
                    { match &comparison.first_difference {
                        None => t(Key::SameOrder).to_string(),
                        Some((at, predicted, actual)) => format!("{} {}: {} “{predicted}”, {} “{actual}”.", t(Key::OrderDiffers), at + 1, t(Key::PredictedWas), t(Key::ActualWas)),
                    } }
                    { comparison.timing_dependent.then(|| html! { <><br />{ t(Key::TimingDependent) }</> }) }
                </p>
            }) }
        </div>
    }
}
