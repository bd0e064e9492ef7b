//! The timeline: the worker lays out the chart of the run so far
//! (`views::timeline`), sent the run's events a batch at a time, and this
//! component draws it (`ui::chart`) in a view the learner zooms (its
//! buttons, + and −, Ctrl+wheel or a trackpad's pinch) and pans (scrolling,
//! or the arrow keys going from slice to slice).

use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, KeyboardEvent, WheelEvent};
use yew::prelude::*;

use super::chart::{timeline_chart, TimelineChartProps};
use super::future_effect::use_future_effect;
use super::number::fixed;
use super::recording::Recording;
use crate::model::i18n::Lang;
use crate::model::trace_export::trace_json;
use crate::runtime::{typed_answer, Ask};
use crate::views::timeline::{Chart, TimelineAsk, TimelineDrawn, RESEND};

/// The widest zoom: the chart this many times the view's width.
const MAX_ZOOM: f64 = 64.0;
/// Properties of [`Timeline`].
#[derive(Properties, PartialEq)]
pub struct TimelineProps {
    pub lang: Lang,
    pub events: Recording,
    /// Slices that a teaching lint is about are marked (`?lints=0` turns
    /// the marks off with the lints).
    pub lints: bool,
    /// The run has ended: a screen reader hears its summary.
    pub finished: bool,
}

/// What the page asks the worker to draw: the run's events so far, how,
/// and whether the run has ended (a screen reader then hears its summary).
#[derive(Clone, Default, PartialEq)]
struct Drawn {
    events: Recording,
    lang: Option<Lang>,
    lints: bool,
    ended: bool,
}

/// What the worker was last asked to draw, and holds.
#[derive(Default)]
struct Sent {
    asked: Drawn,
    /// The run's number (each run gets the next).
    run: u32,
    /// A request is on its way: the next waits for its answer.
    waiting: bool,
}

/// The worker's request to draw `asked`, sending only the events it does
/// not hold yet; marks them as sent.
fn next_request(sent: &mut Sent, asked: Drawn) -> TimelineAsk {
    let from = if asked.events.follows(&sent.asked.events) {
        sent.asked.events.len()
    } else {
        sent.run += 1;
        0
    };
    let request = TimelineAsk {
        lang: asked.lang.unwrap_or(Lang::En),
        lints: asked.lints,
        ended: asked.ended,
        run: sent.run,
        from,
        events: trace_json("", 1.0, &asked.events.events()[from..]).text(),
    };
    *sent = Sent {
        asked,
        run: sent.run,
        waiting: true,
    };
    request
}

/// The slice the arrow `key` goes to from `slice`: the next or previous in
/// its lane, the lane's first or last (Home, End), or the one nearest in
/// time in the lane above or below.
fn slice_beside(slice: &Element, key: &str) -> Option<Element> {
    let track = slice
        .parent_element()
        .filter(|track| track.class_name() == "tl-track")?;
    match key {
        "ArrowRight" => slice.next_element_sibling(),
        "ArrowLeft" => slice.previous_element_sibling(),
        "Home" => track.first_element_child(),
        "End" => track.last_element_child(),
        "ArrowUp" | "ArrowDown" => {
            let x = slice.get_bounding_client_rect().left();
            let mut lane = track.parent_element()?;
            loop {
                lane = if key == "ArrowUp" {
                    lane.previous_element_sibling()?
                } else {
                    lane.next_element_sibling()?
                };
                if lane.class_name() != "tl-lane" {
                    return None;
                }
                let mut nearest = lane.last_element_child()?.first_element_child();
                while let Some(next) = nearest
                    .as_ref()
                    .and_then(Element::next_element_sibling)
                    .filter(|next| next.get_bounding_client_rect().left() <= x)
                {
                    nearest = Some(next);
                }
                if nearest.is_some() {
                    return nearest;
                }
            }
        }
        _ => None,
    }
}

/// Moves the chart's one tab stop to `next` and focuses it (which scrolls
/// it into view).
fn move_focus(from: &Element, next: Element) {
    // A slice's tabindex is an attribute: setting it cannot fail.
    let _ = from.set_attribute("tabindex", "-1");
    let _ = next.set_attribute("tabindex", "0");
    let _ = next.unchecked_into::<HtmlElement>().focus();
}

/// How much a zoom key zooms (its buttons zoom as much):
/// in, out, or back to the whole run (0).
fn zoom_factor(key: &str) -> Option<f64> {
    match key {
        "+" | "=" => Some(2.0),
        "-" => Some(0.5),
        "0" => Some(0.0),
        _ => None,
    }
}

/// Zooms the chart in `view` by `factor` (back to the whole run for 0),
/// keeping the place `x` px from the view's left edge (its middle without)
/// where it is once the chart has been drawn at the new width.
type ZoomBy = Callback<(Element, f64, Option<f64>)>;

/// What the worker laid out of the run so far, or why it could not.
type Laid = Option<Result<Rc<Chart>, String>>;

