//! The Orders tab: the run's trace downloads, a button that shows or hides
//! the prediction, and the report the worker makes of the run (orders,
//! totals, the run against the simulator's prediction), kept until a newer
//! one comes.

use yew::prelude::*;

use super::future_effect::Spawned;
use super::python_prediction::use_python_prediction;
use super::recording::Recording;
use super::trace_downloads::trace_downloads;
use super::worker_answer::use_worker_answer;
use crate::model::i18n::{Key, Lang};
use crate::model::trace_export::trace_json;
use crate::runtime::Ask;
use crate::views::orders_report::{OrderColumn, OrdersAsk, OrdersReport};

/// Properties of [`Orders`].
#[derive(Properties, PartialEq)]
pub struct OrdersProps {
    pub lang: Lang,
    pub events: Recording,
    /// The text of the program that ran, which its trace carries (the
    /// worker predicts what it does).
    pub source: AttrValue,
    pub run_scale: f64,
    /// No run is going on: the report is asked for the run's events only
    /// then, not at every batch of a run (each would be a whole trace for
    /// the worker to read and compare).
    pub settled: bool,
    pub show_prediction: bool,
    pub on_toggle_prediction: Callback<()>,
    /// The run was of Python ([`OrdersProps::source`] is the Python): its
    /// prediction comes from CPython on the virtual clock, not the simulator.
    pub python: bool,
}

/// The orders, totals and expected-vs-actual findings of a run.
#[function_component]
pub fn Orders(props: &OrdersProps) -> Html {
    let lang = props.lang;
    let t = |key: Key| key.text(lang);
    let failed = use_state(|| None::<String>);
    let writing = use_mut_ref(Spawned::default);
    // A Python program's prediction, as trace JSON text, once asked for.
    let wanted = (props.python && props.show_prediction).then(|| props.source.clone());
    let prediction = use_python_prediction(wanted);
    let predicted = (*prediction).clone().and_then(Result::ok);
    // The report is asked for once the run is over, not at every batch.
    let request = use_memo(
        (
            props.settled.then(|| props.events.clone()),
            props.source.clone(),
            props.run_scale,
            props.show_prediction,
            lang,
            predicted,
        ),
        |(events, source, scale, reveal, lang, predicted)| {
            let events = events.as_ref().map(|events| events.events());
            let trace = trace_json(source, *scale, events.as_deref().unwrap_or_default());
            OrdersAsk {
                lang: *lang,
                reveal: *reveal,
                trace: trace.text(),
                predicted: predicted.as_ref().map(ToString::to_string),
            }
        },
    );
    let report = use_worker_answer::<_, OrdersReport>(Ask::Orders, (*request).clone());
    let downloads = if props.events.is_empty() {
        Html::default()
    } else {
        let (source, scale, events) = (props.source.clone(), props.run_scale, props.events.clone());
        let trace = move || trace_json(&source, scale, &events.events()).text();
        trace_downloads(lang, trace, &failed, &writing)
    };
    let reveal = props.show_prediction;
    let on_toggle = props.on_toggle_prediction.reform(|_| ());
    html! { <>
        { downloads }
        <div class="orders-panel">
            <button class="reveal" onclick={on_toggle} aria-pressed={reveal.to_string()}>
                { if reveal { t(Key::HidePrediction) } else { t(Key::RevealPrediction) } }
            </button>
            { match report {
                Some(Ok(report)) => report_view(&report),
                Some(Err(message)) => html! { <p class="error" role="alert">{ message }</p> },
                None => html! { <p class="empty" role="status">{ t(Key::Predicting) }</p> },
            } }
        </div>
    </> }
}

/// The report: the orders side by side, the totals and the finding.
fn report_view(report: &OrdersReport) -> Html {
    html! {
        <div class="report">
            <div class="orders">{ for report.columns.iter().map(column) }</div>
            if let Some(empty) = &report.empty {
                <p class="empty">{ empty }</p>
            }
            if !report.totals.is_empty() {
                <dl class="totals">
                    { for report.totals.iter().map(|(term, value)| html! { <><dt>{ term }</dt><dd>{ value }</dd></> }) }
                </dl>
            }
            if let Some(finding) = &report.finding {
                <p class={classes!("finding", finding.differs.then_some("differs"))}>
                    { &finding.said }
                    if let Some(timing) = &finding.timing_dependent {
                        <br />{ timing }
                    }
                </p>
            }
        </div>
    }
}

/// One order's column.
fn column(column: &OrderColumn) -> Html {
    html! {
        <div class="order">
            <h3>{ &column.title }</h3>
            <ol>
                { for column.rows.iter().map(|(task, differs)| html! {
                    <li class={differs.then_some("differs")}>{ task }</li>
                }) }
            </ol>
            if let Some(more) = &column.more {
                <p class="more">{ more }</p>
            }
            if let Some(predicted) = &column.predicted {
                <ol class="predicted">{ for predicted.iter().map(|task| html! { <li>{ task }</li> }) }</ol>
            }
        </div>
    }
}
