//! The simulator: predicts a program's trace on a virtual clock by running a
//! small model of CPython's asyncio (tasks, futures and their callbacks, a
//! FIFO ready queue, timers by deadline then by the order they were set).
//!
//! Each file follows a part of CPython's `Lib/asyncio`:
//!
//! | file | part | CPython |
//! |---|---|---|
//! | `event_loop.rs` | the ready queue, timers, one iteration | `BaseEventLoop._run_once`, `call_soon`, `call_later` (base_events.py) |
//! | `future.rs` | outcomes, done-callbacks, cancellation | `Future.set_result`, `Future.cancel`, `_schedule_callbacks` (futures.py); `Task.cancel`, `_GatheringFuture.cancel` (tasks.py) |
//! | `tasks.rs` | a task's step, the coroutine it runs, `sleep` | `Task.__step`, `Task.__wakeup`, `create_task`, `sleep` (tasks.py) |
//! | `semaphore.rs` | `limit N` | `Semaphore.acquire`, `Semaphore._wake_up_next` (locks.py) |
//! | `main_task.rs` | `main`'s run modes and the end of the run | `gather`'s `_done_callback`, `wait`'s `_on_completion`, `as_completed` (tasks.py); `_cancel_all_tasks` (runners.py) |

mod event_loop;
mod future;
mod main_task;
mod semaphore;
mod tasks;

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap, HashSet, VecDeque};

use crate::model::program::{CheckedProgram, RunMode, Step, Work};
use crate::model::trace::{says, unique_task_name, Event, EventKind, Wait, LOOP, MAIN};

/// Runs `program` on a virtual clock and returns the trace asyncio would give.
pub fn simulate(program: &CheckedProgram) -> Vec<Event> {
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

/// What a step of `main` leads to: awaiting a future, an exception, or the
/// end of its own code (then the clean-up).
enum MainStep {
    Await(FutId),
    Raise(Exc),
    Finish,
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
    program: &'p CheckedProgram,
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
    fn new(program: &'p CheckedProgram) -> Self {
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
            let block = sim.program.block_of(&block.name);
            sim.instances.push((name, block, copy));
        }
        sim.main = sim.new_task(MAIN.to_string(), Body::Main(MainPhase::Begin));
        sim
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

    /// A spawned task's name.
    fn unique_name(&mut self, name: &str) -> String {
        unique_task_name(&mut self.names, name)
    }
}
