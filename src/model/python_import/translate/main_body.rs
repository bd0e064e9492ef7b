//! Reading `main`'s body: the tasks it makes, gathers or waits for, and
//! how (a timeout, a list built in a loop, one task after another).

use super::super::ast::{Arg, Expr, Stmt};
use super::patterns::{call_name, range_of, reports, task_call, timeout_ms};
use super::{Group, Reader};
use crate::model::parse_error::{error_at, Pos, Result};
use crate::model::program::RunMode;
use crate::model::python_import::notes::Note;

impl Reader {
    /// A main made only of building task lists and one gather or wait of
    /// them.
    pub(super) fn main_of_tasks(&mut self, body: &[Stmt]) -> Result<bool> {
        if self.sequential_tasks(body)? {
            return Ok(true);
        }
        if let Some((
            Stmt::For {
                iter, body: each, ..
            },
            before,
        )) = body.split_last()
        {
            if call_name(iter).as_deref() == Some("asyncio.as_completed")
                && each.iter().all(reports)
            {
                let Expr::Call { args, .. } = iter else {
                    return Ok(false);
                };
                if !self.build_lists(before)? {
                    return Ok(false);
                }
                let mut groups = Vec::new();
                for arg in args.iter().filter(|a| a.name.is_none()) {
                    match self.groups(&arg.value)? {
                        Some(found) => groups.extend(found),
                        None => groups.push(self.single(&arg.value)?),
                    }
                }
                self.mode = Some(RunMode::AsCompleted);
                self.tasks = groups;
                return Ok(true);
            }
        }
        if let Some((Stmt::Try { body: tried, .. }, before)) = body.split_last() {
            return self.main_with_timeout(before, tried);
        }
        let reporting = body.iter().rev().take_while(|stmt| reports(stmt)).count();
        let Some((last, before)) = body[..body.len() - reporting].split_last() else {
            return Ok(false);
        };
        let waited = match last {
            Stmt::Expr(waited) => waited,
            Stmt::Assign { value, .. } if reporting > 0 => value,
            _ => return Ok(false),
        };
        self.main_waiting(before, waited)
    }

    /// `try: async with asyncio.timeout(s): results = await gather(…)` and
    /// its reports, after `before` has built the task lists: `timeout MS`.
    pub(super) fn main_with_timeout(&mut self, before: &[Stmt], tried: &[Stmt]) -> Result<bool> {
        if let Some((Stmt::Expr(waited) | Stmt::Assign { value: waited, .. }, reporting)) =
            tried.split_first()
        {
            let timed = reporting.iter().all(reports) && self.main_waiting(before, waited)?;
            return Ok(timed && matches!(self.mode, Some(RunMode::Timeout(_))));
        }
        let Some((
            Stmt::With {
                items,
                is_async: true,
                body: inner,
                ..
            },
            reporting,
        )) = tried.split_first()
        else {
            return Ok(false);
        };
        let ([(Expr::Call { func, args, .. }, None)], [waited]) =
            (items.as_slice(), inner.as_slice())
        else {
            return Ok(false);
        };
        let ([seconds], Some("asyncio.timeout")) = (args.as_slice(), func.dotted().as_deref())
        else {
            return Ok(false);
        };
        let waited = match waited {
            Stmt::Expr(waited) | Stmt::Assign { value: waited, .. } => waited,
            _ => return Ok(false),
        };
        if !reporting.iter().all(reports) || !self.main_waiting(before, waited)? {
            return Ok(false);
        }
        if self.mode != Some(RunMode::Gather) {
            return Err(error_at(
                waited.pos(),
                "a timeout here is around asyncio.gather",
            ));
        }
        self.mode = Some(RunMode::Timeout(timeout_ms(&seconds.value)?));
        Ok(true)
    }

    /// `before` builds the task lists and `waited` awaits them: the mode and
    /// the tasks, or false when they are something else.
    pub(super) fn main_waiting(&mut self, before: &[Stmt], waited: &Expr) -> Result<bool> {
        let saved = self.lists.clone();
        if !self.build_lists(before)? {
            return Ok(false);
        }
        let found = match waited {
            Expr::Await(inner, _) => self.awaited_groups(inner)?,
            _ => None,
        };
        let Some((mode, groups)) = found else {
            self.lists = saved;
            return Ok(false);
        };
        self.mode = Some(mode);
        self.tasks = groups;
        Ok(true)
    }

