//! The on-demand wasm: the views the page loads the first time one is shown
//! (`ui::on_demand`), each a yew app of its own in a host element the page
//! gives, drawn again when the page sends new data, its events sent back.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use coroutine_playground::runtime::{ask_through_page, rethrow_trap};
use coroutine_playground::ui::{OnDemandRoot, OnDemandRootProps};
use coroutine_playground::views::on_demand::{from_bytes, to_bytes, OnDemandView};
use js_sys::{Function, Uint8Array};
use wasm_bindgen::prelude::*;
use web_sys::Element;
use yew::{AppHandle, Callback};

thread_local! {
    static SHOWN: RefCell<HashMap<u32, AppHandle<OnDemandRoot>>> = RefCell::default();
    static NEXT_ID: Cell<u32> = const { Cell::new(0) };
}

fn main() {}

/// Takes the function through which the views ask the page's worker; and
/// keeps this wasm's yew apps apart from the page's. Yew marks the elements
/// of each app with the app's number, counted from 1 in each wasm, and
/// hands an event to the app whose number its target's nearest marked
/// element carries. The page's one app (it has no portal) is number 1: an
/// app started and ended here takes that number, so the page's yew never
/// takes an event of these views for one of its own. A portal or a second
/// app in the page would take number 2 and break this.
#[wasm_bindgen]
pub fn connect(ask_page: Function) -> Result<(), JsError> {
    ask_through_page(ask_page);
    let document = web_sys::window()
        .and_then(|window| window.document())
        .ok_or_else(|| JsError::new("no document"))?;
    let detached = document
        .create_element("div")
        .map_err(|_| JsError::new("no element"))?;
    yew::Renderer::<TakesNumberOne>::with_root(detached)
        .render()
        .destroy();
    Ok(())
}

/// An app that draws nothing, started only to take the number 1.
#[yew::function_component]
fn TakesNumberOne() -> yew::Html {
    yew::Html::default()
}

fn props(view: &[u8], on_event: Function) -> Result<OnDemandRootProps, JsError> {
    let view = from_bytes::<OnDemandView>(view).map_err(|why| JsError::new(&why))?;
    let on_event = Callback::from(move |event| {
        let bytes = Uint8Array::from(to_bytes(&event).as_slice());
        if let Err(error) = on_event.call1(&JsValue::NULL, &bytes) {
            rethrow_trap(error);
        }
    });
    Ok(OnDemandRootProps { view, on_event })
}

/// Draws `view` (bytes of an `OnDemandView`) in `host`, telling
/// `on_event` (with bytes of an `OnDemandEvent`) what happens there: the
/// number by which the page updates and unmounts it.
#[wasm_bindgen]
pub fn mount(host: Element, view: &[u8], on_event: Function) -> Result<u32, JsError> {
    let props = props(view, on_event)?;
    let id = NEXT_ID.with(|next| {
        next.set(next.get() + 1);
        next.get()
    });
    let app = yew::Renderer::<OnDemandRoot>::with_root_and_props(host, props).render();
    SHOWN.with(|shown| shown.borrow_mut().insert(id, app));
    Ok(id)
}

/// Draws the view `id` again with the data of `view`.
#[wasm_bindgen]
pub fn update(id: u32, view: &[u8], on_event: Function) -> Result<(), JsError> {
    let props = props(view, on_event)?;
    SHOWN.with(|shown| {
        let mut shown = shown.borrow_mut();
        let app = shown
            .get_mut(&id)
            .ok_or_else(|| JsError::new("no such view"))?;
        app.update(props);
        Ok(())
    })
}

/// Takes the view `id` down.
#[wasm_bindgen]
pub fn unmount(id: u32) {
    if let Some(app) = SHOWN.with(|shown| shown.borrow_mut().remove(&id)) {
        app.destroy();
    }
}
