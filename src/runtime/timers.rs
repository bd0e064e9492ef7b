//! The timer queue behind `sleep`: sleepers wait in one queue ordered by
//! deadline, and one gloo timer is armed for the earliest, as asyncio's
//! loop keeps a heap of timers and waits for the first. Deadlines are whole
//! milliseconds, so sleeps due in the same millisecond wake together, in
//! the order they began, as the simulator's timers do.

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

use futures::future::{AbortHandle, Abortable};
use futures::FutureExt;
use gloo_timers::callback::Timeout;

use super::clock::now_ms;
use super::event_loop::{on_iteration_start, spawn, time, wake_soon};
use super::resource_counts::{Resource, Tracked};

/// A deadline within this many ms of now counts as come, as asyncio's
/// `_run_once` takes the timers due before `time() + _clock_resolution`.
/// Deadlines are rounded up to the whole ms, so without it a timer due the
/// moment a `block` ends would look a fraction of a ms early and wake an
/// iteration late.
const CLOCK_RESOLUTION_MS: f64 = 1.0;

/// When a sleeper is due (ms on the page's clock, rounded up), then in what
/// order it began.
type Due = (u64, u64);

#[derive(Default)]
struct Sleeper {
    woken: Cell<bool>,
    waker: RefCell<Option<Waker>>,
    /// Whether the wake-up goes through a handle of the runs' loop.
    through_loop: Cell<bool>,
}

/// The armed timer, and the deadline it is for; dropping it clears it.
struct Armed {
    deadline: u64,
    _timer: Timeout,
}

#[derive(Default)]
struct Queue {
    due: RefCell<BTreeMap<Due, Rc<Sleeper>>>,
    next_order: Cell<u64>,
    armed: RefCell<Option<Armed>>,
}

thread_local! {
    static QUEUE: Queue = {
        on_iteration_start(wake_due_sleepers);
        Queue::default()
    };
}

impl Queue {
    /// The armed timer's callback: wakes every sleeper whose deadline has
    /// come, then waits for the next.
    fn wake_due(&self) {
        self.armed.take();
        self.take_due(now_ms());
        self.arm();
    }

    /// Wakes every sleeper whose deadline has come, in deadline order then
    /// the order they began; false when none had.
    fn take_due(&self, now: f64) -> bool {
        let mut any = false;
        loop {
            let first = self.due.borrow().first_key_value().map(|(due, _)| *due);
            let Some(due) = first.filter(|due| due.0 as f64 <= now + CLOCK_RESOLUTION_MS) else {
                return any;
            };
            let sleeper = self.due.borrow_mut().remove(&due);
            if let Some(sleeper) = sleeper {
                any = true;
                sleeper.woken.set(true);
                match sleeper.waker.take() {
                    Some(waker) if sleeper.through_loop.get() => wake_soon(waker),
                    Some(waker) => waker.wake(),
                    None => {}
                }
            }
        }
    }

    /// Arms the timer for the earliest deadline, or clears it when no one
    /// sleeps.
    fn arm(&self) {
        let first = self.due.borrow().first_key_value().map(|(due, _)| due.0);
        let armed_in_time = matches!(
            (first, self.armed.borrow().as_ref()),
            (Some(deadline), Some(armed)) if armed.deadline <= deadline
        );
        if armed_in_time {
            return;
        }
        let next = first.map(|deadline| {
            let delay = (deadline as f64 - now_ms()).ceil().max(0.0) as u32;
            Armed {
                deadline,
                _timer: Timeout::new(delay, || QUEUE.with(Queue::wake_due)),
            }
        });
        *self.armed.borrow_mut() = next;
    }
}

/// Wakes the sleepers due at `now` (ms on the page's clock), as `_run_once`
/// moves the timers that are due onto the ready queue when an iteration
/// begins: a timer the browser has not fired yet (the loop was held past it)
/// still wakes in this iteration.
fn wake_due_sleepers(now: f64) {
    QUEUE.with(|queue| {
        if queue.take_due(now) {
            queue.arm();
        }
    });
}

/// A sleep on the queue; dropping it takes it off, and clears the timer
/// when no one else sleeps.
pub struct Sleep {
    due: Due,
    sleeper: Rc<Sleeper>,
    _tracked: Tracked,
}

/// Resolves `ms` milliseconds from now (rounded up to the millisecond).
pub fn sleep(ms: f64) -> Sleep {
    let sleeper = Rc::new(Sleeper::default());
    let due = QUEUE.with(|queue| {
        let order = queue.next_order.get();
        queue.next_order.set(order + 1);
        let due = ((time() + ms.max(0.0)).ceil() as u64, order);
        queue.due.borrow_mut().insert(due, sleeper.clone());
        queue.arm();
        due
    });
    Sleep {
        due,
        sleeper,
        _tracked: Tracked::new(Resource::Timer),
    }
}

impl Sleep {
    /// Wakes its task as `asyncio.sleep` does: the timer's own handle runs
    /// first, then the task's wake-up waits in the ready queue behind the
    /// handles already there.
    pub fn through_loop(self) -> Self {
        self.sleeper.through_loop.set(true);
        self
    }
}

impl Future for Sleep {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.sleeper.woken.get() {
            Poll::Ready(())
        } else {
            *self.sleeper.waker.borrow_mut() = Some(cx.waker().clone());
            Poll::Pending
        }
    }
}

impl Drop for Sleep {
    fn drop(&mut self) {
        if !self.sleeper.woken.get() {
            QUEUE.with(|queue| {
                queue.due.borrow_mut().remove(&self.due);
                queue.arm();
            });
        }
    }
}

/// A callback waiting for its time; dropping it cancels it.
pub struct TimerHandle(AbortHandle);

impl Drop for TimerHandle {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// `loop.call_later`: `callback` runs as one handle once `ms` have passed.
pub fn call_later(ms: f64, callback: impl FnOnce() + 'static) -> TimerHandle {
    let (abort, registration) = AbortHandle::new_pair();
    let timer = sleep(ms);
    spawn(Abortable::new(timer.map(|()| callback()), registration).map(|_| ()));
    TimerHandle(abort)
}
