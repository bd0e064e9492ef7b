//! `main`'s run modes as small state machines: sequential, `gather` (and
//! `limit`, `timeout`), `wait`, `race`, `as_completed`, then `asyncio.run`'s
//! cancellation of what is left.

use super::*;

impl Sim<'_> {
    pub(super) fn spawn_top(&mut self, index: usize) -> TaskId {
        let (name, block, copy) = self.instances[index].clone();
        let id = self.create_user_task(name, block, copy, true);
        self.top_tasks.push(id);
        id
    }

    pub(super) fn top_count(&self) -> usize {
        self.instances.len()
    }

    /// The driver: `main` runs the top-level tasks by the program's mode,
    /// reports their outcomes, then cancels what is left.
    pub(super) fn step_main(&mut self, main: TaskId, exc: Option<Exc>) -> Outcome {
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
            MainStep::Await(waited) => Outcome::Await(waited),
            MainStep::Raise(exc) => {
                let message = match exc {
                    Exc::Error(message) => message,
                    Exc::Cancelled if self.timeout_expired => match self.program.mode {
                        RunMode::Timeout(ms) => says::timeout(ms),
                        _ => says::CANCELLED.into(),
                    },
                    Exc::Cancelled => says::CANCELLED.into(),
                };
                self.emit(MAIN, EventKind::Failed(message));
                self.main_cleanup(main)
            }
            MainStep::Finish => {
                self.emit(MAIN, EventKind::Done("None".into()));
                self.main_cleanup(main)
            }
        }
    }

    pub(super) fn set_phase(&mut self, main: TaskId, phase: MainPhase) {
        self.tasks[main].body = Body::Main(phase);
    }

    /// Starts `main`: creates the top-level tasks and what waits on them.
    pub(super) fn main_begin(&mut self, main: TaskId) -> MainStep {
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
        MainStep::Await(outer)
    }

    pub(super) fn main_sequential_next(
        &mut self,
        main: TaskId,
        index: usize,
        exc: Option<Exc>,
    ) -> MainStep {
        if let Some(exc) = exc {
            return MainStep::Raise(exc);
        }
        if index > 0 {
            let finished = self.top_tasks[index - 1];
            match self.join_result(finished).1 {
                Ok(value) => self.emit_result(finished, value),
                Err(exc) => return MainStep::Raise(exc),
            }
        }
        if index == self.top_count() {
            return MainStep::Finish;
        }
        let task = self.spawn_top(index);
        let name = self.tasks[task].name.clone();
        self.emit(MAIN, EventKind::Suspend(Wait::Join(name)));
        self.set_phase(main, MainPhase::Sequential(index + 1));
        MainStep::Await(self.tasks[task].fut)
    }

    pub(super) fn emit_result(&mut self, task: TaskId, outcome: String) {
        let name = self.tasks[task].name.clone();
        self.emit(
            MAIN,
            EventKind::Result {
                task: name,
                outcome,
            },
        );
    }

    pub(super) fn main_group_done(&mut self, group: GroupId, exc: Option<Exc>) -> MainStep {
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
            return MainStep::Raise(exc);
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
                    Err(exc) => return MainStep::Raise(exc),
                }
            }
            GroupKind::Wait { .. } => {
                for child in children {
                    let outcome = match self.join_result(child).1 {
                        Ok(value) => value,
                        Err(Exc::Error(message)) => says::failed(&message),
                        Err(Exc::Cancelled) => says::CANCELLED.into(),
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
        MainStep::Finish
    }

    pub(super) fn main_as_completed(
        &mut self,
        main: TaskId,
        group: GroupId,
        received: usize,
        exc: Option<Exc>,
    ) -> MainStep {
        if let Some(exc) = exc {
            self.emit(MAIN, EventKind::Resume);
            return MainStep::Raise(exc);
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
                Err(exc) => return MainStep::Raise(exc),
            }
        }
        loop {
            if received == self.groups[group].children.len() {
                return MainStep::Finish;
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
                        Err(exc) => return MainStep::Raise(exc),
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
                    return MainStep::Await(getter);
                }
            }
        }
    }

    /// What `asyncio.run` does after `main`: cancel every task still
    /// pending (in creation order) and wait for them to end.
    pub(super) fn main_cleanup(&mut self, main: TaskId) -> Outcome {
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

    pub(super) fn gather_child_done(&mut self, group: GroupId, child_fut: FutId) {
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

    pub(super) fn wait_child_done(&mut self, group: GroupId) {
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

    pub(super) fn as_completed_child_done(&mut self, group: GroupId, child_fut: FutId) {
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
