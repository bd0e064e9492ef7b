//! The runs' event loop: one FIFO ready queue of handles — task steps and
//! callbacks — and one iteration per turn of the browser's loop that runs
//! exactly the handles that were ready when it began, as CPython's
//! `BaseEventLoop._run_once` does.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll, Wake, Waker};

use futures::future::LocalBoxFuture;
use futures::FutureExt;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{MessageChannel, MessagePort};

use super::clock::now_ms;

/// Handles in a row that may share one clock reading: a reading costs
/// more than most handles take (a task's step between two awaits is well
/// under a microsecond), so 64 of them share one a few tens of
/// microseconds old at most, under the log's 0.1 ms.
const HANDLES_PER_READING: u32 = 64;

/// A task's slot and the generation of the slot when it was spawned, so a
/// late wake-up of an ended task never reaches the next one in its slot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct TaskId {
    slot: usize,
    generation: u64,
}

/// What waits in the ready queue.
enum Handle {
    /// `Task.__step`: poll the task once.
    Step(TaskId),
    /// A callback queued with [`call_soon`].
    Call(Box<dyn FnOnce()>),
    /// A wake-up handed on by [`wake_soon`].
    Wake(Waker),
}

struct Slot {
    generation: u64,
    /// `None` while the task is being polled, and once it has ended.
    future: Option<LocalBoxFuture<'static, ()>>,
    waker: Waker,
    queued: bool,
}

/// Wakes a task by queueing its step; only the id crosses into the waker.
struct TaskWaker(TaskId);

impl Wake for TaskWaker {
    fn wake(self: Arc<Self>) {
        EVENT_LOOP.with(|event_loop| event_loop.wake(self.0));
    }
}

/// The ready queue, the tasks, and the channel whose messages are the
/// loop's turns.
struct EventLoop {
    ready: RefCell<VecDeque<Handle>>,
    slots: RefCell<Vec<Slot>>,
    free: RefCell<Vec<usize>>,
    next_generation: Cell<u64>,
    turn_posted: Cell<bool>,
    in_iteration: Cell<bool>,
    busy_ms: Cell<f64>,
    /// The clock reading the next handles of this iteration share, and for
    /// how many more handles it may serve.
    reading: Cell<Option<(f64, u32)>>,
    /// What an iteration calls first, with its clock reading: the timer
    /// queue's wake-up of the sleeps that are due, once it holds one.
    on_iteration_start: Cell<Option<fn(f64)>>,
    sender: MessagePort,
    _receiver: MessagePort,
    _on_message: Closure<dyn FnMut()>,
}

thread_local! {
    static EVENT_LOOP: EventLoop = EventLoop::new();
}

impl EventLoop {
    fn new() -> Self {
        let channel = MessageChannel::new().expect("MessageChannel is available");
        let on_message = Closure::<dyn FnMut()>::new(|| EVENT_LOOP.with(EventLoop::iterate));
        let receiver = channel.port1();
        receiver.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        Self {
            ready: RefCell::default(),
            slots: RefCell::default(),
            free: RefCell::default(),
            next_generation: Cell::new(0),
            turn_posted: Cell::new(false),
            in_iteration: Cell::new(false),
            busy_ms: Cell::new(0.0),
            reading: Cell::new(None),
            on_iteration_start: Cell::new(None),
            sender: channel.port2(),
            _receiver: receiver,
            _on_message: on_message,
        }
    }

    /// Asks the browser for a turn unless one is coming: an iteration in
    /// progress asks for the next itself when it ends.
    fn ask_for_turn(&self) {
        if !self.turn_posted.get() && !self.in_iteration.get() {
            self.post_turn();
        }
    }

    fn post_turn(&self) {
        self.turn_posted.set(true);
        self.sender
            .post_message(&JsValue::NULL)
            .expect("posting to our own channel");
    }

    fn push(&self, handle: Handle) {
        self.ready.borrow_mut().push_back(handle);
        self.ask_for_turn();
    }

    fn spawn(&self, future: LocalBoxFuture<'static, ()>) {
        let generation = self.next_generation.get();
        self.next_generation.set(generation + 1);
        let free = self.free.borrow_mut().pop();
        let mut slots = self.slots.borrow_mut();
        let slot = free.unwrap_or(slots.len());
        let id = TaskId { slot, generation };
        let entry = Slot {
            generation,
            future: Some(future),
            waker: Waker::from(Arc::new(TaskWaker(id))),
            queued: true,
        };
        if slot == slots.len() {
            slots.push(entry);
        } else {
            slots[slot] = entry;
        }
        drop(slots);
        self.push(Handle::Step(id));
    }

    fn wake(&self, id: TaskId) {
        let queue = {
            let mut slots = self.slots.borrow_mut();
            match slots.get_mut(id.slot) {
                Some(slot) if slot.generation == id.generation && !slot.queued => {
                    slot.queued = true;
                    true
                }
                _ => false,
            }
        };
        if queue {
            self.push(Handle::Step(id));
        }
    }

    /// One iteration: the timers that are due join the ready queue, then
    /// the handles ready now run in order; handles they queue wait for the
    /// next turn.
    fn iterate(&self) {
        self.turn_posted.set(false);
        self.in_iteration.set(true);
        let began = now_ms();
        self.reading.set(Some((began, HANDLES_PER_READING)));
        if let Some(on_start) = self.on_iteration_start.get() {
            on_start(began);
        }
        let count = self.ready.borrow().len();
        for _ in 0..count {
            let handle = self.ready.borrow_mut().pop_front();
            match handle {
                Some(Handle::Step(id)) => self.step(id),
                Some(Handle::Call(callback)) => callback(),
                Some(Handle::Wake(waker)) => waker.wake(),
                None => break,
            }
            let left = self.reading.get().filter(|(_, left)| *left > 1);
            self.reading.set(left.map(|(ms, left)| (ms, left - 1)));
        }
        self.reading.set(None);
        self.busy_ms.set(self.busy_ms.get() + (now_ms() - began));
        self.in_iteration.set(false);
        if !self.ready.borrow().is_empty() {
            self.post_turn();
        }
    }

