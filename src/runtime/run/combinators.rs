//! The outer futures `main` waits on: `gather`'s, `wait`'s and
//! `as_completed`'s, each settled by done-callbacks on its children.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;

use super::tasks::{cancel, Outcome, Raised, TaskRecord};
use crate::runtime::sync::Completion;

/// `asyncio.gather`'s outer future: a done-callback on each child counts
/// it; the first failure or cancellation, or the last child, settles it.
pub(super) struct Gathering {
    pub(super) children: Vec<Rc<TaskRecord>>,
    pub(super) finished: Cell<usize>,
    pub(super) cancel_requested: Cell<bool>,
    pub(super) done: Rc<Completion<Result<(), Raised>>>,
}

impl Gathering {
    pub(super) fn new(children: &[Rc<TaskRecord>]) -> Rc<Self> {
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
    pub(super) fn child_done(&self, outcome: &Outcome) {
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
    pub(super) fn cancel(&self) -> bool {
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
pub(super) struct WaitGroup {
    pub(super) remaining: Cell<usize>,
    pub(super) first: bool,
    pub(super) closed: Cell<bool>,
    pub(super) done: Rc<Completion<()>>,
}

impl WaitGroup {
    pub(super) fn new(children: &[Rc<TaskRecord>], first: bool) -> Rc<Self> {
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
    pub(super) fn child_done(&self) {
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
pub(super) struct Arrivals {
    pub(super) ended: RefCell<VecDeque<usize>>,
    pub(super) getters: RefCell<VecDeque<Rc<Completion<()>>>>,
}

impl Arrivals {
    pub(super) fn new(children: &[Rc<TaskRecord>]) -> Rc<Self> {
        let arrivals = Rc::new(Self::default());
        for (index, child) in children.iter().enumerate() {
            let arrivals = arrivals.clone();
            child.done.on_done(move |_| arrivals.child_done(index));
        }
        arrivals
    }

    /// `_on_completion`: queue the child and hand it to the first getter.
    pub(super) fn child_done(&self, index: usize) {
        self.ended.borrow_mut().push_back(index);
        let getter = self.getters.borrow_mut().pop_front();
        if let Some(getter) = getter {
            getter.set(());
        }
    }

    /// `Queue.get()`: the next child to end, waiting for one if none has.
    pub(super) async fn next(&self) -> usize {
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
