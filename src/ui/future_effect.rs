//! An effect whose work is a future: started when its dependencies change,
//! aborted when they change again or the component goes.

use std::future::Future;

use futures::future::abortable;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

/// Runs the future `start` makes from `deps` (if any) each time `deps`
/// change; what the future does after an await never happens once it is
/// aborted.
#[hook]
pub fn use_future_effect<D, F>(deps: D, start: impl FnOnce(&D) -> Option<F> + 'static)
where
    D: PartialEq + 'static,
    F: Future<Output = ()> + 'static,
{
    use_effect_with(deps, move |deps| {
        let running = start(deps).map(|future| {
            let (future, handle) = abortable(future);
            spawn_local(async move {
                let _ = future.await;
            });
            handle
        });
        move || {
            if let Some(handle) = running {
                handle.abort();
            }
        }
    });
}
