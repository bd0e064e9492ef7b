//! Runs a program for real on the browser's event loop: every task is a
//! future on the runtime's asyncio-like loop (`event_loop`), `main` waits on
//! its tasks through done-callbacks as asyncio's `gather`, `wait` and
//! `as_completed` do, and each step reports its event with `performance.now()`.

use std::cell::{Cell, RefCell};
use std::collections::{HashMap, HashSet, VecDeque};
use std::rc::Rc;

use futures::future::{AbortHandle, Abortable, LocalBoxFuture};
use futures::FutureExt;

use super::event_loop::{
    call_later, call_soon, clock_moved, drained, spawn, through_loop, time, yield_now,
};
use super::fetch::fetch;
use super::hold;
use super::lag::LagMeter;
use super::live::{Resource, Tracked};
use super::sync::{Completion, Semaphore};
use super::timers::sleep;
use super::workers::{default_size, Pool};
use crate::model::program::{CheckedProgram, RunMode, Step, Text, Work};
use crate::model::trace::{says, unique_task_name, Event, EventKind, Wait, LOOP, MAIN};
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
#[derive(Debug, Clone)]
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

/// What every task of a run shares.
struct Shared {
    program: CheckedProgram,
    scale: f64,
    record: bool,
    /// The loop's time when `main` first ran: time 0 is `main`'s start, as
    /// in the simulator, whatever the page did between the Run button and then.
    origin: Cell<f64>,
    stopped: Cell<bool>,
    on_event: Box<dyn Fn(Event)>,
    main_task: Rc<str>,
    loop_task: Rc<str>,
    tasks: RefCell<Vec<Rc<TaskRecord>>>,
    /// The task names taken, made when the first task is spawned.
    names: RefCell<Option<HashSet<String>>>,
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

    /// Ms since `main` started, on the loop's clock ([`time`]).
    fn now(&self) -> f64 {
        time() - self.origin.get()
    }

    fn scaled(&self, ms: u64) -> f64 {
        ms as f64 * self.scale
    }

