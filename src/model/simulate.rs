//! The simulator: predicts a program's trace on a virtual clock by running a
//! small model of CPython's asyncio (tasks, futures and their callbacks, a
//! FIFO ready queue, timers by deadline then by the order they were set).

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap, HashSet, VecDeque};

use super::program::{Program, RunMode, Step, Work};
use super::trace::{unique_task_name, Event, EventKind, Wait, LOOP, MAIN};

/// Runs `program` on a virtual clock and returns the trace asyncio would give.
pub fn simulate(program: &Program) -> Vec<Event> {
    let mut sim = Sim::new(program);
    sim.run();
    sim.events
}

type TaskId = usize;
type FutId = usize;
type GroupId = usize;

/// What a failed await throws into a task.
#[derive(Debug, Clone, PartialEq)]
enum Exc {
    Error(String),
    Cancelled,
}

#[derive(Debug, Clone, PartialEq)]
enum FutState {
    Pending,
    Done(String),
    Raised(Exc),
    Cancelled,
}

/// Who a future belongs to, for `cancel()`.
#[derive(Clone, Copy)]
enum FutOwner {
    Plain,
    Task(TaskId),
    Gather(GroupId),
}

/// A done-callback; each runs as its own handle on the ready queue.
#[derive(Clone, Copy, PartialEq)]
enum Callback {
    /// `Task.__wakeup`.
    Wake(TaskId),
    /// `gather`'s `_done_callback`.
    Gather(GroupId),
    /// `asyncio.wait`'s `_on_completion`.
    Wait(GroupId),
    /// `as_completed`'s `_on_completion`.
    AsCompleted(GroupId),
    /// The export's note for a task cancelled before it ever ran.
    NoteUnstarted(TaskId),
}

struct Fut {
    state: FutState,
    owner: FutOwner,
    callbacks: Vec<Callback>,
}

enum Handle {
    Step(TaskId),
    Callback(FutId, Callback),
    CallSoon(String),
    SetResult(FutId),
    Timeout(TaskId),
}

/// What a task's coroutine did when it ran: awaited a future, yielded, or ended.
enum Outcome {
    Await(FutId),
    Yield,
    Done(String),
    Raised(Exc),
}

struct Frame {
    block: usize,
    pc: usize,
    results: HashMap<String, String>,
    spawned: HashMap<String, TaskId>,
}

/// Where a user task is suspended.
enum Suspension {
    Timer(usize),
    Yield,
    Join(TaskId),
    Io,
    Semaphore(FutId),
}

struct UserTask {
    /// The block the task runs: its name is what `{name}` shows of it.
    root: usize,
    top: bool,
    copy: u32,
    frames: Vec<Frame>,
    holds_semaphore: bool,
    suspended: Option<Suspension>,
}

#[derive(Clone, Copy, PartialEq)]
enum MainPhase {
    Begin,
    Sequential(usize),
    Group(GroupId),
    AsCompleted(GroupId, usize),
    Cleanup,
}

enum Body {
    User(UserTask),
    Main(MainPhase),
}

struct Task {
    name: String,
    fut: FutId,
    must_cancel: bool,
    waiter: Option<FutId>,
    started: bool,
    body: Body,
}

enum GroupKind {
    /// `gather`: results in input order, fails fast.
    Gather {
        finished: usize,
        cancel_requested: bool,
    },
    /// `asyncio.wait`: wakes the waiter when all (or the first) are done.
    Wait {
        remaining: usize,
        first: bool,
        waiter: FutId,
        closed: bool,
    },
    /// `as_completed`: a queue of finished tasks and its getters.
    AsCompleted {
        queue: VecDeque<TaskId>,
        getters: VecDeque<FutId>,
    },
}

struct Group {
    children: Vec<TaskId>,
    outer: FutId,
    kind: GroupKind,
}

struct Semaphore {
    value: i64,
    waiters: VecDeque<FutId>,
}

struct Sim<'p> {
    program: &'p Program,
    now: u64,
    ready: VecDeque<Handle>,
    timers: BinaryHeap<Reverse<(u64, usize)>>,
    timer_handles: Vec<Option<Handle>>,
    futs: Vec<Fut>,
    tasks: Vec<Task>,
    groups: Vec<Group>,
    semaphore: Option<Semaphore>,
    workers_free_at: Vec<u64>,
    names: HashSet<String>,
    main: TaskId,
    /// The top-level tasks `main` creates: (name, block, copy index).
    instances: Vec<(String, usize, u32)>,
    top_tasks: Vec<TaskId>,
    timeout_timer: Option<usize>,
    timeout_expired: bool,
    events: Vec<Event>,
}

