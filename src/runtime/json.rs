//! The model's JSON documents as JavaScript values, to post as they are or
//! to write as text with the browser's `JSON.stringify`; and a trace's
//! events read from its JSON text with the browser's `JSON.parse`.

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

use crate::model::json::Json;
use crate::model::trace::Event;
use crate::model::trace_export::read_event;

/// `json` as a JavaScript value.
pub fn to_js(json: &Json) -> JsValue {
    match json {
        Json::Number(n) => JsValue::from_f64(*n),
        Json::Text(text) => JsValue::from_str(text),
        Json::List(items) => items.iter().map(to_js).collect::<Array>().into(),
        Json::Object(fields) => {
            let object = Object::new();
            for (key, value) in fields {
                let _ = Reflect::set(&object, &JsValue::from_str(key), &to_js(value));
            }
            object.into()
        }
    }
}

/// `json` as JSON text.
pub fn to_text(json: &Json) -> String {
    js_sys::JSON::stringify(&to_js(json))
        .map(String::from)
        .unwrap_or_default()
}

/// The events of a trace written as JSON text (docs/trace-format.md), or
/// what is wrong with it.
pub fn trace_events(text: &str) -> Result<Vec<Event>, String> {
    let trace = js_sys::JSON::parse(text).map_err(|_| "the trace is not JSON".to_string())?;
    let field = |name: &str| Reflect::get(&trace, &name.into()).unwrap_or_default();
    let events = field("events")
        .dyn_into::<Array>()
        .map_err(|_| "the trace has no list of events".to_string())?;
    events
        .iter()
        .enumerate()
        .map(|(at, event)| {
            let field = |name: &str| Reflect::get(&event, &name.into()).unwrap_or_default();
            let text = |name: &str| field(name).as_string();
            field("t_ms")
                .as_f64()
                .zip(text("task").zip(text("kind").zip(text("detail"))))
                .and_then(|(t_ms, (task, (kind, detail)))| read_event(t_ms, &task, &kind, &detail))
                .ok_or_else(|| format!("event {at} of the trace is not one this page writes"))
        })
        .collect()
}
