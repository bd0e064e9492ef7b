//! The hook that starts and stops runs: events are buffered and handed to
//! the state at most every 50 ms, so a run of 10 000 events stays smooth.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gloo_timers::callback::Timeout;
use yew::prelude::*;

use super::embed::{framed, post};
use super::state::{Action, Playground};
use crate::model::embed;
use crate::model::print::print;
use crate::model::program::Program;
use crate::model::trace::Event;
use crate::runtime::{run, RunHandle, RunOptions};

const FLUSH_EVERY_MS: u32 = 50;

/// Events waiting for the next flush, and the timer that will flush them.
#[derive(Default)]
struct Buffer {
    events: RefCell<Vec<Event>>,
    armed: Cell<bool>,
    timer: RefCell<Option<Timeout>>,
}

/// The current run; dropping it stops the run and clears the flush timer.
#[derive(Default)]
struct Current {
    handle: Option<RunHandle>,
    buffer: Rc<Buffer>,
}

/// Start and stop callbacks for the page's runs.
pub struct Runner {
    pub start: Callback<(Program, f64)>,
    pub stop: Callback<()>,
}

fn flush(buffer: &Buffer, dispatch: &UseReducerDispatcher<Playground>) {
    buffer.armed.set(false);
    let events = buffer.events.take();
    if !events.is_empty() {
        dispatch.dispatch(Action::Events(events));
    }
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
        Callback::from(move |(program, time_scale): (Program, f64)| {
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
                        *buffer.timer.borrow_mut() =
                            Some(Timeout::new(FLUSH_EVERY_MS, move || {
                                if let Some(buffer) = later.upgrade() {
                                    flush(&buffer, &dispatch);
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
            let handle = run(&program, RunOptions { time_scale }, on_event, on_finish);
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