impl<'p> Sim<'p> {
    fn new(program: &'p Program) -> Self {
        let semaphore = match program.mode {
            RunMode::Limit(n) => Some(Semaphore {
                value: i64::from(n),
                waiters: VecDeque::new(),
            }),
            _ => None,
        };
        let mut sim = Sim {
            program,
            now: 0,
            ready: VecDeque::new(),
            timers: BinaryHeap::new(),
            timer_handles: Vec::new(),
            futs: Vec::new(),
            tasks: Vec::new(),
            groups: Vec::new(),
            semaphore,
            workers_free_at: vec![0; program.simulated_workers() as usize],
            names: [MAIN, LOOP].iter().map(|s| s.to_string()).collect(),
            main: 0,
            instances: Vec::new(),
            top_tasks: Vec::new(),
            timeout_timer: None,
            timeout_expired: false,
            events: Vec::new(),
        };
        for (name, block, copy) in program.task_instances() {
            sim.names.insert(name.clone());
            let block = sim.block_index(&block.name);
            sim.instances.push((name, block, copy));
        }
        sim.main = sim.new_task(MAIN.to_string(), Body::Main(MainPhase::Begin));
        sim
    }

    /// `BaseEventLoop._run_once` until `main` is done, then the handles
    /// already queued (asyncio.run's shutdown runs them).
    fn run(&mut self) {
        while self.futs[self.tasks[self.main].fut].state == FutState::Pending {
            if self.ready.is_empty() {
                match self.timers.peek() {
                    Some(&Reverse((deadline, _))) => self.now = self.now.max(deadline),
                    None => break,
                }
            }
            while let Some(&Reverse((deadline, seq))) = self.timers.peek() {
                if deadline > self.now {
                    break;
                }
                self.timers.pop();
                if let Some(handle) = self.timer_handles[seq].take() {
                    self.ready.push_back(handle);
                }
            }
            for _ in 0..self.ready.len() {
                let handle = self.ready.pop_front().expect("counted");
                self.run_handle(handle);
            }
        }
        while let Some(handle) = self.ready.pop_front() {
            self.run_handle(handle);
        }
    }

    fn emit(&mut self, task: &str, kind: EventKind) {
        self.events.push(Event {
            t_ms: self.now as f64,
            task: task.into(),
            kind,
        });
    }

    fn emit_for(&mut self, task: TaskId, kind: EventKind) {
        let name = self.tasks[task].name.clone();
        self.emit(&name, kind);
    }

    fn call_later(&mut self, delay: u64, handle: Handle) -> usize {
        let seq = self.timer_handles.len();
        self.timer_handles.push(Some(handle));
        self.timers.push(Reverse((self.now + delay, seq)));
        seq
    }

    fn new_fut(&mut self, owner: FutOwner) -> FutId {
        self.futs.push(Fut {
            state: FutState::Pending,
            owner,
            callbacks: Vec::new(),
        });
        self.futs.len() - 1
    }

    fn new_task(&mut self, name: String, body: Body) -> TaskId {
        let id = self.tasks.len();
        let fut = self.new_fut(FutOwner::Task(id));
        self.tasks.push(Task {
            name,
            fut,
            must_cancel: false,
            waiter: None,
            started: false,
            body,
        });
        self.ready.push_back(Handle::Step(id));
        id
    }

    /// Creates a user task the way the export does: `create_task` plus the
    /// note for a cancellation before it starts.
    fn create_user_task(&mut self, name: String, block: usize, copy: u32, top: bool) -> TaskId {
        let frame = Frame {
            block,
            pc: 0,
            results: HashMap::new(),
            spawned: HashMap::new(),
        };
        let body = Body::User(UserTask {
            root: block,
            top,
            copy,
            frames: vec![frame],
            holds_semaphore: false,
            suspended: None,
        });
        let id = self.new_task(name, body);
        self.add_callback(self.tasks[id].fut, Callback::NoteUnstarted(id));
        id
    }

    fn add_callback(&mut self, fut: FutId, callback: Callback) {
        self.futs[fut].callbacks.push(callback);
    }

    fn done(&self, fut: FutId) -> bool {
        self.futs[fut].state != FutState::Pending
    }

    /// Sets a future's outcome and queues its callbacks; false if already done.
    fn complete(&mut self, fut: FutId, state: FutState) -> bool {
        if self.done(fut) {
            return false;
        }
        self.futs[fut].state = state;
        for callback in std::mem::take(&mut self.futs[fut].callbacks) {
            self.ready.push_back(Handle::Callback(fut, callback));
        }
        true
    }

