//! The loop: the FIFO ready queue, timers by deadline then by the order
//! they were set, and one iteration at a time (`BaseEventLoop._run_once`).

use super::*;

impl Sim<'_> {
    /// `BaseEventLoop._run_once` until `main` is done, then the handles
    /// already queued (asyncio.run's shutdown runs them).
    pub(super) fn run(&mut self) {
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

    pub(super) fn call_later(&mut self, delay: u64, handle: Handle) -> usize {
        let seq = self.timer_handles.len();
        self.timer_handles.push(Some(handle));
        self.timers.push(Reverse((self.now + delay, seq)));
        seq
    }

    pub(super) fn run_handle(&mut self, handle: Handle) {
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
}
