//! Mounts the playground app into the page, and offers the benchmark its
//! way into the runtime.

use wasm_bindgen::prelude::*;

fn main() {
    yew::Renderer::<coroutine_playground::ui::App>::new().render();
}

/// `benchRun(source, record)` for `bench/run.mjs`: see [`coroutine_playground::runtime::bench_run`].
#[wasm_bindgen(js_name = benchRun)]
pub async fn bench_run(source: String, record: bool) -> Result<f64, JsValue> {
    coroutine_playground::runtime::bench_run(source, record).await
}