    /// `fut.cancel()`, whatever kind of future it is.
    fn cancel(&mut self, fut: FutId) -> bool {
        match self.futs[fut].owner {
            FutOwner::Plain => self.complete(fut, FutState::Cancelled),
            FutOwner::Task(task) => self.cancel_task(task),
            FutOwner::Gather(group) => self.cancel_gather(group),
        }
    }

    /// `Task.cancel()`.
    fn cancel_task(&mut self, task: TaskId) -> bool {
        if self.done(self.tasks[task].fut) {
            return false;
        }
        if let Some(waiter) = self.tasks[task].waiter {
            if self.cancel(waiter) {
                return true;
            }
        }
        self.tasks[task].must_cancel = true;
        true
    }

    /// `_GatheringFuture.cancel()`.
    fn cancel_gather(&mut self, group: GroupId) -> bool {
        if self.done(self.groups[group].outer) {
            return false;
        }
        let mut any = false;
        for child in self.groups[group].children.clone() {
            any |= self.cancel_task(child);
        }
        if any {
            if let GroupKind::Gather {
                cancel_requested, ..
            } = &mut self.groups[group].kind
            {
                *cancel_requested = true;
            }
        }
        any
    }

    fn run_handle(&mut self, handle: Handle) {
        match handle {
            Handle::Step(task) => self.step(task, None),
            Handle::Callback(fut, Callback::Wake(task)) => {
                let exc = match &self.futs[fut].state {
                    FutState::Raised(exc) => Some(exc.clone()),
                    FutState::Cancelled => Some(Exc::Cancelled),
                    _ => None,
                };
                self.step(task, exc);
            }
            Handle::Callback(fut, Callback::Gather(group)) => self.gather_child_done(group, fut),
            Handle::Callback(_, Callback::Wait(group)) => self.wait_child_done(group),
            Handle::Callback(fut, Callback::AsCompleted(group)) => {
                self.as_completed_child_done(group, fut)
            }
            Handle::Callback(fut, Callback::NoteUnstarted(task)) => {
                if !self.tasks[task].started && self.futs[fut].state == FutState::Cancelled {
                    self.emit_for(task, EventKind::Cancelled);
                }
            }
            Handle::CallSoon(text) => self.emit(LOOP, EventKind::Callback(text)),
            Handle::SetResult(fut) => {
                self.complete(fut, FutState::Done("None".into()));
            }
            Handle::Timeout(task) => {
                self.timeout_expired = true;
                self.cancel_task(task);
            }
        }
    }

    /// `Task.__step`.
    fn step(&mut self, task: TaskId, exc: Option<Exc>) {
        if self.done(self.tasks[task].fut) {
            return;
        }
        let mut exc = exc;
        if self.tasks[task].must_cancel {
            exc = Some(Exc::Cancelled);
            self.tasks[task].must_cancel = false;
        }
        self.tasks[task].waiter = None;
        let outcome = if matches!(self.tasks[task].body, Body::Main(_)) {
            self.step_main(task, exc)
        } else {
            self.step_user(task, exc)
        };
        let fut = self.tasks[task].fut;
        match outcome {
            Outcome::Await(waited) => {
                self.add_callback(waited, Callback::Wake(task));
                self.tasks[task].waiter = Some(waited);
                if self.tasks[task].must_cancel && self.cancel(waited) {
                    self.tasks[task].must_cancel = false;
                }
            }
            Outcome::Yield => self.ready.push_back(Handle::Step(task)),
            Outcome::Done(_) | Outcome::Raised(Exc::Cancelled) if self.tasks[task].must_cancel => {
                self.tasks[task].must_cancel = false;
                self.complete(fut, FutState::Cancelled);
            }
            Outcome::Done(value) => {
                self.complete(fut, FutState::Done(value));
            }
            Outcome::Raised(Exc::Cancelled) => {
                self.complete(fut, FutState::Cancelled);
            }
            Outcome::Raised(error) => {
                self.complete(fut, FutState::Raised(error));
            }
        }
    }

    fn user(&mut self, task: TaskId) -> &mut UserTask {
        match &mut self.tasks[task].body {
            Body::User(user) => user,
            Body::Main(_) => unreachable!("main is not a user task"),
        }
    }

