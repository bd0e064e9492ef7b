//! Lines to put in order: each moves up or down by its buttons (the focus
//! stays on the button pressed, and a screen reader hears where the line
//! went) or by dragging it onto another line.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::HtmlElement;
use yew::prelude::*;

use crate::model::i18n::{Key, Lang};

/// Properties of [`Arrange`].
#[derive(Properties, PartialEq)]
pub struct ArrangeProps {
    pub lang: Lang,
    /// The lines as first shown.
    pub items: Vec<String>,
    /// The lines as arranged: each one's position in `items`.
    pub order: Vec<usize>,
    pub on_order: Callback<Vec<usize>>,
}

/// Which way a button moves its line.
#[derive(Clone, Copy, PartialEq)]
enum Way {
    Up,
    Down,
}

impl Way {
    fn name(self) -> &'static str {
        match self {
            Way::Up => "up",
            Way::Down => "down",
        }
    }
}

/// The lines to arrange.
#[function_component]
pub fn Arrange(props: &ArrangeProps) -> Html {
    let lang = props.lang;
    let list = use_node_ref();
    let dragged = use_mut_ref(|| None::<usize>);
    let refocus = use_mut_ref(|| None::<(usize, Way)>);
    let said = use_state(String::new);
    {
        let (list, refocus) = (list.clone(), refocus.clone());
        use_effect_with(props.order.clone(), move |_| {
            if let Some((place, way)) = refocus.borrow_mut().take() {
                focus_button(&list, place, way);
            }
        });
    }
    let moved = Rc::new({
        let (order, items, on_order) = (
            props.order.clone(),
            props.items.clone(),
            props.on_order.clone(),
        );
        let said = said.clone();
        move |from: usize, to: usize| {
            let mut next = order.clone();
            let line = next.remove(from);
            next.insert(to, line);
            let where_to = Key::MovedTo.text(lang).replace("{}", &(to + 1).to_string());
            said.set(format!("{} {where_to}", items[line]));
            on_order.emit(next);
        }
    });
    let last = props.order.len().saturating_sub(1);
    let lines = props.order.iter().enumerate().map(|(place, &index)| {
        let item = props.items[index].clone();
        let button = |way: Way, key: Key, sign: &'static str| {
            let (moved, refocus) = (moved.clone(), refocus.clone());
            let to = match way {
                Way::Up => place.checked_sub(1),
                Way::Down => (place < last).then_some(place + 1),
            };
            let onclick = Callback::from(move |_: MouseEvent| {
                if let Some(to) = to {
                    *refocus.borrow_mut() = Some((to, way));
                    moved(place, to);
                }
            });
            html! {
                <button type="button" data-move={way.name()} aria-label={format!("{} {item}", key.text(lang))} {onclick}>{ sign }</button>
            }
        };
        let ondragstart = {
            let dragged = dragged.clone();
            Callback::from(move |_: DragEvent| *dragged.borrow_mut() = Some(place))
        };
        let ondrop = {
            let (dragged, moved) = (dragged.clone(), moved.clone());
            Callback::from(move |event: DragEvent| {
                event.prevent_default();
                if let Some(from) = dragged.borrow_mut().take() {
                    moved(from, place);
                }
            })
        };
        html! {
            <li key={index} draggable="true" data-index={index.to_string()} data-item={item.clone()} {ondragstart} {ondrop}>
                <span>{ item.clone() }</span>
                { button(Way::Up, Key::MoveUp, "↑") }
                { button(Way::Down, Key::MoveDown, "↓") }
            </li>
        }
    });
    let ondragover = Callback::from(|event: DragEvent| event.prevent_default());
    html! { <>
        <ol class="arrange" ref={list} {ondragover}>{ for lines }</ol>
        <p class="sr-only" aria-live="polite">{ (*said).clone() }</p>
    </> }
}

/// Focuses the `way` button of the line at `place`: moving a line can take
/// the focus from the button that moved it.
fn focus_button(list: &NodeRef, place: usize, way: Way) {
    let button = list
        .cast::<HtmlElement>()
        .and_then(|list| list.children().item(place as u32))
        .and_then(|line| {
            line.query_selector(&format!("button[data-move={}]", way.name()))
                .ok()
                .flatten()
        })
        .and_then(|button| button.dyn_into::<HtmlElement>().ok());
    if let Some(button) = button {
        let _ = button.focus();
    }
}
