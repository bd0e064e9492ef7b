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
use super::state::{Action, Playground, PythonFailure};
use crate::model::embed;
use crate::model::print::print;
use crate::model::program::CheckedProgram;
use crate::model::python_run::MAX_PYTHON_RUN_MS;
use crate::model::trace::Event;
use crate::runtime::{
    now_ms, run, start_spare_python, PythonNews, PythonRun, RunHandle, RunOptions,
};

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

/// The current run; dropping it stops the run (a Python run's worker
/// ends) and clears its timers.
#[derive(Default)]
struct Current {
    handle: Option<RunHandle>,
    python: Option<PythonRun>,
    /// Stops a Python run at the wall-clock limit.
    limit: Option<Timeout>,
    /// Counts runs, so that a run's late news never ends a newer one.
    number: u32,
    buffer: Rc<Buffer>,
}

impl Current {
    fn is_running(&self) -> bool {
        self.handle.as_ref().is_some_and(RunHandle::is_running) || self.python.is_some()
    }
}

/// Start and stop callbacks for the page's runs.
pub struct Runner {
    /// Runs a program of the task list at a time scale.
    pub start: Callback<(Rc<CheckedProgram>, f64)>,
    /// Runs Python in CPython (Python mode).
    pub start_python: Callback<String>,
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

/// Where a run's events go: into `buffer`, flushed to the page in batches,
/// and to the host page at once when the page is embedded (`host`).
fn buffered(
    buffer: &Rc<Buffer>,
    dispatch: &UseReducerDispatcher<Playground>,
    host: Option<Rc<RefCell<Vec<Event>>>>,
) -> impl Fn(Event) + 'static {
    let buffer = Rc::downgrade(buffer);
    let dispatch = dispatch.clone();
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
}

/// A run just begun: its number, its event buffer, the trace kept for the
/// host page (when embedded), and where its events go.
struct Begun<F> {
    number: u32,
    buffer: Rc<Buffer>,
    host: Option<Rc<RefCell<Vec<Event>>>>,
    on_event: F,
}

/// Stops the current run and begins the next, told to the page as `started`.
fn begin(
    current: &Rc<RefCell<Current>>,
    dispatch: &UseReducerDispatcher<Playground>,
    started: Action,
) -> Begun<impl Fn(Event) + 'static> {
    let number = current.take().number + 1;
    dispatch.dispatch(started);
    let buffer = Rc::new(Buffer::default());
    let host = framed().then(|| Rc::new(RefCell::new(Vec::<Event>::new())));
    let on_event = buffered(&buffer, dispatch, host.clone());
    Begun {
        number,
        buffer,
        host,
        on_event,
    }
}

/// Ends run `number` if it is still the current one, after the worker's
/// message that asked for it has been handled; a spare worker starts for
/// the next Python run.
fn end_later(current: &Rc<RefCell<Current>>, number: u32) {
    let current = current.clone();
    spawn_local(async move {
        if current.borrow().number == number {
            drop(current.take());
        }
        start_spare_python();
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
    Runner {
        start: start_callback(&current, &dispatch),
        start_python: start_python_callback(&current, &dispatch),
        stop: stop_callback(current, dispatch),
    }
}

/// Runs a program of the task list, live, at a time scale.
fn start_callback(
    current: &Rc<RefCell<Current>>,
    dispatch: &UseReducerDispatcher<Playground>,
) -> Callback<(Rc<CheckedProgram>, f64)> {
    let (current, dispatch) = (current.clone(), dispatch.clone());
    Callback::from(move |(program, time_scale): (Rc<CheckedProgram>, f64)| {
        let Begun {
            number,
            buffer,
            host,
            on_event,
        } = begin(&current, &dispatch, Action::RunStarted);
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
            number,
            buffer,
            ..Current::default()
        };
    })
}

/// Runs Python in CPython, in a worker.
fn start_python_callback(
    current: &Rc<RefCell<Current>>,
    dispatch: &UseReducerDispatcher<Playground>,
) -> Callback<String> {
    let (current, dispatch) = (current.clone(), dispatch.clone());
    Callback::from(move |python: String| {
        let begun = begin(&current, &dispatch, Action::PythonRunStarted);
        let (number, buffer) = (begun.number, begun.buffer.clone());
        let on_news = python_news_handler(&current, &dispatch, begun, python.clone());
        match PythonRun::start(&python, false, on_news) {
            Ok(run) => {
                let mut current = current.borrow_mut();
                current.python = Some(run);
                current.number = number;
                current.buffer = buffer;
            }
            Err(why) => dispatch.dispatch(Action::PythonFailed(PythonFailure::Broken(why))),
        }
    })
}

/// What the page does with the news of the Python run `begun` of `python`.
fn python_news_handler(
    current: &Rc<RefCell<Current>>,
    dispatch: &UseReducerDispatcher<Playground>,
    begun: Begun<impl Fn(Event) + 'static>,
    python: String,
) -> impl Fn(PythonNews) + 'static {
    let (current, dispatch) = (current.clone(), dispatch.clone());
    let Begun {
        number,
        buffer,
        host,
        on_event,
    } = begun;
    let buffer = Rc::downgrade(&buffer);
    let flush_now = {
        let dispatch = dispatch.clone();
        move || {
            if let Some(buffer) = buffer.upgrade() {
                flush(&buffer, &dispatch);
            }
        }
    };
    move |news: PythonNews| match news {
        PythonNews::Progress { loaded, total } => {
            dispatch.dispatch(Action::PythonLoading(Some((loaded, total))))
        }
        PythonNews::Ready => {
            dispatch.dispatch(Action::PythonLoading(None));
            let limit = time_limit(&current, &dispatch, number);
            if let Ok(mut held) = current.try_borrow_mut() {
                held.limit = Some(limit);
            }
        }
        PythonNews::Batch {
            events,
            output,
            notes,
        } => {
            events.into_iter().for_each(&on_event);
            if !output.is_empty() || !notes.is_empty() {
                dispatch.dispatch(Action::PythonOutput { output, notes });
            }
        }
        PythonNews::Ended(end) => {
            flush_now();
            if let Some(trace) = &host {
                post(&embed::done_python(&python, &trace.borrow()));
            }
            dispatch.dispatch(Action::RunFinished {
                total_ms: end.total_ms,
            });
            end_later(&current, number);
        }
        PythonNews::Failed(why) => {
            flush_now();
            dispatch.dispatch(Action::PythonFailed(PythonFailure::Broken(why)));
            end_later(&current, number);
        }
    }
}

/// The timer that stops Python run `number` at the wall-clock limit.
fn time_limit(
    current: &Rc<RefCell<Current>>,
    dispatch: &UseReducerDispatcher<Playground>,
    number: u32,
) -> Timeout {
    let (current, dispatch) = (current.clone(), dispatch.clone());
    Timeout::new(MAX_PYTHON_RUN_MS, move || {
        flush(&current.borrow().buffer, &dispatch);
        dispatch.dispatch(Action::PythonFailed(PythonFailure::Limit));
        end_later(&current, number);
    })
}

/// Stops the current run, keeping its number so that its late news is ignored.
fn stop_callback(
    current: Rc<RefCell<Current>>,
    dispatch: UseReducerDispatcher<Playground>,
) -> Callback<()> {
    Callback::from(move |()| {
        let stopped = current.take();
        let was_python = stopped.python.is_some();
        if stopped.is_running() {
            flush(&stopped.buffer, &dispatch);
            dispatch.dispatch(Action::RunStopped);
        }
        current.borrow_mut().number = stopped.number;
        drop(stopped);
        if was_python {
            start_spare_python();
        }
    })
}