    fn step_user(&mut self, task: TaskId, exc: Option<Exc>) -> Outcome {
        if !self.tasks[task].started {
            if let Some(exc) = exc {
                // Thrown into a coroutine that never ran: none of its code runs.
                return Outcome::Raised(exc);
            }
            self.tasks[task].started = true;
            self.emit_for(task, EventKind::Start);
            if self.user(task).top && self.semaphore.is_some() {
                return self.acquire(task);
            }
            return self.run_frames(task);
        }
        let suspended = self.user(task).suspended.take();
        self.emit_for(task, EventKind::Resume);
        let mut exc = exc;
        match suspended {
            Some(Suspension::Timer(seq)) => self.timer_handles[seq] = None,
            Some(Suspension::Semaphore(fut)) => {
                let sem = self.semaphore.as_mut().expect("limit mode");
                sem.waiters.retain(|&w| w != fut);
                if exc.is_some() {
                    if self.futs[fut].state != FutState::Cancelled {
                        self.semaphore.as_mut().expect("limit mode").value += 1;
                        self.wake_next_waiter();
                    }
                } else {
                    if self.semaphore.as_ref().expect("limit mode").value > 0 {
                        self.wake_next_waiter();
                    }
                    self.user(task).holds_semaphore = true;
                }
            }
            Some(Suspension::Join(joined)) if exc.is_none() => {
                let (name, value) = self.join_result(joined);
                match value {
                    Ok(value) => {
                        self.user(task)
                            .frames
                            .last_mut()
                            .expect("a frame")
                            .results
                            .insert(name, value);
                    }
                    Err(raised) => exc = Some(raised),
                }
            }
            _ => {}
        }
        match exc {
            Some(exc) => self.finish(task, Err(exc)),
            None => self.run_frames(task),
        }
    }

    /// The coroutine name a joined task was spawned as, and its outcome.
    fn join_result(&self, joined: TaskId) -> (String, Result<String, Exc>) {
        let name = match &self.tasks[joined].body {
            Body::User(user) => self.program.blocks[user.root].name.clone(),
            Body::Main(_) => MAIN.to_string(),
        };
        let outcome = match &self.futs[self.tasks[joined].fut].state {
            FutState::Done(value) => Ok(value.clone()),
            FutState::Raised(exc) => Err(exc.clone()),
            _ => Err(Exc::Cancelled),
        };
        (name, outcome)
    }

    /// `Semaphore.acquire()` at the start of a top-level task in `limit` mode.
    fn acquire(&mut self, task: TaskId) -> Outcome {
        let sem = self.semaphore.as_mut().expect("limit mode");
        let locked = sem.value <= 0
            || sem
                .waiters
                .iter()
                .any(|&w| self.futs[w].state != FutState::Cancelled);
        if !locked {
            sem.value -= 1;
            self.user(task).holds_semaphore = true;
            return self.run_frames(task);
        }
        let fut = self.new_fut(FutOwner::Plain);
        self.semaphore
            .as_mut()
            .expect("limit mode")
            .waiters
            .push_back(fut);
        self.emit_for(task, EventKind::Suspend(Wait::Semaphore));
        self.user(task).suspended = Some(Suspension::Semaphore(fut));
        Outcome::Await(fut)
    }

    /// `Semaphore._wake_up_next()`.
    fn wake_next_waiter(&mut self) {
        let waiters: Vec<FutId> = self
            .semaphore
            .as_ref()
            .expect("limit mode")
            .waiters
            .iter()
            .copied()
            .collect();
        if let Some(fut) = waiters.into_iter().find(|&w| !self.done(w)) {
            self.semaphore.as_mut().expect("limit mode").value -= 1;
            self.complete(fut, FutState::Done("True".into()));
        }
    }

    /// Ends a user task: releases its semaphore slot, records the outcome.
    fn finish(&mut self, task: TaskId, outcome: Result<String, Exc>) -> Outcome {
        if std::mem::take(&mut self.user(task).holds_semaphore) {
            self.semaphore.as_mut().expect("limit mode").value += 1;
            self.wake_next_waiter();
        }
        match outcome {
            Ok(value) => {
                self.emit_for(task, EventKind::Done(value.clone()));
                Outcome::Done(value)
            }
            Err(Exc::Error(message)) => {
                self.emit_for(task, EventKind::Failed(message.clone()));
                Outcome::Raised(Exc::Error(message))
            }
            Err(Exc::Cancelled) => {
                self.emit_for(task, EventKind::Cancelled);
                Outcome::Raised(Exc::Cancelled)
            }
        }
    }

