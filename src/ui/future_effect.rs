//! Futures a component starts: an effect's, started when its dependencies
//! change and aborted when they change again or the component goes, and one
//! started by a press, aborted when it is started again or dropped.

use std::future::Future;
use std::pin::Pin;

use futures::future::{abortable, AbortHandle};
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
        let running = start(deps).map(|future| spawn_abortable(Box::pin(future)));
        move || {
            if let Some(handle) = running {
                handle.abort();
            }
        }
    });
}

/// A future a component started; starting another or dropping this aborts
/// it (keep it in `use_mut_ref`, which drops it with the component).
#[derive(Default)]
pub struct Spawned(Option<AbortHandle>);

impl Spawned {
    /// Aborts the future started before, if any, and starts `future`.
    pub fn start(&mut self, future: impl Future<Output = ()> + 'static) {
        self.abort();
        self.0 = Some(spawn_abortable(Box::pin(future)));
    }

    fn abort(&mut self) {
        if let Some(handle) = self.0.take() {
            handle.abort();
        }
    }
}

impl Drop for Spawned {
    fn drop(&mut self) {
        self.abort();
    }
}

/// Spawns `future` and returns what aborts it: one copy of the spawning
/// code for every effect's future (a generic one weighed about 0.5 KB of the
/// first load per kind of future).
fn spawn_abortable(future: Pin<Box<dyn Future<Output = ()>>>) -> AbortHandle {
    let (future, handle) = abortable(future);
    spawn_local(async move {
        let _ = future.await;
    });
    handle
}
