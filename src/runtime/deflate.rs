//! Raw deflate both ways by the browser's compression streams, and base64
//! by its `btoa` and `atob`, for share links: the page carries no deflate
//! or base64 code of its own (a Rust deflater and inflater weighed about
//! 17 KB of the gzipped first load, a base64 crate 2.6 KB).

use js_sys::{Array, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::{
    Blob, ReadableStream, ReadableStreamDefaultReader, ReadableStreamReadResult,
    ReadableWritablePair,
};

#[wasm_bindgen]
extern "C" {
    /// The browser's `CompressionStream` (web-sys has it only behind
    /// `web_sys_unstable_apis`).
    type CompressionStream;

    #[wasm_bindgen(constructor, catch)]
    fn new(format: &str) -> Result<CompressionStream, JsValue>;

    /// The browser's `DecompressionStream`.
    type DecompressionStream;

    #[wasm_bindgen(constructor, catch)]
    fn new(format: &str) -> Result<DecompressionStream, JsValue>;

    /// Base64 of a string whose characters are bytes (U+0000 to U+00FF).
    #[wasm_bindgen(catch)]
    fn btoa(bytes: &str) -> Result<String, JsValue>;

    /// The bytes, as characters, that base64 text stands for.
    #[wasm_bindgen(catch)]
    fn atob(base64: &str) -> Result<String, JsValue>;
}

/// `bytes` in standard base64, written by the browser.
pub fn to_base64(bytes: &[u8]) -> String {
    let as_chars: String = bytes.iter().copied().map(char::from).collect();
    btoa(&as_chars).unwrap_or_default()
}

/// The bytes standard base64 text stands for, read by the browser; `None`
/// when it is not base64.
pub fn from_base64(base64: &str) -> Option<Vec<u8>> {
    let as_chars = atob(base64).ok()?;
    Some(as_chars.chars().map(|c| c as u8).collect())
}

/// Why inflating failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InflateError {
    /// The bytes are not raw deflate, or the browser cannot inflate.
    Damaged,
    /// They inflate to more than the limit.
    TooLarge,
}

/// Cancels the stream when dropped before its end.
struct CancelOnDrop {
    reader: ReadableStreamDefaultReader,
    finished: bool,
}

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        if !self.finished {
            // Cancelling a stream that failed meanwhile rejects: awaited
            // here, so the page does not report an unhandled rejection.
            let cancelled = JsFuture::from(self.reader.cancel());
            spawn_local(async move {
                let _ = cancelled.await;
            });
        }
    }
}

/// Everything `stream` gives, or `None` past `limit` bytes.
async fn read_all(stream: ReadableStream, limit: usize) -> Result<Option<Vec<u8>>, JsValue> {
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
            return Ok(Some(bytes));
        }
        bytes.extend(Uint8Array::new(&chunk.get_value()).to_vec());
        if bytes.len() > limit {
            return Ok(None);
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
    Ok(read_all(stream, usize::MAX).await?.unwrap_or_default())
}

/// The bytes `deflated` (raw deflate) stands for, if no more than `limit`:
/// a small link cannot unpack into a huge program.
pub async fn inflate_raw(deflated: &[u8], limit: usize) -> Result<Vec<u8>, InflateError> {
    let inflater = DecompressionStream::new("deflate-raw").map_err(|_| InflateError::Damaged)?;
    let blob = Blob::new_with_u8_array_sequence(&Array::of1(&Uint8Array::from(deflated)))
        .map_err(|_| InflateError::Damaged)?;
    let stream = blob
        .stream()
        .pipe_through(inflater.unchecked_ref::<ReadableWritablePair>());
    read_all(stream, limit)
        .await
        .map_err(|_| InflateError::Damaged)?
        .ok_or(InflateError::TooLarge)
}