    /// Runs the task's steps until it suspends or ends.
    fn run_frames(&mut self, task: TaskId) -> Outcome {
        let program = self.program;
        loop {
            let (copy, block, pc) = {
                let user = self.user(task);
                let frame = user.frames.last_mut().expect("a running task has a frame");
                frame.pc += 1;
                (user.copy, frame.block, frame.pc - 1)
            };
            let Some(step) = program.blocks[block].steps.get(pc) else {
                if let Some(outcome) = self.return_from_frame(task, "None".into()) {
                    return outcome;
                }
                continue;
            };
            let render = |sim: &Self, text: &super::program::Text| {
                text.render(copy, |name| lookup(task_frames(&sim.tasks[task]), name))
            };
            match step {
                Step::Print(text) => {
                    let line = render(self, text);
                    self.emit_for(task, EventKind::Print(line));
                }
                Step::Sleep(amount) => {
                    let ms = amount.at(copy);
                    self.emit_for(task, EventKind::Suspend(Wait::Sleep(ms)));
                    return self.sleep(task, ms);
                }
                Step::Yield => {
                    self.emit_for(task, EventKind::Suspend(Wait::Yield));
                    self.user(task).suspended = Some(Suspension::Yield);
                    return Outcome::Yield;
                }
                Step::Block(amount) | Step::Compute(amount) => {
                    let work = if matches!(step, Step::Block(_)) {
                        Work::Block
                    } else {
                        Work::Compute
                    };
                    let amount = amount.at(copy);
                    self.emit_for(task, EventKind::Block(work, amount));
                    self.now += amount;
                }
                Step::Offload(work, amount) => {
                    let amount = amount.at(copy);
                    self.emit_for(task, EventKind::Suspend(Wait::Worker(*work, amount)));
                    let fut = self.new_fut(FutOwner::Plain);
                    let worker = (0..self.workers_free_at.len())
                        .min_by_key(|&w| self.workers_free_at[w])
                        .expect("a pool has workers");
                    let end = self.now.max(self.workers_free_at[worker]) + amount;
                    self.workers_free_at[worker] = end;
                    self.call_later(end - self.now, Handle::SetResult(fut));
                    self.user(task).suspended = Some(Suspension::Io);
                    return Outcome::Await(fut);
                }
                Step::Fetch { url, .. } => {
                    let url = render(self, url);
                    self.emit_for(task, EventKind::Suspend(Wait::Fetch(url)));
                    return self.sleep(task, u64::from(program.latency_ms));
                }
                Step::CallSoon(text) => {
                    let text = render(self, text);
                    self.ready.push_back(Handle::CallSoon(text));
                }
                Step::Spawn(name) => {
                    let name = name.clone();
                    let block = self.block_index(&name);
                    let task_name = self.unique_name(&name);
                    let spawned = self.create_user_task(task_name.clone(), block, copy, false);
                    self.user(task)
                        .frames
                        .last_mut()
                        .expect("a frame")
                        .spawned
                        .insert(name, spawned);
                    self.emit_for(task, EventKind::Spawn(task_name));
                }
                Step::Await(name) => {
                    let name = name.clone();
                    let spawned = self
                        .user(task)
                        .frames
                        .last()
                        .expect("a frame")
                        .spawned
                        .get(&name)
                        .copied();
                    match spawned {
                        Some(joined) if self.done(self.tasks[joined].fut) => {
                            match self.join_result(joined).1 {
                                Ok(value) => {
                                    self.user(task)
                                        .frames
                                        .last_mut()
                                        .expect("a frame")
                                        .results
                                        .insert(name, value);
                                }
                                Err(exc) => return self.raise(task, exc),
                            }
                        }
                        Some(joined) => {
                            let joined_name = self.tasks[joined].name.clone();
                            self.emit_for(task, EventKind::Suspend(Wait::Join(joined_name)));
                            self.user(task).suspended = Some(Suspension::Join(joined));
                            return Outcome::Await(self.tasks[joined].fut);
                        }
                        None => {
                            self.emit_for(task, EventKind::Enter(name.clone()));
                            let block = self.block_index(&name);
                            let frame = Frame {
                                block,
                                pc: 0,
                                results: HashMap::new(),
                                spawned: HashMap::new(),
                            };
                            self.user(task).frames.push(frame);
                        }
                    }
                }
                Step::Call(name) => {
                    let warning = format!("coroutine '{name}' was never awaited");
                    self.emit_for(task, EventKind::Warning(warning));
                }
                Step::Return(text) => {
                    let value = render(self, text);
                    if let Some(outcome) = self.return_from_frame(task, value) {
                        return outcome;
                    }
                }
                Step::Fail(text) => {
                    let message = render(self, text);
                    return self.raise(task, Exc::Error(message));
                }
            }
        }
    }