    /// A spawned task's name, as the simulator gives it.
    fn unique_name(&self, name: &str) -> String {
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

/// Starts `program` on the event loop. `on_event` gets each event as it
/// happens; `on_finish` gets the total time in ms when `main` is done.
pub fn run(
    program: &CheckedProgram,
    options: RunOptions,
    on_event: impl Fn(Event) + 'static,
    on_finish: impl FnOnce(f64) + 'static,
) -> RunHandle {
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
    spawn(async move {
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

/// `Task.cancel()`: a task joining another cancels that one and ends when
/// it does; any other is thrown `CancelledError` at its next step. False
/// when the task has already ended.
fn cancel(task: &Rc<TaskRecord>) -> bool {
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

fn outcome_text(outcome: &Outcome) -> String {
    match outcome {
        Outcome::Done(value) => value.clone(),
        Outcome::Failed(message) => says::failed(message),
        Outcome::Cancelled => says::CANCELLED.into(),
    }
}

fn raised(outcome: Outcome) -> Result<String, String> {
    match outcome {
        Outcome::Done(value) => Ok(value),
        Outcome::Failed(message) => Err(message),
        Outcome::Cancelled => Err(says::CANCELLED.into()),
    }
}

/// `asyncio.gather`'s outer future: a done-callback on each child counts
/// it; the first failure or cancellation, or the last child, settles it.
struct Gathering {
    children: Vec<Rc<TaskRecord>>,
    finished: Cell<usize>,
    cancel_requested: Cell<bool>,
    done: Rc<Completion<Result<(), Raised>>>,
}

impl Gathering {
    fn new(children: &[Rc<TaskRecord>]) -> Rc<Self> {
        let gathering = Rc::new(Self {
            children: children.to_vec(),
            finished: Cell::new(0),
            cancel_requested: Cell::new(false),
            done: Completion::new(),
        });
        for child in children {
            let gathering = gathering.clone();
            child
                .done
                .on_done(move |outcome| gathering.child_done(outcome));
        }
        gathering
    }

    /// `_done_callback`.
    fn child_done(&self, outcome: &Outcome) {
        self.finished.set(self.finished.get() + 1);
        if self.done.get().is_some() {
            return;
        }
        match outcome {
            Outcome::Cancelled => self.done.set(Err(Raised::Cancelled)),
            Outcome::Failed(message) => self.done.set(Err(Raised::Error(message.clone()))),
            Outcome::Done(_) if self.finished.get() == self.children.len() => {
                self.done.set(if self.cancel_requested.get() {
                    Err(Raised::Cancelled)
                } else {
                    Ok(())
                });
            }
            Outcome::Done(_) => {}
        }
    }

    /// `_GatheringFuture.cancel()`: cancels every child; false when there
    /// was nothing left to cancel.
    fn cancel(&self) -> bool {
        if self.done.get().is_some() {
            return false;
        }
        let any = self
            .children
            .iter()
            .fold(false, |any, child| cancel(child) | any);
        if any {
            self.cancel_requested.set(true);
        }
        any
    }
}

/// `asyncio.wait`'s waiter: settled when every child (or, for `race`, the
/// first) has ended; its callbacks are taken off once `main` resumes.
struct WaitGroup {
    remaining: Cell<usize>,
    first: bool,
    closed: Cell<bool>,
    done: Rc<Completion<()>>,
}

impl WaitGroup {
    fn new(children: &[Rc<TaskRecord>], first: bool) -> Rc<Self> {
        let group = Rc::new(Self {
            remaining: Cell::new(children.len()),
            first,
            closed: Cell::new(false),
            done: Completion::new(),
        });
        for child in children {
            let group = group.clone();
            child.done.on_done(move |_| group.child_done());
        }
        group
    }

    /// `_on_completion`.
    fn child_done(&self) {
        if self.closed.get() {
            return;
        }
        self.remaining.set(self.remaining.get() - 1);
        if self.remaining.get() == 0 || self.first {
            self.done.set(());
        }
    }
}

/// `as_completed`'s queue of ended children and the getters waiting on it.
#[derive(Default)]
struct Arrivals {
    ended: RefCell<VecDeque<usize>>,
    getters: RefCell<VecDeque<Rc<Completion<()>>>>,
}

impl Arrivals {
    fn new(children: &[Rc<TaskRecord>]) -> Rc<Self> {
        let arrivals = Rc::new(Self::default());
        for (index, child) in children.iter().enumerate() {
            let arrivals = arrivals.clone();
            child.done.on_done(move |_| arrivals.child_done(index));
        }
        arrivals
    }

    /// `_on_completion`: queue the child and hand it to the first getter.
    fn child_done(&self, index: usize) {
        self.ended.borrow_mut().push_back(index);
        let getter = self.getters.borrow_mut().pop_front();
        if let Some(getter) = getter {
            getter.set(());
        }
    }

    /// `Queue.get()`: the next child to end, waiting for one if none has.
    async fn next(&self) -> usize {
        let ended = self.ended.borrow_mut().pop_front();
        if let Some(index) = ended {
            return index;
        }
        let getter = Completion::new();
        self.getters.borrow_mut().push_back(getter.clone());
        getter.wait().await;
        self.ended
            .borrow_mut()
            .pop_front()
            .expect("a getter is woken with an ended child")
    }
}

/// `main`'s own cancellation, which only `timeout` asks for: the outer
/// future it waits on is cancelled, or else its next step is.
#[derive(Default)]
struct MainCancel {
    expired: Cell<bool>,
    must_cancel: Cell<bool>,
}

async fn run_mode(shared: &Rc<Shared>) -> Result<(), String> {
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

/// Creates a task: its first step waits in the ready queue. A task
/// cancelled before that step ends without running, and reports it from
/// a handle queued as the Python export's note, a done-callback added
/// before any other, would be.
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

/// `await` of a task this block spawned: its value, or what it raised;
/// cancelling the awaiting task meanwhile cancels the child (`joining`).
async fn join(
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
                    hold::hold_the_loop(shared.scaled(ms));
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
