//! An event listener a component holds on the window or the document:
//! added when made, removed when dropped.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Event, EventTarget};

/// A listener for `name` events on a target, removed when dropped.
pub struct Listener {
    target: EventTarget,
    name: &'static str,
    callback: Closure<dyn Fn(Event)>,
}

impl Listener {
    /// Listens for `name` on `target` with `on_event` (nothing when there
    /// is no target, as outside a browser).
    pub fn new(
        target: Option<EventTarget>,
        name: &'static str,
        on_event: impl Fn(Event) + 'static,
    ) -> Option<Listener> {
        let target = target?;
        let callback = Closure::<dyn Fn(Event)>::new(on_event);
        target
            .add_event_listener_with_callback(name, callback.as_ref().unchecked_ref())
            .ok()?;
        Some(Listener {
            target,
            name,
            callback,
        })
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        let _ = self
            .target
            .remove_event_listener_with_callback(self.name, self.callback.as_ref().unchecked_ref());
    }
}