    /// `asyncio.sleep`: a bare yield for 0, else a future set by a timer.
    fn sleep(&mut self, task: TaskId, ms: u64) -> Outcome {
        if ms == 0 {
            self.user(task).suspended = Some(Suspension::Yield);
            return Outcome::Yield;
        }
        let fut = self.new_fut(FutOwner::Plain);
        let seq = self.call_later(ms, Handle::SetResult(fut));
        self.user(task).suspended = Some(Suspension::Timer(seq));
        Outcome::Await(fut)
    }

    /// Pops a frame; ends the task when it was the last one.
    fn return_from_frame(&mut self, task: TaskId, value: String) -> Option<Outcome> {
        let user = self.user(task);
        let frame = user.frames.pop().expect("a frame to return from");
        if user.frames.is_empty() {
            return Some(self.finish(task, Ok(value)));
        }
        let name = self.program.blocks[frame.block].name.clone();
        self.user(task)
            .frames
            .last_mut()
            .expect("a caller")
            .results
            .insert(name.clone(), value.clone());
        self.emit_for(task, EventKind::Exit { name, value });
        None
    }

    /// An exception with no handler in our programs: it ends the task.
    fn raise(&mut self, task: TaskId, exc: Exc) -> Outcome {
        self.user(task).frames.clear();
        self.finish(task, Err(exc))
    }

    fn block_index(&self, name: &str) -> usize {
        self.program
            .block_index(name)
            .expect("a checked program names known blocks")
    }

    /// A spawned task's name.
    fn unique_name(&mut self, name: &str) -> String {
        unique_task_name(&mut self.names, name)
    }

    fn spawn_top(&mut self, index: usize) -> TaskId {
        let (name, block, copy) = self.instances[index].clone();
        let id = self.create_user_task(name, block, copy, true);
        self.top_tasks.push(id);
        id
    }

    fn top_count(&self) -> usize {
        self.instances.len()
    }

    /// The driver: `main` runs the top-level tasks by the program's mode,
    /// reports their outcomes, then cancels what is left.
    fn step_main(&mut self, main: TaskId, exc: Option<Exc>) -> Outcome {
        let Body::Main(phase) = self.tasks[main].body else {
            unreachable!("main")
        };
        let result = match phase {
            MainPhase::Begin => {
                self.tasks[main].started = true;
                self.emit(MAIN, EventKind::Start);
                self.main_begin(main)
            }
            MainPhase::Sequential(index) => {
                self.emit(MAIN, EventKind::Resume);
                self.main_sequential_next(main, index, exc)
            }
            MainPhase::Group(group) => {
                self.emit(MAIN, EventKind::Resume);
                if let Some(seq) = self.timeout_timer.take() {
                    self.timer_handles[seq] = None;
                }
                self.main_group_done(group, exc)
            }
            MainPhase::AsCompleted(group, received) => {
                self.main_as_completed(main, group, received, exc)
            }
            MainPhase::Cleanup => return Outcome::Done("None".into()),
        };
        match result {
            Some(Ok(waited)) => Outcome::Await(waited),
            Some(Err(exc)) => {
                let message = match exc {
                    Exc::Error(message) => message,
                    Exc::Cancelled if self.timeout_expired => match self.program.mode {
                        RunMode::Timeout(ms) => format!("timeout after {ms} ms"),
                        _ => "cancelled".into(),
                    },
                    Exc::Cancelled => "cancelled".into(),
                };
                self.emit(MAIN, EventKind::Failed(message));
                self.main_cleanup(main)
            }
            None => {
                self.emit(MAIN, EventKind::Done("None".into()));
                self.main_cleanup(main)
            }
        }
    }

    fn set_phase(&mut self, main: TaskId, phase: MainPhase) {
        self.tasks[main].body = Body::Main(phase);
    }

