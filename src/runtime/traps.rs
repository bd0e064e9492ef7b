//! A wasm trap caught where a call crosses from one of the page's wasms to
//! the other, thrown on, so that the page stops with its crash banner
//! (static/boot.js) rather than going on broken.

use wasm_bindgen::{JsCast, JsValue};

/// Throws `error` on when it is a trap (a panic in either wasm, a
/// `WebAssembly.RuntimeError`); returns any other error.
pub fn rethrow_trap(error: JsValue) -> JsValue {
    if error.is_instance_of::<js_sys::WebAssembly::RuntimeError>() {
        wasm_bindgen::throw_val(error);
    }
    error
}
