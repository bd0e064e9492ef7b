//! A timeline chart the worker laid out (`views::timeline::Chart`): its
//! legend, its zoom buttons when it zooms, the time axis, a lane per task
//! with its slices (each with the popover of its events; only the first is
//! in the tab order, the arrow keys go from there) and the slices as a
//! table.

use yew::prelude::*;

use crate::views::timeline::{Chart, Lane};

/// What [`timeline_chart`] shows, and what its controls call.
pub struct TimelineChartProps<'a> {
    pub chart: &'a Chart,
    /// Called with how much a zoom button zooms (0: back to the whole run).
    pub on_zoom: Callback<f64>,
}

/// `tenths` of a percent, as CSS writes a percentage.
fn percent(tenths: i32) -> String {
    format!("{}.{}%", tenths / 10, (tenths % 10).abs())
}

/// The chart.
pub fn timeline_chart(props: &TimelineChartProps) -> Html {
    let chart = props.chart;
    let first = first_slice(chart);
    let zoom = chart.zoom.as_ref().map(|[out, into, fit]| {
        let button = |factor: f64, name: &String, sign: &'static str| {
            let onclick = props.on_zoom.reform(move |_: MouseEvent| factor);
            html! { <button type="button" aria-label={name.clone()} title={name.clone()} {onclick}>{ sign }</button> }
        };
        html! {
            <span class="tl-tools">
                { button(0.5, out, "−") }{ button(2.0, into, "+") }{ button(0.0, fit, "↔") }
            </span>
        }
    });
    let table = &chart.table;
    html! {
        <figure class="timeline" aria-label={chart.name.clone()}>
            if chart.captioned {
                <figcaption>{ &chart.name }</figcaption>
            }
            <div class="tl-head">
                <ul class="tl-legend">
                    { for chart.legend.iter().map(|(kind, word)| html! { <li><i class={kind.class()}></i>{ word }</li> }) }
                </ul>
                { zoom }
            </div>
            <div class="tl-chart">
                <div class="tl-grid" aria-hidden="true">
                    { for chart.ticks.iter().map(|tick| html! {
                        <span style={format!("left:{}", percent(tick.at))}><b>{ &tick.label }</b></span>
                    }) }
                    <i class="tl-cursor"></i>
                </div>
                { for chart.lanes.iter().enumerate().map(|(at, lane)| lane_view(lane, first == Some(at))) }
            </div>
            if let Some(more) = &chart.more_tasks {
                <p class="more">{ more }</p>
            }
            <details class="tl-table">
                <summary>{ &table.summary }</summary>
                <table>
                    <thead><tr><th scope="col">{ &table.heads[0] }</th><th scope="col">{ &table.heads[1] }</th></tr></thead>
                    <tbody>
                        { for table.rows.iter().map(|(what, events)| html! { <tr><td>{ what }</td><td>{ events }</td></tr> }) }
                    </tbody>
                </table>
                if let Some(more) = &table.more {
                    <p class="more">{ more }</p>
                }
            </details>
        </figure>
    }
}

/// The lane whose first slice is the chart's first, in the tab order.
fn first_slice(chart: &Chart) -> Option<usize> {
    chart.lanes.iter().position(|lane| !lane.slices.is_empty())
}

/// A lane and its slices; `first` when its first slice is in the tab order.
fn lane_view(lane: &Lane, first: bool) -> Html {
    let colour = lane
        .colour
        .as_ref()
        .map(|colour| format!("--task:{colour};"))
        .unwrap_or_default();
    let slices = lane.slices.iter().enumerate().map(|(at, slice)| {
        let style = format!(
            "{colour}left:{};width:{}",
            percent(slice.left),
            percent(slice.width)
        );
        let tabindex = if first && at == 0 { "0" } else { "-1" };
        let class = slice.kind.class();
        html! {
            <span {class} role="img" {tabindex} aria-label={slice.said.clone()} {style}>
                <span class="tl-pop" aria-hidden="true">{ &slice.said }</span>
            </span>
        }
    });
    html! {
        <div class="tl-lane">
            <span class="tl-label">{ &lane.name }</span>
            <div class="tl-track">{ for slices }</div>
        </div>
    }
}
