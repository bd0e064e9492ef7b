//! The Web Worker pool behind `offload`: workers start once and are reused;
//! a job dropped while it runs (Stop, a cancelled task) terminates its
//! worker, which is replaced.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::future::Future;
use std::rc::{Rc, Weak};

use super::resource_counts::{Resource, Tracked};
use super::sync::Completion;
use super::worker_protocol::{Reply, Request, WorkerHandle, OFFLOAD_SCRIPT};
use crate::model::program::Work;

/// How a job ended: the ms it took in the worker, or why it failed.
pub type JobResult = Result<f64, String>;

struct Job {
    id: u32,
    work: Work,
    amount: u64,
    done: Rc<Completion<JobResult>>,
}

/// A worker, whether it listens yet, and the job it runs.
struct Slot {
    worker: WorkerHandle,
    ready: bool,
    running: Option<Job>,
}

/// A fixed number of workers and a FIFO queue of jobs.
pub struct Pool {
    size: usize,
    slots: RefCell<Vec<Option<Slot>>>,
    queue: RefCell<VecDeque<Job>>,
    next_id: RefCell<u32>,
    this: Weak<Pool>,
}

thread_local! {
    static SHARED: RefCell<Option<Rc<Pool>>> = const { RefCell::new(None) };
}

/// The browser's default pool size: `navigator.hardwareConcurrency`, at most 8.
pub fn default_size() -> usize {
    let cores = web_sys::window().map_or(2.0, |w| w.navigator().hardware_concurrency());
    (cores as usize).clamp(1, 8)
}

impl Pool {
    /// The page's pool of `size` workers, started on first use and kept.
    pub fn shared(size: usize) -> Rc<Pool> {
        SHARED.with(|shared| {
            let mut shared = shared.borrow_mut();
            match shared.as_ref() {
                Some(pool) if pool.size == size => pool.clone(),
                _ => {
                    let pool = Rc::new_cyclic(|this| Pool {
                        size,
                        slots: RefCell::new((0..size).map(|_| None).collect()),
                        queue: RefCell::new(VecDeque::new()),
                        next_id: RefCell::new(0),
                        this: this.clone(),
                    });
                    for index in 0..size {
                        pool.start_worker(index);
                    }
                    *shared = Some(pool.clone());
                    pool
                }
            }
        })
    }

    fn start_worker(&self, index: usize) {
        let (replies, failures) = (self.this.clone(), self.this.clone());
        let worker = WorkerHandle::start(
            OFFLOAD_SCRIPT,
            move |reply| {
                if let Some(pool) = replies.upgrade() {
                    pool.on_reply(index, reply);
                }
            },
            move |message| {
                if let Some(pool) = failures.upgrade() {
                    pool.on_error(index, message);
                }
            },
        );
        self.slots.borrow_mut()[index] = worker.ok().map(|worker| Slot {
            worker,
            ready: false,
            running: None,
        });
    }

    /// Runs `amount` of `work` in a worker; the future ends with the worker's
    /// time for it. Dropping the future cancels the job.
    pub fn run(&self, work: Work, amount: u64) -> impl Future<Output = JobResult> {
        let id = {
            let mut next = self.next_id.borrow_mut();
            *next += 1;
            *next
        };
        let done = Completion::new();
        self.queue.borrow_mut().push_back(Job {
            id,
            work,
            amount,
            done: done.clone(),
        });
        self.dispatch();
        let cancel = CancelJob {
            pool: self.this.clone(),
            id,
            done: done.clone(),
            _tracked: Tracked::new(Resource::Job),
        };
        async move {
            let result = cancel.done.wait().await;
            drop(cancel);
            result
        }
    }

    /// Gives queued jobs to idle, ready workers.
    fn dispatch(&self) {
        let mut slots = self.slots.borrow_mut();
        for slot in slots.iter_mut().flatten() {
            if !slot.ready || slot.running.is_some() {
                continue;
            }
            let Some(job) = self.queue.borrow_mut().pop_front() else {
                break;
            };
            let request = Request::Job {
                id: job.id,
                work: job.work,
                amount: job.amount,
            };
            if !slot.worker.post(&request) {
                job.done.set(Err("the worker did not take the job".into()));
                continue;
            }
            slot.running = Some(job);
        }
    }

    fn on_reply(&self, index: usize, reply: Reply) {
        let finished = {
            let mut slots = self.slots.borrow_mut();
            let Some(slot) = slots[index].as_mut() else {
                return;
            };
            match reply {
                Reply::Ready => {
                    slot.ready = true;
                    None
                }
                Reply::JobDone { id, elapsed_ms }
                    if slot.running.as_ref().is_some_and(|job| job.id == id) =>
                {
                    slot.running.take().map(|job| (job, elapsed_ms))
                }
                Reply::JobDone { .. } | Reply::Answer { .. } => None,
            }
        };
        if let Some((job, elapsed_ms)) = finished {
            job.done.set(Ok(elapsed_ms));
        }
        self.dispatch();
    }

    fn on_error(&self, index: usize, message: String) {
        let failed = self.slots.borrow_mut()[index].take();
        if let Some(job) = failed.and_then(|mut slot| slot.running.take()) {
            job.done.set(Err(message.clone()));
        }
        if self.slots.borrow().iter().all(Option::is_none) {
            for job in self.queue.borrow_mut().drain(..) {
                job.done.set(Err(message.clone()));
            }
        }
    }

    /// Drops job `id`: from the queue, or by terminating the worker that
    /// runs it and starting a fresh one in its place.
    fn cancel(&self, id: u32) {
        self.queue.borrow_mut().retain(|job| job.id != id);
        let index = self.slots.borrow().iter().position(|slot| {
            slot.as_ref()
                .and_then(|s| s.running.as_ref())
                .is_some_and(|job| job.id == id)
        });
        if let Some(index) = index {
            self.slots.borrow_mut()[index] = None;
            self.start_worker(index);
        }
    }
}

/// Cancels the job if its future is dropped before it ends.
struct CancelJob {
    pool: Weak<Pool>,
    id: u32,
    done: Rc<Completion<JobResult>>,
    _tracked: Tracked,
}

impl Drop for CancelJob {
    fn drop(&mut self) {
        if self.done.get().is_none() {
            if let Some(pool) = self.pool.upgrade() {
                pool.cancel(self.id);
            }
        }
    }
}
