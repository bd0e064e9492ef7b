//! The Orders tab: the run's trace downloads, a button that shows or hides
//! the prediction, and the report the worker makes of the run (orders,
//! totals, the run against the simulator's prediction), kept until a newer
//! one comes.

use yew::prelude::*;

use super::future_effect::Spawned;
use super::trace_downloads::trace_downloads;
use super::worker_answer::use_worker_answer;
use crate::model::i18n::{Key, Lang};
use crate::runtime::Ask;
use crate::views::orders_report::{OrderColumn, OrdersAsk, OrdersReport};

/// Properties of [`Orders`].
#[derive(Properties, PartialEq)]
pub struct OrdersProps {
    pub lang: Lang,
    /// The run's trace (`trace_export::trace_json` as JSON text, with the
    /// program that ran) once the run is over; while it runs, the trace of
    /// no events, so that the worker is not asked at every batch.
    pub trace: AttrValue,
    /// The run recorded events: its trace can be downloaded.
    pub has_events: bool,
    pub show_prediction: bool,
    pub on_toggle_prediction: Callback<()>,
    /// A Python run's prediction, as trace JSON text, once CPython has made
    /// it (the worker simulates a task list's itself).
    pub predicted: Option<AttrValue>,
}

/// The orders, totals and expected-vs-actual findings of a run.
#[function_component]
pub fn Orders(props: &OrdersProps) -> Html {
    let lang = props.lang;
    let t = |key: Key| key.text(lang);
    let failed = use_state(|| None::<String>);
    let writing = use_mut_ref(Spawned::default);
    let request = OrdersAsk {
        lang,
        reveal: props.show_prediction,
        trace: props.trace.to_string(),
        predicted: props.predicted.as_ref().map(ToString::to_string),
    };
    let report = use_worker_answer::<_, OrdersReport>(Ask::Orders, request);
    let downloads = if props.has_events {
        let trace = props.trace.clone();
        trace_downloads(lang, move || trace.to_string(), &failed, &writing)
    } else {
        Html::default()
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