    /// `Some(Ok(fut))`: main awaits `fut`; `Some(Err)`: main fails; `None`: main's body is done.
    fn main_begin(&mut self, main: TaskId) -> Option<Result<FutId, Exc>> {
        if self.program.mode == RunMode::Sequential {
            return self.main_sequential_next(main, 0, None);
        }
        let children: Vec<TaskId> = (0..self.top_count()).map(|i| self.spawn_top(i)).collect();
        let (wait, kind, outer) = match self.program.mode {
            RunMode::Wait | RunMode::Race => {
                let waiter = self.new_fut(FutOwner::Plain);
                let first = self.program.mode == RunMode::Race;
                let wait = if first { Wait::Race } else { Wait::Wait };
                (
                    wait,
                    GroupKind::Wait {
                        remaining: children.len(),
                        first,
                        waiter,
                        closed: false,
                    },
                    waiter,
                )
            }
            RunMode::AsCompleted => {
                let outer = self.new_fut(FutOwner::Plain);
                (
                    Wait::AsCompleted,
                    GroupKind::AsCompleted {
                        queue: VecDeque::new(),
                        getters: VecDeque::new(),
                    },
                    outer,
                )
            }
            _ => {
                let outer = self.new_fut(FutOwner::Gather(self.groups.len()));
                (
                    Wait::Gather,
                    GroupKind::Gather {
                        finished: 0,
                        cancel_requested: false,
                    },
                    outer,
                )
            }
        };
        let group = self.groups.len();
        let callback = match kind {
            GroupKind::Gather { .. } => Callback::Gather(group),
            GroupKind::Wait { .. } => Callback::Wait(group),
            GroupKind::AsCompleted { .. } => Callback::AsCompleted(group),
        };
        for &child in &children {
            self.add_callback(self.tasks[child].fut, callback);
        }
        self.groups.push(Group {
            children,
            outer,
            kind,
        });
        if let RunMode::Timeout(ms) = self.program.mode {
            self.timeout_timer = Some(self.call_later(u64::from(ms), Handle::Timeout(main)));
        }
        if matches!(wait, Wait::AsCompleted) {
            return self.main_as_completed(main, group, 0, None);
        }
        self.emit(MAIN, EventKind::Suspend(wait));
        self.set_phase(main, MainPhase::Group(group));
        Some(Ok(outer))
    }

    fn main_sequential_next(
        &mut self,
        main: TaskId,
        index: usize,
        exc: Option<Exc>,
    ) -> Option<Result<FutId, Exc>> {
        if let Some(exc) = exc {
            return Some(Err(exc));
        }
        if index > 0 {
            let finished = self.top_tasks[index - 1];
            match self.join_result(finished).1 {
                Ok(value) => self.emit_result(finished, value),
                Err(exc) => return Some(Err(exc)),
            }
        }
        if index == self.top_count() {
            return None;
        }
        let task = self.spawn_top(index);
        let name = self.tasks[task].name.clone();
        self.emit(MAIN, EventKind::Suspend(Wait::Join(name)));
        self.set_phase(main, MainPhase::Sequential(index + 1));
        Some(Ok(self.tasks[task].fut))
    }

    fn emit_result(&mut self, task: TaskId, outcome: String) {
        let name = self.tasks[task].name.clone();
        self.emit(
            MAIN,
            EventKind::Result {
                task: name,
                outcome,
            },
        );
    }

    fn main_group_done(&mut self, group: GroupId, exc: Option<Exc>) -> Option<Result<FutId, Exc>> {
        if let GroupKind::Wait { closed, .. } = &mut self.groups[group].kind {
            *closed = true;
            for child in self.groups[group].children.clone() {
                let fut = self.tasks[child].fut;
                self.futs[fut]
                    .callbacks
                    .retain(|&c| c != Callback::Wait(group));
            }
        }
        if let Some(exc) = exc {
            return Some(Err(exc));
        }
        let children = self.groups[group].children.clone();
        match self.groups[group].kind {
            GroupKind::Wait { first: true, .. } => {
                let winner = children
                    .into_iter()
                    .find(|&c| self.done(self.tasks[c].fut))
                    .expect("race wakes on a finished task");
                match self.join_result(winner).1 {
                    Ok(value) => self.emit_result(winner, value),
                    Err(exc) => return Some(Err(exc)),
                }
            }
            GroupKind::Wait { .. } => {
                for child in children {
                    let outcome = match self.join_result(child).1 {
                        Ok(value) => value,
                        Err(Exc::Error(message)) => format!("error: {message}"),
                        Err(Exc::Cancelled) => "cancelled".into(),
                    };
                    self.emit_result(child, outcome);
                }
            }
            _ => {
                for child in children {
                    let value = self.join_result(child).1.unwrap_or_default();
                    self.emit_result(child, value);
                }
            }
        }
        None
    }

