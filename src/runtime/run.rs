//! Runs a program for real on the browser's event loop: every task is a
//! future spawned with wasm-bindgen-futures, `main` drives them with futures
//! combinators, and each step reports its event with `performance.now()`.

use std::cell::{Cell, RefCell};
use std::collections::{HashMap, HashSet};
use std::rc::{Rc, Weak};

use futures::future::{
    join_all, select, select_all, try_join_all, AbortHandle, Abortable, Either, LocalBoxFuture,
};
use futures::stream::{FuturesUnordered, StreamExt};
use futures::FutureExt;
use wasm_bindgen_futures::spawn_local;

use super::clock::Clock;
use super::fetch::fetch;
use super::hold;
use super::lag::LagMeter;
use super::live::{Resource, Tracked};
use super::sync::{Completion, Semaphore};
use super::timers::sleep;
use super::turn::next_turn;
use super::workers::{default_size, Pool};
use crate::model::program::{Program, RunMode, Step, Text, Work};
use crate::model::trace::{unique_task_name, Event, EventKind, Wait, LOOP, MAIN};
use crate::model::work::compute;

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

/// How a task ended.
#[derive(Debug, Clone, PartialEq)]
enum Outcome {
    Done(String),
    Failed(String),
    Cancelled,
}

/// Why a block stopped early: an exception, or the cancellation of a task it joined.
enum Raised {
    Error(String),
    Cancelled,
}

/// One task of the run.
struct TaskRecord {
    name: Rc<str>,
    block: usize,
    abort: AbortHandle,
    done: Rc<Completion<Outcome>>,
    started: Cell<bool>,
    suspended: Cell<bool>,
    joining: RefCell<Option<Rc<TaskRecord>>>,
}

/// Task polls in a row whose events share one clock reading at most.
const POLLS_PER_READING: u32 = 16;

/// A clock reading, and how many more task polls may use it.
#[derive(Clone, Copy)]
struct Reading {
    ms: f64,
    polls_left: u32,
}

