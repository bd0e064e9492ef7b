//! The hook that starts and stops runs: events are buffered and handed to
//! the state in batches, every 50 ms or less often when drawing a batch
//! takes long, so the page takes at most about a tenth of the loop's time
//! from the run it shows.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gloo_timers::callback::Timeout;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::embed::{framed, post};
use super::state::{Action, Playground};
use crate::model::embed;
use crate::model::print::print;
use crate::model::program::CheckedProgram;
use crate::model::trace::Event;
use crate::runtime::{now_ms, run, RunHandle, RunOptions};

/// The shortest and the longest time between two flushes, in ms.
const FLUSH_EVERY_MS: (f64, f64) = (50.0, 1000.0);
/// The time between two flushes, as a multiple of what the last one cost.
const FLUSH_COST_FACTOR: f64 = 9.0;

/// Events waiting for the next flush, the timer that will flush them, and
/// how long to wait before the next.
struct Buffer {
    events: RefCell<Vec<Event>>,
    armed: Cell<bool>,
    timer: RefCell<Option<Timeout>>,
    every_ms: Cell<f64>,
}

impl Default for Buffer {
    fn default() -> Self {
        Self {
            events: RefCell::default(),
            armed: Cell::new(false),
            timer: RefCell::default(),
            every_ms: Cell::new(FLUSH_EVERY_MS.0),
        }
    }
}

/// The current run; dropping it stops the run and clears the flush timer.
#[derive(Default)]
struct Current {
    handle: Option<RunHandle>,
    buffer: Rc<Buffer>,
}

/// Start and stop callbacks for the page's runs.
pub struct Runner {
    pub start: Callback<(Rc<CheckedProgram>, f64)>,
    pub stop: Callback<()>,
}

fn flush(buffer: &Buffer, dispatch: &UseReducerDispatcher<Playground>) {
    buffer.armed.set(false);
    let events = buffer.events.take();
    if !events.is_empty() {
        dispatch.dispatch(Action::Events(events));
    }
}

/// Flushes, then measures how long the page took to draw the batch (the
/// render the dispatch queued runs before this later task) and spaces the
/// next flush by it.
fn flush_timed(buffer: Rc<Buffer>, dispatch: &UseReducerDispatcher<Playground>) {
    let started = now_ms();
    flush(&buffer, dispatch);
    spawn_local(async move {
        let cost = now_ms() - started;
        buffer
            .every_ms
            .set((cost * FLUSH_COST_FACTOR).clamp(FLUSH_EVERY_MS.0, FLUSH_EVERY_MS.1));
    });
}

/// Runs programs for the page; the run stops when the page goes away.
#[hook]
pub fn use_runner(dispatch: UseReducerDispatcher<Playground>) -> Runner {
    let current = use_mut_ref(Current::default);
    {
        let current = current.clone();
        use_effect_with((), move |_| move || drop(current.take()));
    }
    let start = {
        let current = current.clone();
        let dispatch = dispatch.clone();
        Callback::from(move |(program, time_scale): (Rc<CheckedProgram>, f64)| {
            drop(current.take());
            dispatch.dispatch(Action::RunStarted);
            let buffer = Rc::new(Buffer::default());
            let host = framed().then(|| Rc::new(RefCell::new(Vec::<Event>::new())));
            let on_event = {
                let buffer = Rc::downgrade(&buffer);
                let dispatch = dispatch.clone();
                let host = host.clone();
                move |event: Event| {
                    if let Some(trace) = &host {
                        post(&embed::event(&event));
                        trace.borrow_mut().push(event.clone());
                    }
                    let Some(buffer) = buffer.upgrade() else {
                        return;
                    };
                    buffer.events.borrow_mut().push(event);
                    if !buffer.armed.replace(true) {
                        let later = Rc::downgrade(&buffer);
                        let dispatch = dispatch.clone();
                        let every_ms = buffer.every_ms.get() as u32;
                        *buffer.timer.borrow_mut() = Some(Timeout::new(every_ms, move || {
                            if let Some(buffer) = later.upgrade() {
                                flush_timed(buffer, &dispatch);
                            }
                        }));
                    }
                }
            };
            let on_finish = {
                let buffer = Rc::downgrade(&buffer);
                let dispatch = dispatch.clone();
                let text = print(&program);
                move |total_ms| {
                    if let Some(buffer) = buffer.upgrade() {
                        flush(&buffer, &dispatch);
                    }
                    if let Some(trace) = host {
                        post(&embed::done(&text, time_scale, &trace.borrow()));
                    }
                    dispatch.dispatch(Action::RunFinished { total_ms });
                }
            };
            let options = RunOptions {
                time_scale,
                record: true,
            };
            let handle = run(&program, options, on_event, on_finish);
            *current.borrow_mut() = Current {
                handle: Some(handle),
                buffer,
            };
        })
    };
    let stop = Callback::from(move |()| {
        let stopped = current.take();
        if stopped.handle.as_ref().is_some_and(RunHandle::is_running) {
            flush(&stopped.buffer, &dispatch);
            dispatch.dispatch(Action::RunStopped);
        }
    });
    Runner { start, stop }
}