    fn time(&self) -> f64 {
        if !self.in_iteration.get() {
            return now_ms();
        }
        self.reading.get().map_or_else(
            || {
                let ms = now_ms();
                self.reading.set(Some((ms, HANDLES_PER_READING)));
                ms
            },
            |(ms, _)| ms,
        )
    }

    fn step(&self, id: TaskId) {
        let taken = {
            let mut slots = self.slots.borrow_mut();
            match slots.get_mut(id.slot) {
                Some(slot) if slot.generation == id.generation => {
                    slot.queued = false;
                    slot.future
                        .take()
                        .map(|future| (future, slot.waker.clone()))
                }
                _ => None,
            }
        };
        let Some((mut future, waker)) = taken else {
            return;
        };
        let polled = future.as_mut().poll(&mut Context::from_waker(&waker));
        if polled.is_pending() {
            if let Some(slot) = self.slots.borrow_mut().get_mut(id.slot) {
                slot.future = Some(future);
            }
            return;
        }
        if let Some(slot) = self.slots.borrow_mut().get_mut(id.slot) {
            slot.generation = u64::MAX;
            slot.queued = false;
        }
        self.free.borrow_mut().push(id.slot);
        drop(future);
    }
}

/// `loop.create_task`: the future's first step waits in the ready queue
/// behind every handle already there.
pub fn spawn(future: impl Future<Output = ()> + 'static) {
    EVENT_LOOP.with(|event_loop| event_loop.spawn(future.boxed_local()));
}

/// `loop.call_soon`: `callback` runs as its own handle, after every handle
/// already in the ready queue.
pub fn call_soon(callback: impl FnOnce() + 'static) {
    EVENT_LOOP.with(|event_loop| event_loop.push(Handle::Call(Box::new(callback))));
}

/// Wakes `waker` from a handle of its own, after every handle already in
/// the ready queue: how a future set by a timer or another thread reaches
/// the task awaiting it.
pub fn wake_soon(waker: Waker) {
    EVENT_LOOP.with(|event_loop| event_loop.push(Handle::Wake(waker)));
}

/// Has each iteration call `hook` first, with the iteration's clock
/// reading (the timer queue's way in, so the loop need not know it).
pub fn on_iteration_start(hook: fn(f64)) {
    EVENT_LOOP.with(|event_loop| event_loop.on_iteration_start.set(Some(hook)));
}

/// `asyncio.sleep(0)`: the task steps again in the next iteration, after
/// every handle that was ready before it.
pub fn yield_now() -> impl Future<Output = ()> {
    let mut yielded = false;
    std::future::poll_fn(move |cx| {
        if yielded {
            Poll::Ready(())
        } else {
            yielded = true;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    })
}

/// Resolves once no other handle waits in the ready queue, as `asyncio.run`
/// runs the handles already queued when `main` ends (callbacks a task
/// queued just before it ended) before it closes the loop.
pub async fn drained() {
    while EVENT_LOOP.with(|event_loop| !event_loop.ready.borrow().is_empty()) {
        yield_now().await;
    }
}

/// Hands a wake-up to the task through a callback on the ready queue.
struct Relay(Waker);

impl Wake for Relay {
    fn wake(self: Arc<Self>) {
        wake_soon(self.0.clone());
    }
}

/// A future whose outcome reaches its task as an asyncio future's does when
/// a timer or another thread sets it: a handle sets it, and the task's
/// wake-up is queued behind the handles already ready then.
pub struct ThroughLoop<F> {
    future: Pin<Box<F>>,
    relay: Option<Waker>,
    for_task: Option<Waker>,
}

/// See [`ThroughLoop`].
pub fn through_loop<F: Future>(future: F) -> ThroughLoop<F> {
    ThroughLoop {
        future: Box::pin(future),
        relay: None,
        for_task: None,
    }
}

impl<F: Future> Future for ThroughLoop<F> {
    type Output = F::Output;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let this = &mut *self;
        if !this
            .for_task
            .as_ref()
            .is_some_and(|w| w.will_wake(cx.waker()))
        {
            this.for_task = Some(cx.waker().clone());
            this.relay = Some(Waker::from(Arc::new(Relay(cx.waker().clone()))));
        }
        let relay = this.relay.as_ref().expect("set above");
        this.future.as_mut().poll(&mut Context::from_waker(relay))
    }
}

/// `loop.time()`: ms on the page's clock. Within an iteration, handles that
/// run back to back share one reading, up to [`HANDLES_PER_READING`] of
/// them (they take microseconds each); a handle that held the loop says so
/// with [`clock_moved`]. Outside an iteration, a fresh reading. Readings
/// never go back.
pub fn time() -> f64 {
    EVENT_LOOP.with(EventLoop::time)
}

/// Makes the next [`time`] read the clock: the handle running held the loop.
pub fn clock_moved() {
    EVENT_LOOP.with(|event_loop| event_loop.reading.set(None));
}

/// Ms the loop's iterations have run since the page started: the time the
/// runs' own code held the browser's loop.
pub fn busy_ms() -> f64 {
    EVENT_LOOP.with(|event_loop| event_loop.busy_ms.get())
}
