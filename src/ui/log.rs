//! The log: one line per event with its time, task and what happened.

use std::rc::Rc;

use yew::prelude::*;

use crate::model::trace::Event;

/// Properties of [`Log`].
#[derive(Properties, PartialEq)]
pub struct LogProps {
    pub events: Rc<Vec<Event>>,
}

/// The events of a run, in the order they happened.
#[function_component]
pub fn Log(props: &LogProps) -> Html {
    html! {
        <ol class="log" aria-live="polite">
            { for props.events.iter().map(|event| html! {
                <li class="log-line">
                    <span class="time">{ format!("{:>7.1} ms", event.t_ms) }</span>
                    <span class="task">{ &event.task }</span>
                    <span class="what">{ event.describe() }</span>
                </li>
            }) }
        </ol>
    }
}
