//! The Compare tab: the pinned runs and the latest side by side, as the
//! worker compares them (`views::comparison`) — their totals with the
//! ratio, their timelines on one axis, their orders with the differences
//! marked — and a button to unpin each pinned run.

use std::rc::Rc;

use yew::prelude::*;

use super::chart::{timeline_chart, TimelineChartProps};
use super::worker_answer::use_worker_answer;
use crate::model::i18n::{Key, Lang};
use crate::runtime::Ask;
use crate::views::comparison::{Comparison, ComparisonAsk, OrderSet, RunRow};

/// Properties of [`Compare`].
#[derive(Properties, PartialEq)]
pub struct CompareProps {
    pub lang: Lang,
    /// The pinned runs' traces, then the latest run's (JSON text).
    pub traces: Vec<AttrValue>,
    pub pinned: usize,
    /// Called with the place of the pinned run to let go of.
    pub on_unpin: Callback<usize>,
}

/// The Compare tab.
#[function_component]
pub fn Compare(props: &CompareProps) -> Html {
    let asked = ComparisonAsk {
        lang: props.lang,
        pinned: props.pinned,
        traces: props.traces.iter().map(ToString::to_string).collect(),
    };
    match use_worker_answer::<_, Comparison>(Ask::Comparison, asked) {
        Some(Ok(shown)) => comparison_view(&shown, &props.on_unpin),
        Some(Err(message)) => html! { <p class="error" role="alert">{ message }</p> },
        None => html! { <p class="empty" role="status">{ Key::Loading.text(props.lang) }</p> },
    }
}

/// The comparison, or what to do first.
fn comparison_view(shown: &Rc<Comparison>, on_unpin: &Callback<usize>) -> Html {
    let unpin = |at: usize, row: &RunRow| {
        row.pinned.then(|| {
            let onclick = on_unpin.reform(move |_: MouseEvent| at);
            let label = format!("{} {}", shown.unpin, row.name);
            html! { <>{ " " }<button class="unpin" aria-label={label} {onclick}>{ "×" }</button></> }
        })
    };
    if let Some(hint) = &shown.hint {
        return html! { <>
            <p class="empty">{ hint }</p>
            { for shown.runs.iter().enumerate().map(|(at, row)| html! {
                <p class="pins">{ &row.name }{ unpin(at, row) }</p>
            }) }
        </> };
    }
    let [run, total, against] = &shown.heads;
    html! {
        <div class="comparison">
            <p class="ratio">{ &shown.said }</p>
            <table class="totals">
                <thead><tr><th scope="col">{ run }</th><th scope="col">{ total }</th><th scope="col">{ against }</th></tr></thead>
                <tbody>
                    { for shown.runs.iter().enumerate().map(|(at, row)| html! {
                        <tr><th scope="row">{ &row.name }{ unpin(at, row) }</th><td>{ &row.total }</td><td>{ &row.against }</td></tr>
                    }) }
                </tbody>
            </table>
            <h3>{ &shown.axis }</h3>
            { for shown.charts.iter().map(|chart| timeline_chart(&TimelineChartProps { chart, on_zoom: Callback::noop() })) }
            { for shown.orders.iter().map(order_set) }
        </div>
    }
}

/// One order of every run, side by side.
fn order_set(set: &OrderSet) -> Html {
    html! { <>
        <h3>
            { &set.title }
            if let Some(same) = &set.same {
                { " " }<small>{ format!("({same})") }</small>
            }
        </h3>
        <div class="orders">
            { for set.columns.iter().map(|column| html! {
                <div class="order">
                    <h4>{ &column.name }</h4>
                    <ol>
                        { for column.rows.iter().map(|(task, differs)| match differs {
                            Some(said) => html! {
                                <li class="differs" title={said.clone()}><span class="sr-only">{ format!("{said}: ") }</span>{ format!("≠ {task}") }</li>
                            },
                            None => html! { <li>{ task }</li> },
                        }) }
                    </ol>
                    if let Some(more) = &column.more {
                        <p class="more">{ more }</p>
                    }
                </div>
            }) }
        </div>
    </> }
}
