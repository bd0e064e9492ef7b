//! Futures: outcomes, done-callbacks queued as handles, and cancellation
//! (`Future.set_result`, `Future.cancel`, `Task.cancel`, `_GatheringFuture.cancel`).

use super::*;

impl Sim<'_> {
    pub(super) fn new_fut(&mut self, owner: FutOwner) -> FutId {
        self.futs.push(Fut {
            state: FutState::Pending,
            owner,
            callbacks: Vec::new(),
        });
        self.futs.len() - 1
    }

    pub(super) fn add_callback(&mut self, fut: FutId, callback: Callback) {
        self.futs[fut].callbacks.push(callback);
    }

    pub(super) fn done(&self, fut: FutId) -> bool {
        self.futs[fut].state != FutState::Pending
    }

    /// Sets a future's outcome and queues its callbacks; false if already done.
    pub(super) fn complete(&mut self, fut: FutId, state: FutState) -> bool {
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
    pub(super) fn cancel(&mut self, fut: FutId) -> bool {
        match self.futs[fut].owner {
            FutOwner::Plain => self.complete(fut, FutState::Cancelled),
            FutOwner::Task(task) => self.cancel_task(task),
            FutOwner::Gather(group) => self.cancel_gather(group),
        }
    }

    /// `Task.cancel()`.
    pub(super) fn cancel_task(&mut self, task: TaskId) -> bool {
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
    pub(super) fn cancel_gather(&mut self, group: GroupId) -> bool {
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
}
