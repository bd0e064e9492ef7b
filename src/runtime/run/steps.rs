//! The interpreter: a task created, and a block's steps run in it, inline
//! `await`s recursing into the callee.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use futures::future::{AbortHandle, Abortable, LocalBoxFuture};
use futures::FutureExt;

use super::tasks::{Outcome, Raised, Shared, TaskRecord};
use crate::model::compute::compute;
use crate::model::program::{Step, Text, Work};
use crate::model::trace::{says, EventKind, Wait};
use crate::runtime::busy_wait;
use crate::runtime::event_loop::{call_soon, clock_moved, spawn, through_loop, yield_now};
use crate::runtime::fetch::fetch;
use crate::runtime::resource_counts::{Resource, Tracked};
use crate::runtime::sync::Completion;
use crate::runtime::timers::sleep;
use crate::runtime::workers::{default_size, Pool};

/// Creates a task: its first step waits in the ready queue. A task
/// cancelled before that step ends without running, and reports it from
/// a handle queued as the Python export's note, a done-callback added
/// before any other, would be.
pub(super) fn spawn_task(
    shared: &Rc<Shared>,
    name: String,
    block: usize,
    copy: u32,
    top: bool,
) -> Rc<TaskRecord> {
    let (abort, registration) = AbortHandle::new_pair();
    let task = Rc::new(TaskRecord {
        name: name.into(),
        block,
        abort,
        done: Completion::new(),
        started: Cell::new(false),
        suspended: Cell::new(false),
        joining: RefCell::new(None),
    });
    shared.tasks.borrow_mut().push(task.clone());
    let body = task_body(shared.clone(), task.clone(), copy, top);
    let record = task.clone();
    let shared = shared.clone();
    spawn(async move {
        let _tracked = Tracked::new(Resource::Task);
        let ended = Abortable::new(body, registration).await;
        let outcome = ended.unwrap_or_else(|_| {
            if record.started.get() {
                if record.suspended.get() {
                    shared.emit(&record.name, EventKind::Resume);
                }
                shared.emit(&record.name, EventKind::Cancelled);
            } else {
                // The note's done-callback, registered before any other.
                let (shared, name) = (shared.clone(), record.name.clone());
                call_soon(move || shared.emit(&name, EventKind::Cancelled));
            }
            Outcome::Cancelled
        });
        record.done.set(outcome);
    });
    task
}

pub(super) async fn task_body(
    shared: Rc<Shared>,
    task: Rc<TaskRecord>,
    copy: u32,
    top: bool,
) -> Outcome {
    task.started.set(true);
    shared.emit(&task.name, EventKind::Start);
    let permit = match shared.semaphore.as_ref().filter(|_| top) {
        Some(semaphore) if semaphore.locked() => {
            Some(suspended(&shared, &task, Wait::Semaphore, semaphore.acquire()).await)
        }
        Some(semaphore) => Some(semaphore.acquire().await),
        None => None,
    };
    let result = run_block(&shared, &task, task.block, copy, &Scope::default()).await;
    drop(permit);
    let outcome = match result {
        Ok(value) => Outcome::Done(value),
        Err(Raised::Error(message)) => Outcome::Failed(message),
        Err(Raised::Cancelled) => Outcome::Cancelled,
    };
    let kind = match &outcome {
        Outcome::Done(value) => EventKind::Done(value.clone()),
        Outcome::Failed(message) => EventKind::Failed(message.clone()),
        Outcome::Cancelled => EventKind::Cancelled,
    };
    shared.emit(&task.name, kind);
    outcome
}

/// Reports `wait` around an await, as the task gives the loop back.
pub(super) async fn suspended<T>(
    shared: &Shared,
    task: &TaskRecord,
    wait: Wait,
    future: impl std::future::Future<Output = T>,
) -> T {
    shared.emit(&task.name, EventKind::Suspend(wait));
    task.suspended.set(true);
    let value = future.await;
    task.suspended.set(false);
    shared.emit(&task.name, EventKind::Resume);
    value
}

/// `await` of a task this block spawned: its value, or what it raised;
/// cancelling the awaiting task meanwhile cancels the child (`joining`).
pub(super) async fn join(
    shared: &Shared,
    task: &TaskRecord,
    child: &Rc<TaskRecord>,
) -> Result<String, Raised> {
    let outcome = match child.done.get() {
        Some(outcome) => outcome,
        None => {
            *task.joining.borrow_mut() = Some(child.clone());
            let wait = Wait::Join(child.name.to_string());
            let outcome = suspended(shared, task, wait, child.done.wait()).await;
            task.joining.take();
            outcome
        }
    };
    match outcome {
        Outcome::Done(value) => Ok(value),
        Outcome::Failed(message) => Err(Raised::Error(message)),
        Outcome::Cancelled => Err(Raised::Cancelled),
    }
}

/// The results a block has awaited, and those of the blocks that called it.
#[derive(Default)]
pub(super) struct Scope<'a> {
    pub(super) results: RefCell<HashMap<String, String>>,
    pub(super) caller: Option<&'a Scope<'a>>,
}

