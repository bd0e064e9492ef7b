//! The model's JSON documents as JavaScript values, to post as they are or
//! to write as text with the browser's `JSON.stringify`.

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::JsValue;

use crate::model::json::Json;

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
