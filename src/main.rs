//! Mounts the playground app into the page, and offers the benchmark its
//! way into the runtime (with the `bench` feature) and the end-to-end tests
//! a way to make it panic.

use wasm_bindgen::prelude::*;

fn main() {
    yew::Renderer::<coroutine_playground::ui::App>::new().render();
}

/// `benchRun(source, record)` for `bench/run.mjs`, in builds with the
/// `bench` feature only (`scripts/bench.sh`): see
/// [`coroutine_playground::runtime::bench_run`].
#[cfg(feature = "bench")]
#[wasm_bindgen(js_name = benchRun)]
pub async fn bench_run(source: String, record: bool) -> Result<f64, JsValue> {
    coroutine_playground::runtime::bench_run(source, record).await
}

/// `crashForTest()` for `e2e/crash.test.mjs`: panics on the page's next
/// turn, inside the app's own code, as a bug would, so the test sees what a
/// learner sees when the page stops.
#[wasm_bindgen(js_name = crashForTest)]
pub fn crash_for_test() {
    wasm_bindgen_futures::spawn_local(async { panic!("crashForTest") });
}
