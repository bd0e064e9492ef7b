//! Raw deflate by the browser's `CompressionStream`, for share links: the
//! page carries an inflater only, as the deflater would weigh 11 KB gzipped.

use js_sys::{Array, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, ReadableStreamDefaultReader, ReadableStreamReadResult, ReadableWritablePair};

#[wasm_bindgen]
extern "C" {
    /// The browser's `CompressionStream` (web-sys has it only behind
    /// `web_sys_unstable_apis`).
    type CompressionStream;

    #[wasm_bindgen(constructor, catch)]
    fn new(format: &str) -> Result<CompressionStream, JsValue>;
}

/// Cancels the stream when dropped before its end.
struct CancelOnDrop {
    reader: ReadableStreamDefaultReader,
    finished: bool,
}

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        if !self.finished {
            let _ = self.reader.cancel();
        }
    }
}

/// `text` as UTF-8, deflated with no zlib header (`deflate-raw`). Fails
/// where the browser has no such stream.
pub async fn deflate_raw(text: &str) -> Result<Vec<u8>, JsValue> {
    let compressor = CompressionStream::new("deflate-raw")?;
    let blob = Blob::new_with_str_sequence(&Array::of1(&JsValue::from_str(text)))?;
    let stream = blob
        .stream()
        .pipe_through(compressor.unchecked_ref::<ReadableWritablePair>());
    let mut guard = CancelOnDrop {
        reader: stream.get_reader().unchecked_into(),
        finished: false,
    };
    let mut bytes = Vec::new();
    loop {
        let chunk: ReadableStreamReadResult =
            JsFuture::from(guard.reader.read()).await?.unchecked_into();
        if chunk.get_done().unwrap_or(true) {
            guard.finished = true;
            return Ok(bytes);
        }
        bytes.extend(Uint8Array::new(&chunk.get_value()).to_vec());
    }
}