    fn main_as_completed(
        &mut self,
        main: TaskId,
        group: GroupId,
        received: usize,
        exc: Option<Exc>,
    ) -> Option<Result<FutId, Exc>> {
        if let Some(exc) = exc {
            self.emit(MAIN, EventKind::Resume);
            return Some(Err(exc));
        }
        let mut received = received;
        if received > 0 {
            // Woken by a getter: the loop in `Queue.get` checks the queue again.
            let GroupKind::AsCompleted { queue, .. } = &mut self.groups[group].kind else {
                unreachable!()
            };
            let finished = queue.pop_front().expect("woken with an item");
            self.emit(MAIN, EventKind::Resume);
            match self.join_result(finished).1 {
                Ok(value) => self.emit_result(finished, value),
                Err(exc) => return Some(Err(exc)),
            }
        }
        loop {
            if received == self.groups[group].children.len() {
                return None;
            }
            received += 1;
            self.emit(MAIN, EventKind::Suspend(Wait::AsCompleted));
            let GroupKind::AsCompleted { queue, .. } = &mut self.groups[group].kind else {
                unreachable!()
            };
            match queue.pop_front() {
                Some(finished) => {
                    self.emit(MAIN, EventKind::Resume);
                    match self.join_result(finished).1 {
                        Ok(value) => self.emit_result(finished, value),
                        Err(exc) => return Some(Err(exc)),
                    }
                }
                None => {
                    let getter = self.new_fut(FutOwner::Plain);
                    let GroupKind::AsCompleted { getters, .. } = &mut self.groups[group].kind
                    else {
                        unreachable!()
                    };
                    getters.push_back(getter);
                    self.set_phase(main, MainPhase::AsCompleted(group, received));
                    return Some(Ok(getter));
                }
            }
        }
    }

    /// What `asyncio.run` does after `main`: cancel every task still
    /// pending (in creation order) and wait for them to end.
    fn main_cleanup(&mut self, main: TaskId) -> Outcome {
        let left: Vec<TaskId> = (0..self.tasks.len())
            .filter(|&t| t != main && !self.done(self.tasks[t].fut))
            .collect();
        self.set_phase(main, MainPhase::Cleanup);
        if left.is_empty() {
            return Outcome::Done("None".into());
        }
        for &task in &left {
            self.cancel_task(task);
        }
        let waiter = self.new_fut(FutOwner::Plain);
        for &task in &left {
            self.add_callback(self.tasks[task].fut, Callback::Wait(self.groups.len()));
        }
        self.groups.push(Group {
            children: left.clone(),
            outer: waiter,
            kind: GroupKind::Wait {
                remaining: left.len(),
                first: false,
                waiter,
                closed: false,
            },
        });
        Outcome::Await(waiter)
    }

    fn gather_child_done(&mut self, group: GroupId, child_fut: FutId) {
        let outer = self.groups[group].outer;
        let total = self.groups[group].children.len();
        let GroupKind::Gather {
            finished,
            cancel_requested,
        } = &mut self.groups[group].kind
        else {
            return;
        };
        *finished += 1;
        let (finished, cancel_requested) = (*finished, *cancel_requested);
        if self.done(outer) {
            return;
        }
        match self.futs[child_fut].state.clone() {
            FutState::Cancelled => {
                self.complete(outer, FutState::Raised(Exc::Cancelled));
                return;
            }
            FutState::Raised(exc) => {
                self.complete(outer, FutState::Raised(exc));
                return;
            }
            _ => {}
        }
        if finished == total {
            let state = if cancel_requested {
                FutState::Raised(Exc::Cancelled)
            } else {
                FutState::Done("".into())
            };
            self.complete(outer, state);
        }
    }

    fn wait_child_done(&mut self, group: GroupId) {
        let GroupKind::Wait {
            remaining,
            first,
            waiter,
            closed,
        } = &mut self.groups[group].kind
        else {
            return;
        };
        if *closed {
            return;
        }
        *remaining -= 1;
        if *remaining == 0 || *first {
            let waiter = *waiter;
            if !self.done(waiter) {
                self.complete(waiter, FutState::Done("None".into()));
            }
        }
    }

    fn as_completed_child_done(&mut self, group: GroupId, child_fut: FutId) {
        let FutOwner::Task(child) = self.futs[child_fut].owner else {
            return;
        };
        let GroupKind::AsCompleted { queue, .. } = &mut self.groups[group].kind else {
            return;
        };
        queue.push_back(child);
        loop {
            let GroupKind::AsCompleted { getters, .. } = &mut self.groups[group].kind else {
                return;
            };
            let Some(getter) = getters.pop_front() else {
                return;
            };
            if self.complete(getter, FutState::Done("None".into())) {
                return;
            }
        }
    }
}

fn task_frames(task: &Task) -> &[Frame] {
    match &task.body {
        Body::User(user) => &user.frames,
        Body::Main(_) => &[],
    }
}

/// `{name}`: the innermost frame that awaited `name` has its result.
fn lookup<'a>(frames: &'a [Frame], name: &str) -> Option<&'a str> {
    frames
        .iter()
        .rev()
        .find_map(|frame| frame.results.get(name).map(String::as_str))
}
