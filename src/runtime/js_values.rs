//! The model's JSON documents as JavaScript values, to post as they are,
//! and a prediction's events posted and read.

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::JsValue;

use crate::model::json::Json;
use crate::model::trace::Event;
use crate::model::trace_export::{from_posted, posted, Field};

/// `json` as a JavaScript value.
pub fn to_js(json: &Json) -> JsValue {
    match json {
        Json::Bool(b) => JsValue::from_bool(*b),
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

/// Events as the worker posts a prediction to the page: a list of
/// `[t_ms, task, kind, fields…]` (`trace_export::posted`).
pub fn posted_events(events: &[Event]) -> JsValue {
    let field = |field: &Field| match field {
        Field::Number(n) => JsValue::from_f64(*n),
        Field::Text(text) => JsValue::from_str(text),
    };
    events
        .iter()
        .filter_map(|event| {
            let (kind, fields) = posted(event)?;
            let item: Array = [
                event.t_ms.into(),
                (&*event.task).into(),
                f64::from(kind).into(),
            ]
            .into_iter()
            .chain(fields.iter().map(field))
            .collect();
            Some(JsValue::from(item))
        })
        .collect::<Array>()
        .into()
}

/// The events [`posted_events`] posted, or `None` if it is not a list of them.
pub fn events_posted(list: &JsValue) -> Option<Vec<Event>> {
    Array::from(list)
        .iter()
        .map(|item| {
            let item = Array::from(&item);
            let fields: Vec<Field> = item
                .iter()
                .skip(3)
                .map(|value| match value.as_f64() {
                    Some(n) => Field::Number(n),
                    None => Field::Text(value.as_string().unwrap_or_default()),
                })
                .collect();
            from_posted(
                item.get(0).as_f64()?,
                &item.get(1).as_string()?,
                item.get(2).as_f64()? as u8,
                &fields,
            )
        })
        .collect()
}
