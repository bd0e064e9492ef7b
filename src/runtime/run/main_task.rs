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

pub(super) async fn run_mode(shared: &Rc<Shared>) -> Result<(), String> {
    let instances: Vec<(String, usize, u32)> = shared
        .program
        .task_instances()
        .into_iter()
        .map(|(name, block, copy)| (name, shared.program.block_of(&block.name), copy))
        .collect();
    let result = |task: &TaskRecord, outcome: String| {
        shared.emit(
            &shared.main_task,
            EventKind::Result {
                task: task.name.to_string(),
                outcome,
            },
        )
    };
    let main = &shared.main_task;
    if shared.program.mode == RunMode::Sequential {
        for (name, block, copy) in instances {
            let task = spawn_task(shared, name, block, copy, true);
            shared.emit(main, EventKind::Suspend(Wait::Join(task.name.to_string())));
            let outcome = task.done.wait().await;
            shared.emit(main, EventKind::Resume);
            result(&task, raised(outcome)?);
        }
        return Ok(());
    }
    let tasks: Vec<Rc<TaskRecord>> = instances
        .into_iter()
        .map(|(name, block, copy)| spawn_task(shared, name, block, copy, true))
        .collect();
    match shared.program.mode {
        RunMode::Sequential => unreachable!("handled above"),
        RunMode::Gather | RunMode::Limit(_) | RunMode::Timeout(_) => {
            let gathering = Gathering::new(&tasks);
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
                    for task in &tasks {
                        let value = task.done.get().map(raised).and_then(Result::ok);
                        result(task, value.unwrap_or_default());
                    }
                }
                (Err(Raised::Error(message)), _) => return Err(message),
                (Err(Raised::Cancelled), RunMode::Timeout(ms)) if cancelled.expired.get() => {
                    return Err(says::timeout(ms))
                }
                (Err(Raised::Cancelled), _) => return Err(says::CANCELLED.into()),
            }
        }
        RunMode::Wait | RunMode::Race => {
            let race = shared.program.mode == RunMode::Race;
            let group = WaitGroup::new(&tasks, race);
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
                result(winner, raised(outcome)?);
            } else {
                for task in &tasks {
                    let outcome = task.done.get().expect("wait ends when every task has");
                    result(task, outcome_text(&outcome));
                }
            }
        }
        RunMode::AsCompleted => {
            let arrivals = Arrivals::new(&tasks);
            for _ in 0..tasks.len() {
                shared.emit(main, EventKind::Suspend(Wait::AsCompleted));
                let index = arrivals.next().await;
                shared.emit(main, EventKind::Resume);
                let outcome = tasks[index].done.get().expect("an arrival has ended");
                result(&tasks[index], raised(outcome)?);
            }
        }
    }
    Ok(())
}
