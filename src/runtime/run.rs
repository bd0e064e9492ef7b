//! Runs a program's tasks on the browser's event loop and streams their events.

use std::cell::Cell;
use std::rc::Rc;

use futures::future::{join_all, AbortHandle, Abortable};
use gloo_timers::future::TimeoutFuture;
use wasm_bindgen_futures::spawn_local;

use super::clock::Clock;
use crate::model::program::{Block, Program, Step};
use crate::model::trace::{Event, EventKind, Wait, MAIN};

/// A run in progress. Stopping it, or dropping it, cancels every task and
/// timer of the run; no event is reported after that.
pub struct RunHandle {
    abort: AbortHandle,
    alive: Rc<Cell<bool>>,
}

impl RunHandle {
    /// Cancels the run: its futures are dropped, which clears their timers.
    pub fn stop(&self) {
        self.alive.set(false);
        self.abort.abort();
    }

    /// Whether the run is still going (not finished, not stopped).
    pub fn is_running(&self) -> bool {
        self.alive.get()
    }
}

impl Drop for RunHandle {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Where a run reports to: each event as it happens, then the total time.
struct Sink {
    clock: Clock,
    alive: Rc<Cell<bool>>,
    on_event: Box<dyn Fn(Event)>,
}

impl Sink {
    fn emit(&self, task: &str, kind: EventKind) {
        if self.alive.get() {
            (self.on_event)(Event {
                t_ms: self.clock.elapsed_ms(),
                task: task.to_string(),
                kind,
            });
        }
    }
}

/// Starts `program` on the event loop. `on_event` gets every event as it
/// happens; `on_finish` gets the total time in ms when all tasks are done.
pub fn run(
    program: &Program,
    on_event: impl Fn(Event) + 'static,
    on_finish: impl FnOnce(f64) + 'static,
) -> RunHandle {
    let alive = Rc::new(Cell::new(true));
    let sink = Rc::new(Sink {
        clock: Clock::start(),
        alive: alive.clone(),
        on_event: Box::new(on_event),
    });
    let tasks: Vec<(String, Block, u32)> = program
        .task_instances()
        .into_iter()
        .map(|(name, block, copy)| (name, block.clone(), copy))
        .collect();
    let (abort, registration) = AbortHandle::new_pair();
    let main = async move {
        sink.emit(MAIN, EventKind::Start);
        sink.emit(MAIN, EventKind::Suspend(Wait::Gather));
        join_all(
            tasks
                .into_iter()
                .map(|(name, block, copy)| run_task(name, block, copy, sink.clone())),
        )
        .await;
        sink.emit(MAIN, EventKind::Resume);
        sink.emit(MAIN, EventKind::Done("None".into()));
        if sink.alive.replace(false) {
            on_finish(sink.clock.elapsed_ms());
        }
    };
    spawn_local(async move {
        let _ = Abortable::new(main, registration).await;
    });
    RunHandle { abort, alive }
}

async fn run_task(name: String, block: Block, copy: u32, sink: Rc<Sink>) {
    sink.emit(&name, EventKind::Start);
    for step in &block.steps {
        match step {
            Step::Print(text) => sink.emit(&name, EventKind::Print(text.render(copy, |_| None))),
            Step::Sleep(amount) => {
                let ms = amount.at(copy);
                sink.emit(&name, EventKind::Suspend(Wait::Sleep(ms)));
                TimeoutFuture::new(ms as u32).await;
                sink.emit(&name, EventKind::Resume);
            }
            other => sink.emit(
                &name,
                EventKind::Failed(format!("{other:?} does not run in the browser yet")),
            ),
        }
    }
    sink.emit(&name, EventKind::Done("None".into()));
}
