//! The benchmark's way into the runtime: runs a program with no page
//! around it, recorded or not, so `bench/run.mjs` can measure what
//! recording the trace costs.

use std::cell::RefCell;
use std::rc::Rc;

use futures::channel::oneshot;
use wasm_bindgen::JsValue;

use super::run::{run, RunOptions};
use crate::model::parse::parse;

/// Runs `source` at time scale 1 and resolves to `main`'s total in ms; with
/// `record`, every event is made and kept in a list, as the page's runner
/// does before it draws them. Fails with the parse error of a bad program.
pub async fn bench_run(source: String, record: bool) -> Result<f64, JsValue> {
    let program = parse(&source).map_err(|e| JsValue::from(e.to_string()))?;
    let kept = Rc::new(RefCell::new(Vec::new()));
    let (done, total) = oneshot::channel();
    let handle = {
        let kept = kept.clone();
        run(
            &program,
            RunOptions {
                time_scale: 1.0,
                record,
            },
            move |event| kept.borrow_mut().push(event),
            move |total_ms| {
                let _ = done.send(total_ms);
            },
        )
    };
    let total = total
        .await
        .map_err(|_| JsValue::from("the run was dropped"))?;
    drop(handle);
    Ok(total)
}