    /// Reads `stmts` as building lists of tasks; false (and nothing kept)
    /// when one does something else.
    pub(super) fn build_lists(&mut self, stmts: &[Stmt]) -> Result<bool> {
        let saved = self.lists.clone();
        for stmt in stmts {
            let built = match stmt {
                Stmt::Assign { target, value, .. } => match self.groups(value)? {
                    Some(groups) => {
                        self.lists.insert(target.clone(), groups);
                        true
                    }
                    None => false,
                },
                Stmt::For {
                    var,
                    iter,
                    body,
                    pos,
                    ..
                } => self.append_loop(var, iter, body, *pos).is_ok(),
                _ => false,
            };
            if !built {
                self.lists = saved;
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// A `main` that runs its tasks one after another and prints each
    /// result: `print("t ->", await asyncio.create_task(t(), name="t"))`,
    /// or that in a loop over `range(N)`.
    pub(super) fn sequential_tasks(&mut self, body: &[Stmt]) -> Result<bool> {
        let awaited_task = |stmt: &Stmt| -> Option<(Expr, Option<(String, Expr)>)> {
            let (stmt, lp) = match stmt {
                Stmt::For {
                    var, iter, body, ..
                } => match body.as_slice() {
                    [inner] => (inner.clone(), Some((var.clone(), iter.clone()))),
                    _ => return None,
                },
                other => (other.clone(), None),
            };
            let Stmt::Expr(Expr::Call { func, args, .. }) = stmt else {
                return None;
            };
            if func.dotted().as_deref() != Some("print") {
                return None;
            }
            let Some(Arg {
                value: Expr::Await(inner, _),
                ..
            }) = args.last()
            else {
                return None;
            };
            let (call, as_task) = task_call(inner);
            as_task.then(|| (call.clone(), lp))
        };
        let found: Option<Vec<_>> = body.iter().map(awaited_task).collect();
        let Some(found) = found.filter(|f| !f.is_empty()) else {
            return Ok(false);
        };
        let mut groups = Vec::new();
        for (call, lp) in found {
            groups.push(match lp {
                None => Group {
                    callee: self.coroutine_call(&call, None)?,
                    copies: 1,
                    first: 0,
                    as_tasks: true,
                    pos: call.pos(),
                },
                Some((var, iter)) => {
                    let (first, copies) = range_of(&iter)?;
                    Group {
                        callee: self.coroutine_call(&call, Some(&var))?,
                        copies,
                        first,
                        as_tasks: true,
                        pos: call.pos(),
                    }
                }
            });
        }
        self.mode = Some(RunMode::Sequential);
        self.tasks = groups;
        Ok(true)
    }

    /// `asyncio.gather(*tasks)` or `asyncio.wait(tasks)`: the mode and the
    /// tasks.
    pub(super) fn awaited_groups(&mut self, expr: &Expr) -> Result<Option<(RunMode, Vec<Group>)>> {
        let Expr::Call { func, args, .. } = expr else {
            return Ok(None);
        };
        if func.dotted().as_deref() == Some("asyncio.wait_for") {
            return self.waited_for(args, expr.pos());
        }
        let first_completed = args.iter().any(|a| {
            a.name.as_deref() == Some("return_when")
                && a.value.dotted().as_deref() == Some("asyncio.FIRST_COMPLETED")
        });
        let mode = match func.dotted().as_deref() {
            Some("asyncio.gather") => RunMode::Gather,
            Some("asyncio.wait") if first_completed => RunMode::Race,
            Some("asyncio.wait") => RunMode::Wait,
            _ => return Ok(None),
        };
        if let Some(other) = args.iter().find(|a| {
            a.name.is_some() && !(first_completed && a.name.as_deref() == Some("return_when"))
        }) {
            return Err(error_at(
                other.value.pos(),
                format!(
                    "{}= is not read here",
                    other.name.as_deref().unwrap_or_default()
                ),
            ));
        }
        let mut groups = Vec::new();
        for arg in args.iter().filter(|a| a.name.is_none()) {
            match self.groups(&arg.value)? {
                Some(found) => groups.extend(found),
                None => groups.push(self.single(&arg.value)?),
            }
        }
        if matches!(mode, RunMode::Wait | RunMode::Race) && groups.iter().any(|g| !g.as_tasks) {
            self.note(Note::WaitOnCoroutines);
        }
        Ok(Some((mode, groups)))
    }

    /// `asyncio.wait_for(asyncio.gather(…), timeout=s)`: `timeout MS`, as
    /// `asyncio.timeout(s)` around the gather.
    pub(super) fn waited_for(
        &mut self,
        args: &[Arg],
        pos: Pos,
    ) -> Result<Option<(RunMode, Vec<Group>)>> {
        let (awaited, seconds) = match args {
            [Arg {
                name: None,
                value: awaited,
            }, Arg {
                name,
                value: seconds,
            }] if name.as_deref().is_none_or(|n| n == "timeout") => (awaited, seconds),
            _ => {
                return Err(error_at(
                    pos,
                    "write asyncio.wait_for(asyncio.gather(…), timeout=seconds)",
                ))
            }
        };
        match self.awaited_groups(awaited)? {
            Some((RunMode::Gather, groups)) => {
                Ok(Some((RunMode::Timeout(timeout_ms(seconds)?), groups)))
            }
            _ => Err(error_at(
                awaited.pos(),
                "wait_for here waits for asyncio.gather(…)",
            )),
        }
    }
}
