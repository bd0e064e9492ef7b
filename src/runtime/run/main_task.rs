//! `main`: its run mode over the program's tasks, and its own cancellation
//! when `timeout` asks for it.

use std::cell::Cell;
use std::rc::Rc;

use super::combinators::{Arrivals, Gathering, WaitGroup};
use super::steps::spawn_task;
use super::tasks::{outcome_text, raised, Raised, Shared, TaskRecord};
use crate::model::program::RunMode;
use crate::model::trace::{says, EventKind, Wait};
use crate::runtime::timers::call_later;

/// `main`'s own cancellation, which only `timeout` asks for: the outer
/// future it waits on is cancelled, or else its next step is.
#[derive(Default)]
pub(super) struct MainCancel {
    pub(super) expired: Cell<bool>,
    pub(super) must_cancel: Cell<bool>,
}

/// Runs the program's top-level tasks as its run mode says, recording each
/// result as `main` sees it; the error `main` ends with, if any.
pub(super) async fn run_mode(shared: &Rc<Shared>) -> Result<(), String> {
    let instances = shared
        .program
        .task_instances()
        .into_iter()
        .map(|(name, block, copy)| (name, shared.program.block_of(&block.name), copy));
    if shared.program.mode == RunMode::Sequential {
        for (name, block, copy) in instances {
            let task = spawn_task(shared, name, block, copy, true);
            let main = &shared.main_task;
            shared.emit(main, EventKind::Suspend(Wait::Join(task.name.to_string())));
            let outcome = task.done.wait().await;
            shared.emit(main, EventKind::Resume);
            record_result(shared, &task, raised(outcome)?);
        }
        return Ok(());
    }
    let tasks: Vec<Rc<TaskRecord>> = instances
        .map(|(name, block, copy)| spawn_task(shared, name, block, copy, true))
        .collect();
    match shared.program.mode {
        RunMode::Sequential => unreachable!("handled above"),
        RunMode::Gather | RunMode::Limit(_) | RunMode::Timeout(_) => gather(shared, &tasks).await,
        RunMode::Wait => wait(shared, &tasks, false).await,
        RunMode::Race => wait(shared, &tasks, true).await,
        RunMode::AsCompleted => as_completed(shared, &tasks).await,
    }
}

/// `main` records the result of `task` it has received.
fn record_result(shared: &Shared, task: &TaskRecord, outcome: String) {
    shared.emit(
        &shared.main_task,
        EventKind::Result {
            task: task.name.to_string(),
            outcome,
        },
    );
}

/// `gather` over `tasks`, within `asyncio.timeout` when the mode is `timeout`.
async fn gather(shared: &Rc<Shared>, tasks: &[Rc<TaskRecord>]) -> Result<(), String> {
    let main = &shared.main_task;
    let gathering = Gathering::new(tasks);
    let cancelled = Rc::new(MainCancel::default());
    shared.emit(main, EventKind::Suspend(Wait::Gather));
    let timer = match shared.program.mode {
        RunMode::Timeout(ms) => {
            let (gathering, cancelled) = (gathering.clone(), cancelled.clone());
            Some(call_later(shared.scaled(u64::from(ms)), move || {
                cancelled.expired.set(true);
                if !gathering.cancel() {
                    cancelled.must_cancel.set(true);
                }
            }))
        }
        _ => None,
    };
    let ended = gathering.done.wait().await;
    shared.emit(main, EventKind::Resume);
    drop(timer);
    let ended = if cancelled.must_cancel.get() {
        Err(Raised::Cancelled)
    } else {
        ended
    };
    match (ended, shared.program.mode) {
        (Ok(()), _) => {
            for task in tasks {
                let value = task.done.get().map(raised).and_then(Result::ok);
                record_result(shared, task, value.unwrap_or_default());
            }
            Ok(())
        }
        (Err(Raised::Error(message)), _) => Err(message),
        (Err(Raised::Cancelled), RunMode::Timeout(ms)) if cancelled.expired.get() => {
            Err(says::timeout(ms))
        }
        (Err(Raised::Cancelled), _) => Err(says::CANCELLED.into()),
    }
}

/// `asyncio.wait` over `tasks`: until all have ended, or the first when `race`.
async fn wait(shared: &Rc<Shared>, tasks: &[Rc<TaskRecord>], race: bool) -> Result<(), String> {
    let main = &shared.main_task;
    let group = WaitGroup::new(tasks, race);
    shared.emit(
        main,
        EventKind::Suspend(if race { Wait::Race } else { Wait::Wait }),
    );
    group.done.wait().await;
    shared.emit(main, EventKind::Resume);
    group.closed.set(true);
    if race {
        let (winner, outcome) = tasks
            .iter()
            .find_map(|t| t.done.get().map(|outcome| (t, outcome)))
            .expect("a race ends when a task has");
        record_result(shared, winner, raised(outcome)?);
    } else {
        for task in tasks {
            let outcome = task.done.get().expect("wait ends when every task has");
            record_result(shared, task, outcome_text(&outcome));
        }
    }
    Ok(())
}

/// `asyncio.as_completed` over `tasks`: each result as its task ends.
async fn as_completed(shared: &Rc<Shared>, tasks: &[Rc<TaskRecord>]) -> Result<(), String> {
    let main = &shared.main_task;
    let arrivals = Arrivals::new(tasks);
    for _ in 0..tasks.len() {
        shared.emit(main, EventKind::Suspend(Wait::AsCompleted));
        let index = arrivals.next().await;
        shared.emit(main, EventKind::Resume);
        let outcome = tasks[index].done.get().expect("an arrival has ended");
        record_result(shared, &tasks[index], raised(outcome)?);
    }
    Ok(())
}
