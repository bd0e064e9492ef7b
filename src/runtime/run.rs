//! Runs a program for real on the browser's event loop: every task is a
//! future on the runtime's asyncio-like loop (`event_loop`), `main` waits on
//! its tasks through done-callbacks as asyncio's `gather`, `wait` and
//! `as_completed` do, and each step reports its event with `performance.now()`.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use futures::future::{AbortHandle, Abortable};

use super::event_loop::{clock_moved, drained, spawn, time};
use super::lag::LagMeter;
use super::resource_counts::{Resource, Tracked};
use super::sync::Semaphore;
use crate::model::program::{CheckedProgram, RunMode};
use crate::model::trace::{Event, EventKind, LOOP, MAIN};

/// How to run a program.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RunOptions {
    /// Multiplies every duration in ms (sleep, block, latency, timeout,
    /// offload block); `compute` units are real work and stay as they are.
    pub time_scale: f64,
    /// Whether events are made and reported at all; off only to measure
    /// what recording costs.
    pub record: bool,
}

/// A run in progress. `stop()` or dropping it cancels everything: task
/// futures are dropped (their timers cleared, fetches aborted, worker jobs
/// terminated) and no event is reported after that.
pub struct RunHandle {
    shared: Rc<Shared>,
    main: AbortHandle,
    finished: Rc<Cell<bool>>,
}

impl RunHandle {
    /// Cancels the run. A finished run has no task left to cancel (`main`
    /// cancelled and awaited the rest), which spares a page that starts a
    /// run after a large one a pass over all of its tasks.
    pub fn stop(&self) {
        self.shared.stopped.set(true);
        if !self.finished.get() {
            self.main.abort();
            for task in self.shared.tasks.borrow().iter() {
                task.abort.abort();
            }
        }
        self.shared.lag.take();
    }

    /// Whether the run is still going: not finished, not stopped.
    pub fn is_running(&self) -> bool {
        !self.finished.get() && !self.shared.stopped.get()
    }
}

impl Drop for RunHandle {
    fn drop(&mut self) {
        self.stop();
    }
}

thread_local! {
    /// The warm-up run (`runtime::warm_up`), which any other run stops
    /// before it starts: two runs never share the loop.
    static WARMING: RefCell<Option<RunHandle>> = const { RefCell::new(None) };
    /// How many runs have started and not yet ended.
    static GOING: Cell<u32> = const { Cell::new(0) };
}

/// Counts a run as going while it lives.
struct Going;

impl Going {
    fn start() -> Going {
        GOING.with(|going| going.set(going.get() + 1));
        Going
    }
}

impl Drop for Going {
    fn drop(&mut self) {
        GOING.with(|going| going.set(going.get() - 1));
    }
}

/// Whether a run has started and not yet ended: the warm-up does not
/// start then.
pub(super) fn a_run_goes_on() -> bool {
    GOING.with(Cell::get) > 0
}

/// Keeps `handle` as the warm-up, which the next run stops.
pub(super) fn hold_as_warm_up(handle: RunHandle) {
    let before = WARMING.with(|warming| warming.borrow_mut().replace(handle));
    drop(before);
}

/// Stops the warm-up, if one runs.
pub(super) fn end_warm_up() {
    let warming = WARMING.with(|warming| warming.borrow_mut().take());
    drop(warming);
}

/// Starts `program` on the event loop, once the warm-up (if any) is
/// stopped. `on_event` gets each event as it happens; `on_finish` gets the
/// total time in ms when `main` is done.
pub fn run(
    program: &CheckedProgram,
    options: RunOptions,
    on_event: impl Fn(Event) + 'static,
    on_finish: impl FnOnce(f64) + 'static,
) -> RunHandle {
    end_warm_up();
    let semaphore = match program.mode {
        RunMode::Limit(n) => Some(Semaphore::new(n as usize)),
        _ => None,
    };
    let shared = Rc::new(Shared {
        program: program.clone(),
        scale: options.time_scale,
        record: options.record,
        origin: Cell::new(0.0),
        stopped: Cell::new(false),
        on_event: Box::new(on_event),
        main_task: MAIN.into(),
        loop_task: LOOP.into(),
        tasks: RefCell::new(Vec::new()),
        names: RefCell::new(None),
        semaphore,
        lag: RefCell::new(None),
    });
    let finished = Rc::new(Cell::new(false));
    let (main, registration) = AbortHandle::new_pair();
    let driver = {
        let shared = shared.clone();
        let finished = finished.clone();
        async move {
            let reporter = Rc::downgrade(&shared);
            *shared.lag.borrow_mut() = Some(LagMeter::start(move |late| {
                if let Some(shared) = reporter.upgrade() {
                    shared.emit(&shared.loop_task, EventKind::Lag(late.round() as u64));
                }
            }));
            // Time 0 is `main`'s first step: after the meter has started,
            // which the first run in a page takes milliseconds to do.
            clock_moved();
            shared.origin.set(time());
            let total = drive(&shared).await;
            drained().await;
            finished.set(true);
            if let Some(meter) = shared.lag.take() {
                meter.finish();
            }
            if !shared.stopped.get() {
                on_finish(total);
            }
        }
    };
    let going = Going::start();
    spawn(async move {
        let _going = going;
        let _tracked = Tracked::new(Resource::Task);
        let _ = Abortable::new(driver, registration).await;
    });
    RunHandle {
        shared,
        main,
        finished,
    }
}

/// `main`: runs the top-level tasks by the program's mode, reports their
/// outcomes, then cancels what is left and waits for it, as `asyncio.run`
/// does. Returns the time `main`'s own code ended.
async fn drive(shared: &Rc<Shared>) -> f64 {
    shared.emit(&shared.main_task, EventKind::Start);
    let outcome = run_mode(shared).await;
    let total = shared.now();
    match outcome {
        Ok(()) => shared.emit(&shared.main_task, EventKind::Done("None".into())),
        Err(message) => shared.emit(&shared.main_task, EventKind::Failed(message)),
    }
    let left: Vec<Rc<TaskRecord>> = shared
        .tasks
        .borrow()
        .iter()
        .filter(|t| t.done.get().is_none())
        .cloned()
        .collect();
    for task in &left {
        cancel(task);
    }
    if !left.is_empty() {
        WaitGroup::new(&left, false).done.wait().await;
    }
    total
}

mod combinators;
mod main_task;
mod steps;
mod tasks;

use combinators::WaitGroup;
use main_task::run_mode;
use tasks::{cancel, Shared, TaskRecord};
