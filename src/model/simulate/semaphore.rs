//! `limit N`: `asyncio.Semaphore`'s `acquire` and `_wake_up_next`.

use super::*;

impl Sim<'_> {
    /// The semaphore of `limit` mode, the only mode that has one.
    pub(super) fn semaphore_mut(&mut self) -> &mut Semaphore {
        self.semaphore
            .as_mut()
            .expect("only limit mode has a semaphore")
    }

    pub(super) fn semaphore_ref(&self) -> &Semaphore {
        self.semaphore
            .as_ref()
            .expect("only limit mode has a semaphore")
    }

    /// `Semaphore.acquire()` at the start of a top-level task in `limit` mode.
    pub(super) fn acquire(&mut self, task: TaskId) -> Outcome {
        let sem = self.semaphore_ref();
        let locked = sem.value <= 0
            || sem
                .waiters
                .iter()
                .any(|&w| self.futs[w].state != FutState::Cancelled);
        if !locked {
            self.semaphore_mut().value -= 1;
            self.user(task).holds_semaphore = true;
            return self.run_frames(task);
        }
        let fut = self.new_fut(FutOwner::Plain);
        self.semaphore_mut().waiters.push_back(fut);
        self.emit_for(task, EventKind::Suspend(Wait::Semaphore));
        self.user(task).suspended = Some(Suspension::Semaphore(fut));
        Outcome::Await(fut)
    }

    /// `Semaphore._wake_up_next()`.
    pub(super) fn wake_next_waiter(&mut self) {
        let waiters: Vec<FutId> = self.semaphore_ref().waiters.iter().copied().collect();
        if let Some(fut) = waiters.into_iter().find(|&w| !self.done(w)) {
            self.semaphore_mut().value -= 1;
            self.complete(fut, FutState::Done("True".into()));
        }
    }
}
