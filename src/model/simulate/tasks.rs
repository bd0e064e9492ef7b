//! Tasks: creating them, `Task.__step` and the user's coroutines it runs,
//! frame by frame, until they await, yield or end.

use super::*;

impl Sim<'_> {
    pub(super) fn new_task(&mut self, name: String, body: Body) -> TaskId {
        let id = self.tasks.len();
        let fut = self.new_fut(FutOwner::Task(id));
        self.tasks.push(Task {
            name,
            fut,
            must_cancel: false,
            waiter: None,
            started: false,
            body,
        });
        self.ready.push_back(Handle::Step(id));
        id
    }

    /// Creates a user task the way the export does: `create_task` plus the
    /// note for a cancellation before it starts.
    pub(super) fn create_user_task(
        &mut self,
        name: String,
        block: usize,
        copy: u32,
        top: bool,
    ) -> TaskId {
        let frame = Frame {
            block,
            pc: 0,
            results: HashMap::new(),
            spawned: HashMap::new(),
        };
        let body = Body::User(UserTask {
            root: block,
            top,
            copy,
            frames: vec![frame],
            holds_semaphore: false,
            suspended: None,
        });
        let id = self.new_task(name, body);
        self.add_callback(self.tasks[id].fut, Callback::NoteUnstarted(id));
        id
    }

    /// `Task.__step`.
    pub(super) fn step(&mut self, task: TaskId, exc: Option<Exc>) {
        if self.done(self.tasks[task].fut) {
            return;
        }
        let mut exc = exc;
        if self.tasks[task].must_cancel {
            exc = Some(Exc::Cancelled);
            self.tasks[task].must_cancel = false;
        }
        self.tasks[task].waiter = None;
        let outcome = if matches!(self.tasks[task].body, Body::Main(_)) {
            self.step_main(task, exc)
        } else {
            self.step_user(task, exc)
        };
        let fut = self.tasks[task].fut;
        match outcome {
            Outcome::Await(waited) => {
                self.add_callback(waited, Callback::Wake(task));
                self.tasks[task].waiter = Some(waited);
                if self.tasks[task].must_cancel && self.cancel(waited) {
                    self.tasks[task].must_cancel = false;
                }
            }
            Outcome::Yield => self.ready.push_back(Handle::Step(task)),
            Outcome::Done(_) | Outcome::Raised(Exc::Cancelled) if self.tasks[task].must_cancel => {
                self.tasks[task].must_cancel = false;
                self.complete(fut, FutState::Cancelled);
            }
            Outcome::Done(value) => {
                self.complete(fut, FutState::Done(value));
            }
            Outcome::Raised(Exc::Cancelled) => {
                self.complete(fut, FutState::Cancelled);
            }
            Outcome::Raised(error) => {
                self.complete(fut, FutState::Raised(error));
            }
        }
    }

    pub(super) fn user(&mut self, task: TaskId) -> &mut UserTask {
        match &mut self.tasks[task].body {
            Body::User(user) => user,
            Body::Main(_) => unreachable!("main is not a user task"),
        }
    }

    /// The innermost frame of a running user task.
    pub(super) fn frame_mut(&mut self, task: TaskId) -> &mut Frame {
        self.user(task)
            .frames
            .last_mut()
            .expect("a running task has a frame")
    }

    pub(super) fn step_user(&mut self, task: TaskId, exc: Option<Exc>) -> Outcome {
        if !self.tasks[task].started {
            if let Some(exc) = exc {
                // Thrown into a coroutine that never ran: none of its code runs.
                return Outcome::Raised(exc);
            }
            self.tasks[task].started = true;
            self.emit_for(task, EventKind::Start);
            if self.user(task).top && self.semaphore.is_some() {
                return self.acquire(task);
            }
            return self.run_frames(task);
        }
        let suspended = self.user(task).suspended.take();
        self.emit_for(task, EventKind::Resume);
        let mut exc = exc;
        match suspended {
            Some(Suspension::Timer(seq)) => self.timer_handles[seq] = None,
            Some(Suspension::Semaphore(fut)) => {
                let sem = self.semaphore_mut();
                sem.waiters.retain(|&w| w != fut);
                if exc.is_some() {
                    if self.futs[fut].state != FutState::Cancelled {
                        self.semaphore_mut().value += 1;
                        self.wake_next_waiter();
                    }
                } else {
                    if self.semaphore_ref().value > 0 {
                        self.wake_next_waiter();
                    }
                    self.user(task).holds_semaphore = true;
                }
            }
            Some(Suspension::Join(joined)) if exc.is_none() => {
                let (name, value) = self.join_result(joined);
                match value {
                    Ok(value) => {
                        self.frame_mut(task).results.insert(name, value);
                    }
                    Err(raised) => exc = Some(raised),
                }
            }
            _ => {}
        }
        match exc {
            Some(exc) => self.finish(task, Err(exc)),
            None => self.run_frames(task),
        }
    }

    /// The coroutine name a joined task was spawned as, and its outcome.
    pub(super) fn join_result(&self, joined: TaskId) -> (String, Result<String, Exc>) {
        let name = match &self.tasks[joined].body {
            Body::User(user) => self.program.blocks[user.root].name.clone(),
            Body::Main(_) => MAIN.to_string(),
        };
        let outcome = match &self.futs[self.tasks[joined].fut].state {
            FutState::Done(value) => Ok(value.clone()),
            FutState::Raised(exc) => Err(exc.clone()),
            _ => Err(Exc::Cancelled),
        };
        (name, outcome)
    }

    /// Ends a user task: releases its semaphore slot, records the outcome.
    pub(super) fn finish(&mut self, task: TaskId, outcome: Result<String, Exc>) -> Outcome {
        if std::mem::take(&mut self.user(task).holds_semaphore) {
            self.semaphore_mut().value += 1;
            self.wake_next_waiter();
        }
        match outcome {
            Ok(value) => {
                self.emit_for(task, EventKind::Done(value.clone()));
                Outcome::Done(value)
            }
            Err(Exc::Error(message)) => {
                self.emit_for(task, EventKind::Failed(message.clone()));
                Outcome::Raised(Exc::Error(message))
            }
            Err(Exc::Cancelled) => {
                self.emit_for(task, EventKind::Cancelled);
                Outcome::Raised(Exc::Cancelled)
            }
        }
    }

    /// Runs the task's steps until it suspends or ends.
    pub(super) fn run_frames(&mut self, task: TaskId) -> Outcome {
        let program = self.program;
        loop {
            let (copy, block, pc) = {
                let user = self.user(task);
                let frame = user.frames.last_mut().expect("a running task has a frame");
                frame.pc += 1;
                (user.copy, frame.block, frame.pc - 1)
            };
            let Some(step) = program.blocks[block].steps.get(pc) else {
                if let Some(outcome) = self.return_from_frame(task, "None".into()) {
                    return outcome;
                }
                continue;
            };
            let render = |sim: &Self, text: &crate::model::program::Text| {
                text.render(copy, |name| lookup(task_frames(&sim.tasks[task]), name))
            };
            match step {
                Step::Print(text) => {
                    let line = render(self, text);
                    self.emit_for(task, EventKind::Print(line));
                }
                Step::Sleep(amount) => {
                    let ms = amount.at(copy);
                    self.emit_for(task, EventKind::Suspend(Wait::Sleep(ms)));
                    return self.sleep(task, ms);
                }
                Step::Yield => {
                    self.emit_for(task, EventKind::Suspend(Wait::Yield));
                    self.user(task).suspended = Some(Suspension::Yield);
                    return Outcome::Yield;
                }
                Step::Block(amount) | Step::Compute(amount) => {
                    let work = if matches!(step, Step::Block(_)) {
                        Work::Block
                    } else {
                        Work::Compute
                    };
                    let amount = amount.at(copy);
                    self.emit_for(task, EventKind::Block(work, amount));
                    self.now += amount;
                }
                Step::Offload(work, amount) => {
                    let amount = amount.at(copy);
                    self.emit_for(task, EventKind::Suspend(Wait::Worker(*work, amount)));
                    return self.offload(task, amount);
                }
                Step::Fetch { url, .. } => {
                    let url = render(self, url);
                    self.emit_for(task, EventKind::Suspend(Wait::Fetch(url)));
                    return self.sleep(task, u64::from(program.latency_ms));
                }
                Step::CallSoon(text) => {
                    let text = render(self, text);
                    self.ready.push_back(Handle::CallSoon(text));
                }
                Step::Spawn(name) => self.spawn(task, name.clone(), copy),
                Step::Await(name) => {
                    if let Some(outcome) = self.await_coroutine(task, name.clone()) {
                        return outcome;
                    }
                }
                Step::Call(name) => {
                    let warning = says::never_awaited(name);
                    self.emit_for(task, EventKind::Warning(warning));
                }
                Step::Return(text) => {
                    let value = render(self, text);
                    if let Some(outcome) = self.return_from_frame(task, value) {
                        return outcome;
                    }
                }
                Step::Fail(text) => {
                    let message = render(self, text);
                    return self.raise(task, Exc::Error(message));
                }
            }
        }
    }

    /// `create_task` of coroutine `name` in copy `copy`, kept by the
    /// creating frame under that name for a later `await`.
    fn spawn(&mut self, task: TaskId, name: String, copy: u32) {
        let block = self.program.block_of(&name);
        let task_name = self.unique_name(&name);
        let spawned = self.create_user_task(task_name.clone(), block, copy, false);
        self.frame_mut(task).spawned.insert(name, spawned);
        self.emit_for(task, EventKind::Spawn(task_name));
    }

    /// `run_in_executor`: the job goes to the pool's worker free first and
    /// its future is set when the job ends there.
    fn offload(&mut self, task: TaskId, amount: u64) -> Outcome {
        let fut = self.new_fut(FutOwner::Plain);
        let worker = (0..self.workers_free_at.len())
            .min_by_key(|&w| self.workers_free_at[w])
            .expect("a pool has workers");
        let end = self.now.max(self.workers_free_at[worker]) + amount;
        self.workers_free_at[worker] = end;
        self.call_later(end - self.now, Handle::SetResult(fut));
        self.user(task).suspended = Some(Suspension::Io);
        Outcome::Await(fut)
    }

    /// `await NAME`: joins the task the frame created as `NAME` (at once
    /// when it has ended), or else enters coroutine `NAME` in a new frame;
    /// the outcome when the task suspends or ends.
    fn await_coroutine(&mut self, task: TaskId, name: String) -> Option<Outcome> {
        let spawned = self
            .user(task)
            .frames
            .last()
            .expect("a frame")
            .spawned
            .get(&name)
            .copied();
        match spawned {
            Some(joined) if self.done(self.tasks[joined].fut) => match self.join_result(joined).1 {
                Ok(value) => {
                    self.frame_mut(task).results.insert(name, value);
                    None
                }
                Err(exc) => Some(self.raise(task, exc)),
            },
            Some(joined) => {
                let joined_name = self.tasks[joined].name.clone();
                self.emit_for(task, EventKind::Suspend(Wait::Join(joined_name)));
                self.user(task).suspended = Some(Suspension::Join(joined));
                Some(Outcome::Await(self.tasks[joined].fut))
            }
            None => {
                self.emit_for(task, EventKind::Enter(name.clone()));
                let block = self.program.block_of(&name);
                let frame = Frame {
                    block,
                    pc: 0,
                    results: HashMap::new(),
                    spawned: HashMap::new(),
                };
                self.user(task).frames.push(frame);
                None
            }
        }
    }

    /// `asyncio.sleep`: a bare yield for 0, else a future set by a timer.
    pub(super) fn sleep(&mut self, task: TaskId, ms: u64) -> Outcome {
        if ms == 0 {
            self.user(task).suspended = Some(Suspension::Yield);
            return Outcome::Yield;
        }
        let fut = self.new_fut(FutOwner::Plain);
        let seq = self.call_later(ms, Handle::SetResult(fut));
        self.user(task).suspended = Some(Suspension::Timer(seq));
        Outcome::Await(fut)
    }

    /// Pops a frame; ends the task when it was the last one.
    pub(super) fn return_from_frame(&mut self, task: TaskId, value: String) -> Option<Outcome> {
        let user = self.user(task);
        let frame = user.frames.pop().expect("a frame to return from");
        if user.frames.is_empty() {
            return Some(self.finish(task, Ok(value)));
        }
        let name = self.program.blocks[frame.block].name.clone();
        self.user(task)
            .frames
            .last_mut()
            .expect("a caller")
            .results
            .insert(name.clone(), value.clone());
        self.emit_for(task, EventKind::Exit { name, value });
        None
    }

    /// An exception with no handler in our programs: it ends the task.
    pub(super) fn raise(&mut self, task: TaskId, exc: Exc) -> Outcome {
        self.user(task).frames.clear();
        self.finish(task, Err(exc))
    }
}

fn task_frames(task: &Task) -> &[Frame] {
    match &task.body {
        Body::User(user) => &user.frames,
        Body::Main(_) => &[],
    }
}

/// `{name}`: the innermost frame that awaited `name` has its result.
fn lookup<'a>(frames: &'a [Frame], name: &str) -> Option<&'a str> {
    frames
        .iter()
        .rev()
        .find_map(|frame| frame.results.get(name).map(String::as_str))
}