impl Scope<'_> {
    pub(super) fn render(&self, text: &Text, copy: u32) -> String {
        let results: Vec<std::cell::Ref<HashMap<String, String>>> =
            std::iter::successors(Some(self), |scope| scope.caller)
                .map(|scope| scope.results.borrow())
                .collect();
        text.render(copy, |name| {
            results.iter().find_map(|r| r.get(name).map(String::as_str))
        })
    }
}

/// Runs a block's steps in `task`; inline `await`s recurse into the callee.
pub(super) fn run_block<'a>(
    shared: &'a Rc<Shared>,
    task: &'a Rc<TaskRecord>,
    block: usize,
    copy: u32,
    caller: &'a Scope<'a>,
) -> LocalBoxFuture<'a, Result<String, Raised>> {
    async move {
        let scope = Scope {
            results: RefCell::default(),
            caller: Some(caller),
        };
        let mut spawned: HashMap<&str, Rc<TaskRecord>> = HashMap::new();
        let name = &task.name;
        for step in &shared.program.blocks[block].steps {
            match step {
                Step::Print(text) => shared.emit(name, EventKind::Print(scope.render(text, copy))),
                Step::Sleep(amount) => {
                    let ms = amount.at(copy);
                    let wait = Wait::Sleep(ms);
                    if ms == 0 {
                        suspended(shared, task, wait, yield_now()).await;
                    } else {
                        let timer = sleep(shared.scaled(ms)).through_loop();
                        suspended(shared, task, wait, timer).await;
                    }
                }
                Step::Yield => suspended(shared, task, Wait::Yield, yield_now()).await,
                Step::Block(amount) => {
                    let ms = amount.at(copy);
                    shared.emit(name, EventKind::Block(Work::Block, ms));
                    busy_wait::hold_the_loop(shared.scaled(ms));
                    clock_moved();
                }
                Step::Compute(amount) => {
                    let units = amount.at(copy);
                    shared.emit(name, EventKind::Block(Work::Compute, units));
                    std::hint::black_box(compute(units));
                    clock_moved();
                }
                Step::Offload(work, amount) => {
                    let amount = amount.at(copy);
                    let size = shared
                        .program
                        .workers
                        .map_or_else(default_size, |w| w as usize);
                    let sent = if *work == Work::Block {
                        shared.scaled(amount).round() as u64
                    } else {
                        amount
                    };
                    let job = through_loop(Pool::shared(size).run(*work, sent));
                    suspended(shared, task, Wait::Worker(*work, amount), job)
                        .await
                        .map_err(Raised::Error)?;
                }
                Step::Fetch { url, select } => {
                    let url = scope.render(url, copy);
                    let latency = shared.scaled(u64::from(shared.program.latency_ms));
                    let request = async {
                        if latency > 0.0 {
                            sleep(latency).await;
                        }
                        fetch(&url, select.as_deref()).await
                    };
                    let request = through_loop(request);
                    let fetched = suspended(shared, task, Wait::Fetch(url.clone()), request)
                        .await
                        .map_err(Raised::Error)?;
                    shared.emit(
                        name,
                        EventKind::Fetched {
                            status: fetched.status,
                            bytes: fetched.bytes,
                            items: fetched.items,
                        },
                    );
                }
                Step::CallSoon(text) => {
                    let text = scope.render(text, copy);
                    let tracked = Tracked::new(Resource::Callback);
                    let shared = shared.clone();
                    call_soon(move || {
                        shared.emit(&shared.loop_task, EventKind::Callback(text));
                        drop(tracked);
                    });
                }
                Step::Spawn(callee) => {
                    let child_name = shared.unique_name(callee);
                    let child = spawn_task(
                        shared,
                        child_name,
                        shared.program.block_of(callee),
                        copy,
                        false,
                    );
                    shared.emit(name, EventKind::Spawn(child.name.to_string()));
                    spawned.insert(callee, child);
                }
                Step::Await(callee) => {
                    let value = match spawned.get(callee.as_str()) {
                        Some(child) => join(shared, task, child).await?,
                        None => {
                            shared.emit(name, EventKind::Enter(callee.clone()));
                            let value = run_block(
                                shared,
                                task,
                                shared.program.block_of(callee),
                                copy,
                                &scope,
                            )
                            .await?;
                            shared.emit(
                                name,
                                EventKind::Exit {
                                    name: callee.clone(),
                                    value: value.clone(),
                                },
                            );
                            value
                        }
                    };
                    scope.results.borrow_mut().insert(callee.clone(), value);
                }
                Step::Call(callee) => {
                    shared.emit(name, EventKind::Warning(says::never_awaited(callee)))
                }
                Step::Return(text) => return Ok(scope.render(text, copy)),
                Step::Fail(text) => return Err(Raised::Error(scope.render(text, copy))),
            }
        }
        Ok("None".into())
    }
    .boxed_local()
}