/// What the worker drew of the run so far (its error if it could not),
/// and what a screen reader is told of it: the news of the events as they
/// come, a few at a time, then the run's summary once it has ended.
/// Sends the worker each event once, and asks again only when the last
/// answer has come.
#[hook]
fn use_drawn(props: &TimelineProps) -> (Laid, AttrValue) {
    let drawn = use_state(|| None::<Result<Rc<Chart>, String>>);
    let said = use_state(AttrValue::default);
    let asks = use_state(|| 0_u32);
    let sent = use_mut_ref(Sent::default);
    let asked = Drawn {
        events: props.events.clone(),
        lang: Some(props.lang),
        lints: props.lints,
        ended: props.finished,
    };
    let latest = use_mut_ref(Drawn::default);
    *latest.borrow_mut() = asked.clone();
    {
        let (asks, sent, drawn, said) = (asks.clone(), sent.clone(), drawn.clone(), said.clone());
        use_effect_with(asked, move |asked| {
            if asked.events.is_empty() {
                drawn.set(None);
                said.set(AttrValue::default());
            } else if !sent.borrow().waiting {
                asks.set(*asks + 1);
            }
        });
    }
    {
        let (drawn, said) = (drawn.clone(), said.clone());
        use_future_effect(*asks, move |_| {
            let asked = latest.borrow().clone();
            if asked.events.is_empty() {
                return None;
            }
            let request = next_request(&mut sent.borrow_mut(), asked);
            Some(async move {
                let answer = typed_answer::<TimelineDrawn>(Ask::Timeline, &request).await;
                let lost = matches!(&answer, Err(message) if message == RESEND);
                let again = {
                    let mut sent = sent.borrow_mut();
                    sent.waiting = false;
                    if lost {
                        sent.asked.events = Recording::default();
                    }
                    let latest = latest.borrow();
                    !latest.events.is_empty() && *latest != sent.asked
                };
                match answer {
                    Ok(TimelineDrawn { chart, said: told }) => {
                        drawn.set(Some(Ok(Rc::new(chart))));
                        if !told.is_empty() {
                            said.set(told.into());
                        }
                    }
                    Err(_) if lost => {}
                    Err(message) => drawn.set(Some(Err(message))),
                }
                if again {
                    asks.set(*asks + 1);
                }
            })
        });
    }
    ((*drawn).clone(), (*said).clone())
}

/// The chart of the run so far, in a view that zooms and pans, and what a
/// screen reader hears of the run.
#[function_component]
pub fn Timeline(props: &TimelineProps) -> Html {
    let (drawn, said) = use_drawn(props);
    let zoom = use_state_eq(|| 1.0_f64);
    // Where to keep in place when the zoom changes: the view, the share of
    // the chart's width at `x` px from its left edge, and `x`.
    let anchor = use_mut_ref(|| None::<(Element, f64, f64)>);
    {
        let anchor = anchor.clone();
        use_effect_with(*zoom, move |_| {
            if let Some((view, share, x)) = anchor.take() {
                view.set_scroll_left((share * f64::from(view.scroll_width()) - x) as i32);
            }
        });
    }
    let zoom_by: ZoomBy = {
        let zoom = zoom.clone();
        Callback::from(move |(view, factor, x): (Element, f64, Option<f64>)| {
            let x = x.unwrap_or(f64::from(view.client_width()) / 2.0);
            let share = (f64::from(view.scroll_left()) + x) / f64::from(view.scroll_width().max(1));
            *anchor.borrow_mut() = Some((view, share, x));
            zoom.set((*zoom * factor).clamp(1.0, MAX_ZOOM));
        })
    };
    let chart = match (drawn, props.events.is_empty()) {
        (Some(Ok(chart)), false) => html! { <ChartView {chart} zoom={*zoom} {zoom_by} /> },
        (Some(Err(message)), false) => html! { <p class="error" role="alert">{ message }</p> },
        _ => Html::default(),
    };
    html! { <>
        { chart }
        <p class="sr-only" aria-live="polite">{ said }</p>
    </> }
}

/// Properties of [`ChartView`].
#[derive(Properties, PartialEq)]
struct ChartViewProps {
    chart: Rc<Chart>,
    zoom: f64,
    zoom_by: ZoomBy,
}

/// The chart the worker laid out, at `zoom`, with its keys, buttons and
/// wheel.
#[function_component]
fn ChartView(props: &ChartViewProps) -> Html {
    let scroll = use_node_ref();
    let zoom_by = props.zoom_by.clone();
    let on_zoom = {
        let (zoom_by, scroll) = (zoom_by.clone(), scroll.clone());
        Callback::from(move |factor: f64| {
            if let Some(view) = scroll.cast::<Element>() {
                zoom_by.emit((view, factor, None));
            }
        })
    };
    let on_key = {
        let on_zoom = on_zoom.clone();
        Callback::from(move |event: KeyboardEvent| {
            let key = event.key();
            let target: Element = event.target_unchecked_into();
            let Some(factor) = zoom_factor(&key) else {
                if let Some(next) = slice_beside(&target, &key) {
                    move_focus(&target, next);
                    event.prevent_default();
                }
                return;
            };
            event.prevent_default();
            on_zoom.emit(factor);
        })
    };
    let on_wheel = Callback::from(move |event: WheelEvent| {
        let view = event
            .current_target()
            .and_then(|v| v.dyn_into::<Element>().ok());
        if let (true, Some(view)) = (event.ctrl_key(), view) {
            event.prevent_default();
            let x = f64::from(event.client_x()) - view.get_bounding_client_rect().left();
            let factor = if event.delta_y() < 0.0 { 1.25 } else { 0.8 };
            zoom_by.emit((view, factor, Some(x)));
        }
    });
    html! {
        <div class="tl-scroll" ref={scroll} style={format!("--zoom:{}", fixed(props.zoom, 3))} onkeydown={on_key} onwheel={on_wheel}>
            { timeline_chart(&TimelineChartProps { chart: &props.chart, on_zoom }) }
        </div>
    }
}
