//! Events a part of the page handles for the elements inside it: the
//! element an event happened in that matches a selector.

use wasm_bindgen::JsCast;
use web_sys::{Element, Event};

/// The element an event happened on, or its nearest ancestor matching
/// `selector`.
pub fn closest(event: &Event, selector: &str) -> Option<Element> {
    event
        .target()?
        .dyn_into::<Element>()
        .ok()?
        .closest(selector)
        .ok()
        .flatten()
}
