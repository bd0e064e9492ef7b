//! Single-threaded primitives the runtime's tasks wait on: a completion
//! that many can await or call back from, and a FIFO semaphore for `limit N`.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::future::{poll_fn, Future};
use std::rc::Rc;
use std::task::{Poll, Waker};

use super::event_loop::call_soon;

/// Who a completion tells, in the order they asked: asyncio's done-callbacks.
enum Listener<T> {
    /// A task awaiting it (`Task.__wakeup`), with the waker of its latest poll.
    Task(Rc<RefCell<Option<Waker>>>),
    /// A callback, run as its own handle on the ready queue.
    Callback(Box<dyn FnOnce(&T)>),
}

/// A value set once, like an asyncio future's result.
pub struct Completion<T> {
    value: RefCell<Option<T>>,
    waiters: RefCell<Vec<Listener<T>>>,
}

impl<T: Clone + 'static> Completion<T> {
    /// A completion not set yet.
    pub fn new() -> Rc<Self> {
        Rc::new(Self {
            value: RefCell::new(None),
            waiters: RefCell::new(Vec::new()),
        })
    }

    /// Sets the value (the first one wins): waiting tasks are woken and
    /// callbacks queued, in the order they came.
    pub fn set(self: &Rc<Self>, value: T) {
        if self.value.borrow().is_some() {
            return;
        }
        *self.value.borrow_mut() = Some(value);
        for waiter in self.waiters.take() {
            match waiter {
                Listener::Task(waker) => {
                    if let Some(waker) = waker.take() {
                        waker.wake();
                    }
                }
                Listener::Callback(callback) => self.call_back(callback),
            }
        }
    }

    /// Queues `callback` with the value, which is set.
    fn call_back(self: &Rc<Self>, callback: Box<dyn FnOnce(&T)>) {
        let this = self.clone();
        call_soon(move || {
            if let Some(value) = this.value.borrow().as_ref() {
                callback(value);
            }
        });
    }

    /// The value, if set.
    pub fn get(&self) -> Option<T> {
        self.value.borrow().clone()
    }

    /// `add_done_callback`: `callback` runs as a handle once the value is set.
    pub fn on_done(self: &Rc<Self>, callback: impl FnOnce(&T) + 'static) {
        if self.value.borrow().is_some() {
            self.call_back(Box::new(callback));
        } else {
            self.waiters
                .borrow_mut()
                .push(Listener::Callback(Box::new(callback)));
        }
    }

    /// Waits for the value; the waiting task keeps one place among the
    /// waiters however often it is polled.
    pub fn wait(self: &Rc<Self>) -> impl Future<Output = T> {
        let this = self.clone();
        let mut place: Option<Rc<RefCell<Option<Waker>>>> = None;
        poll_fn(move |cx| {
            if let Some(value) = this.get() {
                return Poll::Ready(value);
            }
            match &place {
                Some(waker) => *waker.borrow_mut() = Some(cx.waker().clone()),
                None => {
                    let waker = Rc::new(RefCell::new(Some(cx.waker().clone())));
                    this.waiters
                        .borrow_mut()
                        .push(Listener::Task(waker.clone()));
                    place = Some(waker);
                }
            }
            Poll::Pending
        })
    }
}

/// One task waiting in [`Semaphore::acquire`].
struct Waiter {
    granted: Cell<bool>,
    waker: RefCell<Option<Waker>>,
}

/// `asyncio.Semaphore`: a released permit goes to the longest waiter, never
/// to a newcomer.
pub struct Semaphore {
    permits: Cell<usize>,
    waiters: RefCell<VecDeque<Rc<Waiter>>>,
}

/// A held permit; dropping it releases it.
pub struct Permit(Rc<Semaphore>);

impl Semaphore {
    /// A semaphore with `permits` free.
    pub fn new(permits: usize) -> Rc<Self> {
        Rc::new(Self {
            permits: Cell::new(permits),
            waiters: RefCell::new(VecDeque::new()),
        })
    }

    /// Whether an `acquire` now would have to wait.
    pub fn locked(&self) -> bool {
        self.permits.get() == 0 || !self.waiters.borrow().is_empty()
    }

    /// Takes a permit, waiting in line if there is none.
    pub async fn acquire(self: &Rc<Self>) -> Permit {
        if !self.locked() {
            self.permits.set(self.permits.get() - 1);
            return Permit(self.clone());
        }
        let waiter = Rc::new(Waiter {
            granted: Cell::new(false),
            waker: RefCell::new(None),
        });
        self.waiters.borrow_mut().push_back(waiter.clone());
        let mut queued = Queued {
            semaphore: self.clone(),
            waiter: Some(waiter),
        };
        poll_fn(|cx| {
            let waiter = queued.waiter.as_ref().expect("polled until granted");
            if waiter.granted.get() {
                queued.waiter = None;
                Poll::Ready(())
            } else {
                *waiter.waker.borrow_mut() = Some(cx.waker().clone());
                Poll::Pending
            }
        })
        .await;
        Permit(self.clone())
    }

    fn release(&self) {
        let next = self.waiters.borrow_mut().pop_front();
        match next {
            Some(next) => {
                next.granted.set(true);
                if let Some(waker) = next.waker.take() {
                    waker.wake();
                }
            }
            None => self.permits.set(self.permits.get() + 1),
        }
    }
}

impl Drop for Permit {
    fn drop(&mut self) {
        self.0.release();
    }
}

/// A place in line; leaving it (the acquire was cancelled) gives back a
/// permit that was already granted.
struct Queued {
    semaphore: Rc<Semaphore>,
    waiter: Option<Rc<Waiter>>,
}

impl Drop for Queued {
    fn drop(&mut self) {
        if let Some(waiter) = self.waiter.take() {
            if waiter.granted.get() {
                self.semaphore.release();
            } else {
                self.semaphore
                    .waiters
                    .borrow_mut()
                    .retain(|w| !Rc::ptr_eq(w, &waiter));
            }
        }
    }
}
