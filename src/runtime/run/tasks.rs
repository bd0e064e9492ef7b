//! The records of a run's tasks, how each ended, and what every task of
//! a run shares: the program, the clock, the names taken and the events'
//! way out.

use std::cell::{Cell, RefCell};
use std::collections::HashSet;
use std::rc::Rc;

use futures::future::AbortHandle;

use crate::model::program::CheckedProgram;
use crate::model::trace::{says, unique_task_name, Event, EventKind, LOOP, MAIN};
use crate::runtime::event_loop::time;
use crate::runtime::lag::LagMeter;
use crate::runtime::sync::{Completion, Semaphore};

/// How a task ended.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Outcome {
    Done(String),
    Failed(String),
    Cancelled,
}

/// Why a block stopped early: an exception, or the cancellation of a task it joined.
#[derive(Debug, Clone)]
pub(super) enum Raised {
    Error(String),
    Cancelled,
}

/// One task of the run.
pub(super) struct TaskRecord {
    pub(super) name: Rc<str>,
    pub(super) block: usize,
    pub(super) abort: AbortHandle,
    pub(super) done: Rc<Completion<Outcome>>,
    pub(super) started: Cell<bool>,
    pub(super) suspended: Cell<bool>,
    pub(super) joining: RefCell<Option<Rc<TaskRecord>>>,
}

/// What every task of a run shares.
pub(super) struct Shared {
    pub(super) program: CheckedProgram,
    pub(super) scale: f64,
    pub(super) record: bool,
    /// The loop's time when `main` first ran: time 0 is `main`'s start, as
    /// in the simulator, whatever the page did between the Run button and then.
    pub(super) origin: Cell<f64>,
    pub(super) stopped: Cell<bool>,
    pub(super) on_event: Box<dyn Fn(Event)>,
    pub(super) main_task: Rc<str>,
    pub(super) loop_task: Rc<str>,
    pub(super) tasks: RefCell<Vec<Rc<TaskRecord>>>,
    /// The task names taken, made when the first task is spawned.
    pub(super) names: RefCell<Option<HashSet<String>>>,
    pub(super) semaphore: Option<Rc<Semaphore>>,
    pub(super) lag: RefCell<Option<LagMeter>>,
}

impl Shared {
    pub(super) fn emit(&self, task: &Rc<str>, kind: EventKind) {
        if self.record && !self.stopped.get() {
            (self.on_event)(Event {
                t_ms: self.now(),
                task: task.clone(),
                kind,
            });
        }
    }

    /// Ms since `main` started, on the loop's clock ([`time`]).
    pub(super) fn now(&self) -> f64 {
        time() - self.origin.get()
    }

    pub(super) fn scaled(&self, ms: u64) -> f64 {
        ms as f64 * self.scale
    }

    /// A spawned task's name, as the simulator gives it.
    pub(super) fn unique_name(&self, name: &str) -> String {
        let mut names = self.names.borrow_mut();
        let taken = names.get_or_insert_with(|| {
            let instances = self.program.task_instances().into_iter();
            let mut taken: HashSet<String> = instances.map(|(name, _, _)| name).collect();
            taken.extend([MAIN, LOOP].map(String::from));
            taken
        });
        unique_task_name(taken, name)
    }
}

/// `Task.cancel()`: a task joining another cancels that one and ends when
/// it does; any other is thrown `CancelledError` at its next step. False
/// when the task has already ended.
pub(super) fn cancel(task: &Rc<TaskRecord>) -> bool {
    if task.done.get().is_some() {
        return false;
    }
    let joined = task.joining.borrow().clone();
    if joined.is_some_and(|joined| cancel(&joined)) {
        return true;
    }
    task.abort.abort();
    true
}

pub(super) fn outcome_text(outcome: &Outcome) -> String {
    match outcome {
        Outcome::Done(value) => value.clone(),
        Outcome::Failed(message) => says::failed(message),
        Outcome::Cancelled => says::CANCELLED.into(),
    }
}

pub(super) fn raised(outcome: Outcome) -> Result<String, String> {
    match outcome {
        Outcome::Done(value) => Ok(value),
        Outcome::Failed(message) => Err(message),
        Outcome::Cancelled => Err(says::CANCELLED.into()),
    }
}