/// What every task of a run shares.
struct Shared {
    program: Program,
    scale: f64,
    record: bool,
    /// Started when `main` first runs: time 0 is `main`'s start, as in the
    /// simulator, whatever the page did between the Run button and then.
    clock: Cell<Clock>,
    /// The last clock reading, shared by the events of the next few task
    /// polls in a row (see [`Shared::now`]).
    reading: Cell<Option<Reading>>,
    in_poll: Cell<bool>,
    /// Whether a task that forgets the reading is queued.
    forgetting: Cell<bool>,
    /// This run, for the task that forgets the reading when the loop moves on.
    me: Weak<Shared>,
    stopped: Cell<bool>,
    on_event: Box<dyn Fn(Event)>,
    main_task: Rc<str>,
    loop_task: Rc<str>,
    tasks: RefCell<Vec<Rc<TaskRecord>>>,
    names: RefCell<HashSet<String>>,
    semaphore: Option<Rc<Semaphore>>,
    lag: RefCell<Option<LagMeter>>,
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
    /// Cancels the run.
    pub fn stop(&self) {
        self.shared.stopped.set(true);
        self.main.abort();
        for task in self.shared.tasks.borrow().iter() {
            task.abort.abort();
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

impl Shared {
    fn emit(&self, task: &Rc<str>, kind: EventKind) {
        if self.record && !self.stopped.get() {
            (self.on_event)(Event {
                t_ms: self.now(),
                task: task.clone(),
                kind,
            });
        }
    }

    /// Ms since the run started. Reading the clock costs more than making an
    /// event, so within task polls one reading serves the events of up to
    /// [`POLLS_PER_READING`] polls that run back to back; it is forgotten
    /// once the tasks queued with it have run, and after a step that held
    /// the loop. Other events read the clock, and bring the reading up to
    /// date, so times never go back.
    fn now(&self) -> f64 {
        let reading = self.reading.get();
        if !self.in_poll.get() {
            let ms = self.clock.get().elapsed_ms();
            self.reading.set(reading.map(|r| Reading { ms, ..r }));
            return ms;
        }
        if let Some(reading) = reading {
            return reading.ms;
        }
        let ms = self.clock.get().elapsed_ms();
        self.reading.set(Some(Reading {
            ms,
            polls_left: POLLS_PER_READING,
        }));
        if !self.forgetting.replace(true) {
            let me = self.me.clone();
            spawn_local(async move {
                if let Some(shared) = me.upgrade() {
                    shared.reading.set(None);
                    shared.forgetting.set(false);
                }
            });
        }
        ms
    }

    /// Forgets the reading after a step held the loop.
    fn held(&self) {
        self.reading.set(None);
    }

    /// Counts a task poll against the reading.
    fn polled(&self) {
        let left = self
            .reading
            .get()
            .map(|r| Reading {
                polls_left: r.polls_left - 1,
                ..r
            })
            .filter(|r| r.polls_left > 0);
        self.reading.set(left);
    }

    fn scaled(&self, ms: u64) -> f64 {
        ms as f64 * self.scale
    }

    fn block_index(&self, name: &str) -> usize {
        self.program
            .block_index(name)
            .expect("a checked program names known blocks")
    }

    /// A spawned task's name, as the simulator gives it.
    fn unique_name(&self, name: &str) -> String {
        unique_task_name(&mut self.names.borrow_mut(), name)
    }
}

/// Starts `program` on the event loop. `on_event` gets each event as it
/// happens; `on_finish` gets the total time in ms when `main` is done.
pub fn run(
    program: &Program,
    options: RunOptions,
    on_event: impl Fn(Event) + 'static,
    on_finish: impl FnOnce(f64) + 'static,
) -> RunHandle {
    let mut names: HashSet<String> = [MAIN, LOOP].iter().map(|s| s.to_string()).collect();
    names.extend(
        program
            .task_instances()
            .into_iter()
            .map(|(name, _, _)| name),
    );
    let semaphore = match program.mode {
        RunMode::Limit(n) => Some(Semaphore::new(n as usize)),
        _ => None,
    };
    let shared = Rc::new_cyclic(|me| Shared {
        program: program.clone(),
        scale: options.time_scale,
        record: options.record,
        clock: Cell::new(Clock::start()),
        reading: Cell::new(None),
        forgetting: Cell::new(false),
        in_poll: Cell::new(false),
        me: me.clone(),
        stopped: Cell::new(false),
        on_event: Box::new(on_event),
        main_task: MAIN.into(),
        loop_task: LOOP.into(),
        tasks: RefCell::new(Vec::new()),
        names: RefCell::new(names),
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
            shared.clock.set(Clock::start());
            let total = drive(&shared).await;
            finished.set(true);
            if let Some(meter) = shared.lag.take() {
                meter.finish();
            }
            if !shared.stopped.get() {
                on_finish(total);
            }
        }
    };
    let polled = task_polls(shared.clone(), driver);
    spawn_local(async move {
        let _tracked = Tracked::new(Resource::Task);
        let _ = Abortable::new(polled, registration).await;
    });
    RunHandle {
        shared,
        main,
        finished,
    }
}

/// `main`: runs the top-level tasks by the program's mode, reports their
/// outcomes, then cancels what is left, as `asyncio.run` does. Returns the
/// time `main` ended.
async fn drive(shared: &Rc<Shared>) -> f64 {
    shared.emit(&shared.main_task, EventKind::Start);
    let outcome = run_mode(shared).await;
    let total = shared.clock.get().elapsed_ms();
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
    join_all(left.iter().map(|t| t.done.wait())).await;
    total
}

/// `Task.cancel()`: a task joining another cancels that one and ends when it does.
fn cancel(task: &Rc<TaskRecord>) {
    if task.done.get().is_some() {
        return;
    }
    let joined = task.joining.borrow().clone();
    match joined {
        Some(joined) if joined.done.get().is_none() => cancel(&joined),
        _ => task.abort.abort(),
    }
}

fn outcome_text(outcome: &Outcome) -> String {
    match outcome {
        Outcome::Done(value) => value.clone(),
        Outcome::Failed(message) => format!("error: {message}"),
        Outcome::Cancelled => "cancelled".into(),
    }
}

fn raised(outcome: Outcome) -> Result<String, String> {
    match outcome {
        Outcome::Done(value) => Ok(value),
        Outcome::Failed(message) => Err(message),
        Outcome::Cancelled => Err("cancelled".into()),
    }
}

async fn run_mode(shared: &Rc<Shared>) -> Result<(), String> {
    let instances: Vec<(String, usize, u32)> = shared
        .program
        .task_instances()
        .into_iter()
        .map(|(name, block, copy)| (name, shared.block_index(&block.name), copy))
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
    if shared.program.mode == RunMode::Sequential {
        for (name, block, copy) in instances {
            let task = spawn_task(shared, name, block, copy, true);
            shared.emit(
                &shared.main_task,
                EventKind::Suspend(Wait::Join(task.name.to_string())),
            );
            let outcome = task.done.wait().await;
            shared.emit(&shared.main_task, EventKind::Resume);
            result(&task, raised(outcome)?);
        }
        return Ok(());
    }
    let tasks: Vec<Rc<TaskRecord>> = instances
        .into_iter()
        .map(|(name, block, copy)| spawn_task(shared, name, block, copy, true))
        .collect();
    let gathered = || try_join_all(tasks.iter().map(|t| t.done.wait().map(raised)));
    match shared.program.mode {
        RunMode::Sequential => unreachable!("handled above"),
        RunMode::Gather | RunMode::Limit(_) => {
            shared.emit(&shared.main_task, EventKind::Suspend(Wait::Gather));
            let values = gathered().await;
            shared.emit(&shared.main_task, EventKind::Resume);
            for (task, value) in tasks.iter().zip(values?) {
                result(task, value);
            }
        }
        RunMode::Timeout(ms) => {
            shared.emit(&shared.main_task, EventKind::Suspend(Wait::Gather));
            let timer = sleep(shared.scaled(u64::from(ms)));
            match select(Box::pin(gathered()), Box::pin(timer)).await {
                Either::Left((values, _)) => {
                    shared.emit(&shared.main_task, EventKind::Resume);
                    for (task, value) in tasks.iter().zip(values?) {
                        result(task, value);
                    }
                }
                Either::Right(_) => {
                    for task in &tasks {
                        cancel(task);
                    }
                    join_all(tasks.iter().map(|t| t.done.wait())).await;
                    shared.emit(&shared.main_task, EventKind::Resume);
                    return Err(format!("timeout after {ms} ms"));
                }
            }
        }
        RunMode::Wait => {
            shared.emit(&shared.main_task, EventKind::Suspend(Wait::Wait));
            let outcomes = join_all(tasks.iter().map(|t| t.done.wait())).await;
            shared.emit(&shared.main_task, EventKind::Resume);
            for (task, outcome) in tasks.iter().zip(&outcomes) {
                result(task, outcome_text(outcome));
            }
        }
        RunMode::Race => {
            shared.emit(&shared.main_task, EventKind::Suspend(Wait::Race));
            let (outcome, winner, _) =
                select_all(tasks.iter().map(|t| Box::pin(t.done.wait()))).await;
            shared.emit(&shared.main_task, EventKind::Resume);
            result(&tasks[winner], raised(outcome)?);
        }
        RunMode::AsCompleted => {
            let mut pending: FuturesUnordered<_> = tasks
                .iter()
                .enumerate()
                .map(|(i, t)| t.done.wait().map(move |o| (i, o)))
                .collect();
            for _ in 0..tasks.len() {
                shared.emit(&shared.main_task, EventKind::Suspend(Wait::AsCompleted));
                let (index, outcome) = pending.next().await.expect("one completion per task");
                shared.emit(&shared.main_task, EventKind::Resume);
                result(&tasks[index], raised(outcome)?);
            }
        }
    }
    Ok(())
}

/// Creates a task: its future is spawned on the loop and starts on a later turn.
fn spawn_task(
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
    let body = task_polls(
        shared.clone(),
        task_body(shared.clone(), task.clone(), copy, top),
    );
    let record = task.clone();
    let shared = shared.clone();
    spawn_local(async move {
        let _tracked = Tracked::new(Resource::Task);
        let outcome = match Abortable::new(body, registration).await {
            Ok(outcome) => outcome,
            Err(_) => {
                if record.suspended.get() {
                    shared.emit(&record.name, EventKind::Resume);
                }
                shared.emit(&record.name, EventKind::Cancelled);
                Outcome::Cancelled
            }
        };
        record.done.set(outcome);
    });
    task
}

async fn task_body(shared: Rc<Shared>, task: Rc<TaskRecord>, copy: u32, top: bool) -> Outcome {
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

/// Polls `future` as one of the run's tasks, whose events take their time
/// from [`Shared::now`]'s shared reading.
fn task_polls<T>(
    shared: Rc<Shared>,
    future: impl std::future::Future<Output = T>,
) -> impl std::future::Future<Output = T> {
    let mut future = Box::pin(future);
    std::future::poll_fn(move |cx| {
        shared.in_poll.set(true);
        let polled = future.as_mut().poll(cx);
        shared.in_poll.set(false);
        shared.polled();
        polled
    })
}

/// Reports `wait` around an await, as the task gives the loop back.
async fn suspended<T>(
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

/// The results a block has awaited, and those of the blocks that called it.
#[derive(Default)]
struct Scope<'a> {
    results: RefCell<HashMap<String, String>>,
    caller: Option<&'a Scope<'a>>,
}

impl Scope<'_> {
    fn render(&self, text: &Text, copy: u32) -> String {
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
fn run_block<'a>(
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
                    if ms == 0 {
                        suspended(shared, task, Wait::Sleep(0), next_turn()).await;
                    } else {
                        suspended(shared, task, Wait::Sleep(ms), sleep(shared.scaled(ms))).await;
                    }
                }
                Step::Yield => suspended(shared, task, Wait::Yield, next_turn()).await,
                Step::Block(amount) => {
                    let ms = amount.at(copy);
                    shared.emit(name, EventKind::Block(Work::Block, ms));
                    hold::block(shared.scaled(ms));
                    shared.held();
                }
                Step::Compute(amount) => {
                    let units = amount.at(copy);
                    shared.emit(name, EventKind::Block(Work::Compute, units));
                    std::hint::black_box(compute(units));
                    shared.held();
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
                    let job = Pool::shared(size).run(*work, sent);
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
                    spawn_local(async move {
                        shared.emit(&shared.loop_task, EventKind::Callback(text));
                        drop(tracked);
                    });
                }
                Step::Spawn(callee) => {
                    let child_name = shared.unique_name(callee);
                    let child =
                        spawn_task(shared, child_name, shared.block_index(callee), copy, false);
                    shared.emit(name, EventKind::Spawn(child.name.to_string()));
                    spawned.insert(callee, child);
                }
                Step::Await(callee) => {
                    let value = match spawned.get(callee.as_str()) {
                        Some(child) => {
                            let outcome = match child.done.get() {
                                Some(outcome) => outcome,
                                None => {
                                    *task.joining.borrow_mut() = Some(child.clone());
                                    let outcome = suspended(
                                        shared,
                                        task,
                                        Wait::Join(child.name.to_string()),
                                        child.done.wait(),
                                    )
                                    .await;
                                    task.joining.take();
                                    outcome
                                }
                            };
                            match outcome {
                                Outcome::Done(value) => value,
                                Outcome::Failed(message) => return Err(Raised::Error(message)),
                                Outcome::Cancelled => return Err(Raised::Cancelled),
                            }
                        }
                        None => {
                            shared.emit(name, EventKind::Enter(callee.clone()));
                            let value =
                                run_block(shared, task, shared.block_index(callee), copy, &scope)
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
                Step::Call(callee) => shared.emit(
                    name,
                    EventKind::Warning(format!("coroutine '{callee}' was never awaited")),
                ),
                Step::Return(text) => return Ok(scope.render(text, copy)),
                Step::Fail(text) => return Err(Raised::Error(scope.render(text, copy))),
            }
        }
        Ok("None".into())
    }
    .boxed_local()
}
