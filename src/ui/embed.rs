//! The page inside a host's iframe: it posts `ready`, `resize`, `event` and
//! `done` to the host and obeys `load`, `run` and `stop` (docs/embed.md);
//! messages of any other shape are ignored and counted.

use std::cell::Cell;
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Event, MessageEvent, ResizeObserver};
use yew::prelude::*;

use super::listener::Listener;
use super::state::{Action, Playground};
use crate::model::embed::{read_host_message, ready, resize, HostMessage};
use crate::model::json::Json;
use crate::runtime::to_js;

/// The host's window, when the page runs in a frame.
fn host() -> Option<web_sys::Window> {
    let window = web_sys::window()?;
    let parent = window.parent().ok().flatten()?;
    (!js_sys::Object::is(&parent, &window)).then_some(parent)
}

/// Whether the page runs in a frame.
pub fn framed() -> bool {
    host().is_some()
}

/// Posts `message` to the host, if there is one.
pub fn post(message: &Json) {
    if let Some(host) = host() {
        let _ = host.post_message(&to_js(message), "*");
    }
}

/// The string at `key` of a posted object; `None` for anything else.
fn string_field(data: &JsValue, key: &str) -> Option<String> {
    data.is_object()
        .then(|| js_sys::Reflect::get(data, &key.into()).ok())
        .flatten()
        .and_then(|value| value.as_string())
}

/// Talks to the host while the page lives in a frame.
#[hook]
pub fn use_embed_api(dispatch: UseReducerDispatcher<Playground>, stop: Callback<()>) {
    use_effect_with((), move |_| {
        let window = web_sys::window().filter(|_| framed());
        let root = window
            .as_ref()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element());
        let ignored = Rc::new(Cell::new(0u32));
        let on_message = {
            let (root, window) = (root.clone(), window.clone());
            move |event: Event| {
                let Ok(event) = event.dyn_into::<MessageEvent>() else {
                    return;
                };
                let from_host = event
                    .source()
                    .zip(window.as_ref().and_then(|w| w.parent().ok().flatten()))
                    .is_some_and(|(source, host)| js_sys::Object::is(&source, &host));
                let data = event.data();
                let message = read_host_message(
                    string_field(&data, "type").as_deref(),
                    string_field(&data, "program").as_deref(),
                    string_field(&data, "python").as_deref(),
                )
                .filter(|_| from_host);
                match message {
                    Some(HostMessage::Load(program)) => {
                        stop.emit(());
                        dispatch.dispatch(Action::Edit(program));
                    }
                    Some(HostMessage::LoadPython(python)) => {
                        stop.emit(());
                        dispatch.dispatch(Action::EditPython(python));
                    }
                    Some(HostMessage::Run) => dispatch.dispatch(Action::RequestRun),
                    Some(HostMessage::Stop) => stop.emit(()),
                    None => {
                        ignored.set(ignored.get() + 1);
                        if let Some(root) = &root {
                            let _ = root
                                .set_attribute("data-ignored-messages", &ignored.get().to_string());
                        }
                    }
                }
            }
        };
        let last_height = Rc::new(Cell::new(0.0));
        let on_resize = Closure::<dyn FnMut()>::new({
            let root = root.clone();
            move || {
                let height = root.as_ref().map_or(0.0, |r| f64::from(r.scroll_height()));
                if height != last_height.replace(height) {
                    post(&resize(height));
                }
            }
        });
        let observer = ResizeObserver::new(on_resize.as_ref().unchecked_ref()).ok();
        let listener = root
            .as_ref()
            .and(window)
            .and_then(|window| Listener::new(Some(window.into()), "message", on_message));
        if let (Some(_), Some(root)) = (&listener, &root) {
            if let Some(observer) = &observer {
                observer.observe(root);
            }
            post(&ready());
        }
        move || {
            drop(listener);
            if let Some(observer) = observer {
                observer.disconnect();
            }
            drop(on_resize);
        }
    });
}
