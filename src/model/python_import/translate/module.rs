//! Reading a module's top level: its entry point, the lists of calls and
//! the pools it makes, and what `main` runs.

use std::collections::HashMap;

use super::super::ast::{Arg, Expr, Stmt};
use super::patterns::{call_name, entry_of, is_main_guard, range_of, task_call};
use super::texts::{amount_of, stmt_pos};
use super::{Group, Reader};
use crate::model::limits::MAX_WORKERS;
use crate::model::parse_error::{error_at, Pos, Result};
use crate::model::program::{Amount, Block, BlockKind, RunMode};
use crate::model::python_import::notes::Note;

impl Reader {
    /// Reads module-level statements: the entry point, and the lists of
    /// calls it may run.
    pub(super) fn module(&mut self, body: &[Stmt]) -> Result<()> {
        for stmt in body {
            match stmt {
                Stmt::Def { .. } | Stmt::Import | Stmt::Pass => {}
                // The `if __name__ == "__main__":` guard: its body runs.
                Stmt::If {
                    test, body, orelse, ..
                } if is_main_guard(test) && orelse.is_empty() => self.module(body)?,
                Stmt::If { pos, .. } => return Err(error_at(
                    *pos,
                    "at the top of a module only the if __name__ == \"__main__\": guard is read",
                )),
                Stmt::Try { body, finally, .. } => {
                    self.module(body)?;
                    self.module(finally)?;
                }
                Stmt::Assign { target, value, .. } => self.assign_at_top(target, value)?,
                Stmt::For {
                    var,
                    iter,
                    body,
                    pos,
                    ..
                } => self.append_loop(var, iter, body, *pos)?,
                Stmt::Expr(expr) => self.top_expr(expr)?,
                other => {
                    return Err(error_at(
                        stmt_pos(other),
                        "this statement cannot run outside a coroutine here",
                    ))
                }
            }
        }
        Ok(())
    }

    pub(super) fn assign_at_top(&mut self, target: &str, value: &Expr) -> Result<()> {
        if let Some(groups) = self.groups(value)? {
            self.lists.insert(target.to_string(), groups);
            return Ok(());
        }
        if let Some(entry) = entry_of(value) {
            self.set_entry(entry)?;
            return Ok(());
        }
        if call_name(value).is_some_and(|name| self.defs.contains_key(&name)) {
            self.coroutines.insert(target.to_string(), value.clone());
            return Ok(());
        }
        match call_name(value).as_deref() {
            Some("asyncio.get_event_loop") => {
                self.note(Note::GetEventLoop);
                Ok(())
            }
            Some(name) if name.ends_with("PoolExecutor") => self.pool(target, value),
            Some("asyncio.Semaphore") => {
                let count = match value {
                    Expr::Call { args, .. } => match args.as_slice() {
                        [Arg {
                            name: None,
                            value: Expr::Number(n, _),
                        }] => n.parse::<u32>().ok().filter(|n| *n >= 1),
                        _ => None,
                    },
                    _ => None,
                };
                let count = count.ok_or_else(|| {
                    error_at(value.pos(), "write the semaphore as asyncio.Semaphore(N)")
                })?;
                self.semaphores.insert(target.to_string(), count);
                Ok(())
            }
            _ => Ok(()),
        }
    }

    /// `async def fetch(url, select)` whose body only sleeps (after its
    /// docstring), as the Python export writes it (`select=None`): the
    /// latency of the program's fetches; calls of it are fetch steps. Any
    /// other `fetch` is a coroutine like the others.
    pub(super) fn find_fetch_helper(&mut self) {
        let Some(Stmt::Def { params, body, .. }) = self.defs.get("fetch") else {
            return;
        };
        let body = match body.split_first() {
            Some((Stmt::Expr(Expr::Str(..)), rest)) => rest,
            _ => body.as_slice(),
        };
        let [Stmt::Expr(Expr::Await(call, _))] = body else {
            return;
        };
        let Expr::Call { func, args, .. } = call.as_ref() else {
            return;
        };
        let latency = match args.as_slice() {
            [Arg { name: None, value }] if func.dotted().as_deref() == Some("asyncio.sleep") => {
                amount_of(value, &HashMap::new()).ok()
            }
            _ => None,
        };
        if let (Some(Amount { base, per_copy: 0 }), ["url", "select"]) = (
            latency,
            params
                .iter()
                .map(String::as_str)
                .collect::<Vec<_>>()
                .as_slice(),
        ) {
            self.fetch_latency = Some(base);
            self.defs.remove("fetch");
        }
    }

    /// The async defs that only run their argument under a semaphore of
    /// the module: `async with semaphore: return await coroutine`.
    pub(super) fn find_limiters(&mut self) {
        for (name, def) in &self.defs {
            let Stmt::Def { params, body, .. } = def else {
                continue;
            };
            let [Stmt::With {
                items,
                is_async: true,
                body: inner,
                ..
            }] = body.as_slice()
            else {
                continue;
            };
            let ([(Expr::Name(semaphore, _), None)], [param]) =
                (items.as_slice(), params.as_slice())
            else {
                continue;
            };
            let awaits_param = matches!(inner.as_slice(), [Stmt::Return(Some(Expr::Await(value, _)), _)] if matches!(value.as_ref(), Expr::Name(n, _) if n == param));
            if let (true, Some(count)) = (awaits_param, self.semaphores.get(semaphore)) {
                self.limiters.insert(name.clone(), *count);
            }
        }
    }

    /// `pool = ProcessPoolExecutor(max_workers=N)` (or a thread pool): the
    /// program's worker pool, which `run_in_executor(pool, …)` runs on.
    pub(super) fn pool(&mut self, target: &str, value: &Expr) -> Result<()> {
        let Expr::Call { args, pos, .. } = value else {
            return Ok(());
        };
        let workers = match args.as_slice() {
            [] => None,
            [Arg {
                name,
                value: Expr::Number(n, at),
            }] if name.as_deref().is_none_or(|n| n == "max_workers") => {
                let count = n
                    .parse::<u32>()
                    .ok()
                    .filter(|c| (1..=MAX_WORKERS).contains(c));
                Some(count.ok_or_else(|| {
                    error_at(
                        *at,
                        format!("a pool here has from 1 to {MAX_WORKERS} workers"),
                    )
                })?)
            }
            _ => {
                return Err(error_at(
                    *pos,
                    "write the pool as ProcessPoolExecutor(max_workers=N)",
                ))
            }
        };
        self.workers = workers;
        self.pools.push(target.to_string());
        Ok(())
    }

    pub(super) fn top_expr(&mut self, expr: &Expr) -> Result<()> {
        if matches!(expr, Expr::Str(..)) {
            return Ok(());
        }
        if let Some(entry) = entry_of(expr) {
            return self.set_entry(entry);
        }
        match call_name(expr).as_deref() {
            Some("print") => {
                if let Expr::Call { args, .. } = expr {
                    if let Some(entry) = args.first().and_then(|a| entry_of(&a.value)) {
                        // The result is printed after the loop has ended.
                        self.note(Note::PrintOutsideLoop);
                        return self.set_entry(entry);
                    }
                }
                self.note(Note::PrintOutsideLoop);
                Ok(())
            }
            Some(name) if name.ends_with(".close") || name.ends_with(".set_event_loop") => Ok(()),
            Some(name) if name.ends_with(".append") => Err(error_at(expr.pos(), "append to a list inside a for loop over range(N)")),
            _ => Err(error_at(expr.pos(), "outside a coroutine only asyncio.run(main()) or loop.run_until_complete(…) can run here")),
        }
    }

    pub(super) fn set_entry(&mut self, entry: &Expr) -> Result<()> {
        if self.entry.is_some() {
            return Err(error_at(
                entry.pos(),
                "the event loop is started twice; the playground runs one main",
            ));
        }
        let entry = match entry {
            Expr::Name(name, _) => self.coroutines.get(name).unwrap_or(entry),
            other => other,
        };
        self.entry = Some(entry.clone());
        Ok(())
    }

    /// `for i in range(N): tasks.append(f(i))` at module level or in main.
    pub(super) fn append_loop(
        &mut self,
        var: &str,
        iter: &Expr,
        body: &[Stmt],
        pos: Pos,
    ) -> Result<()> {
        let (first, copies) = range_of(iter)?;
        let [Stmt::Expr(Expr::Call { func, args, .. })] = body else {
            return Err(error_at(
                pos,
                "a loop here may only append coroutine calls to a list: tasks.append(f(i))",
            ));
        };
        let (Expr::Attr(list, method, _), [arg]) = (func.as_ref(), args.as_slice()) else {
            return Err(error_at(
                pos,
                "a loop here may only append coroutine calls to a list: tasks.append(f(i))",
            ));
        };
        let Expr::Name(list, _) = list.as_ref() else {
            return Err(error_at(pos, "append to a list named by a variable"));
        };
        if method != "append" {
            return Err(error_at(
                pos,
                "a loop here may only append coroutine calls to a list: tasks.append(f(i))",
            ));
        }
        let (call, as_tasks) = task_call(&arg.value);
        let callee = self.coroutine_call(call, Some(var))?;
        let group = Group {
            callee,
            copies,
            first,
            as_tasks,
            pos,
        };
        self.lists.entry(list.clone()).or_default().push(group);
        Ok(())
    }

    /// The groups of calls `value` makes: `[f(i) for i in range(N)]`,
    /// `[f(0), f(1)]`, `[]`, or a list named earlier.
    pub(super) fn groups(&mut self, value: &Expr) -> Result<Option<Vec<Group>>> {
        Ok(Some(match value {
            Expr::Comp {
                elt,
                var,
                iter,
                pos,
            } => {
                let (first, copies) = range_of(iter)?;
                let (call, as_tasks) = task_call(elt);
                let callee = self.coroutine_call(call, Some(var))?;
                vec![Group {
                    callee,
                    copies,
                    first,
                    as_tasks,
                    pos: *pos,
                }]
            }
            Expr::List(items, _) | Expr::Tuple(items, _) => {
                let mut groups = Vec::new();
                for item in items {
                    match self.groups(item)? {
                        Some(inner) if matches!(item, Expr::Starred(..) | Expr::Name(..)) => {
                            groups.extend(inner)
                        }
                        _ => groups.push(self.single(item)?),
                    }
                }
                groups
            }
            Expr::Starred(inner, _) => return self.groups(inner),
            Expr::BinOp(left, "+", right, _) => {
                let (Some(mut left), Some(right)) = (self.groups(left)?, self.groups(right)?)
                else {
                    return Ok(None);
                };
                left.extend(right);
                left
            }
            Expr::Name(name, _) => match self.lists.get(name) {
                Some(groups) => groups.clone(),
                None => return Ok(None),
            },
            _ => return Ok(None),
        }))
    }

    /// One call of a coroutine with no loop variable: one copy.
    pub(super) fn single(&mut self, call: &Expr) -> Result<Group> {
        let (inner, as_tasks) = task_call(call);
        let callee = self.coroutine_call(inner, None)?;
        Ok(Group {
            callee,
            copies: 1,
            first: 0,
            as_tasks,
            pos: call.pos(),
        })
    }

    /// The coroutine `call` calls, made into a block; its argument may only
    /// be the loop variable `var` (the copy number).
    pub(super) fn coroutine_call(&mut self, call: &Expr, var: Option<&str>) -> Result<String> {
        let Expr::Call { func, args, pos } = call else {
            return Err(error_at(
                call.pos(),
                "expected a call of an async def, like hello(i)",
            ));
        };
        let limiter = func
            .dotted()
            .and_then(|name| self.limiters.get(&name).copied());
        if let (
            Some(count),
            [Arg {
                name: None,
                value: inner,
            }],
        ) = (limiter, args.as_slice())
        {
            if self.limit.is_some_and(|limit| limit != count) {
                return Err(error_at(
                    *pos,
                    "the playground runs one semaphore for all of main's tasks",
                ));
            }
            self.limit = Some(count);
            return self.coroutine_call(inner, var);
        }
        let Some(name) = func.dotted().filter(|name| self.defs.contains_key(name)) else {
            return Err(error_at(
                *pos,
                format!(
                    "{} is not an async def of this module",
                    func.dotted().unwrap_or_else(|| "this".into())
                ),
            ));
        };
        for arg in args {
            // Outside a loop, a task that shows its number is copy 0.
            let is_var = match &arg.value {
                Expr::Name(n, _) => Some(n.as_str()) == var,
                Expr::Number(n, _) => var.is_none() && n == "0",
                _ => false,
            };
            if !is_var || arg.name.is_some() {
                return Err(error_at(arg.value.pos(), "a coroutine here may only get the loop's number, like f(i) in for i in range(N)"));
            }
        }
        Ok(name)
    }

    /// `main`'s run mode and tasks from what the event loop runs.
    pub(super) fn run(&mut self, entry: &Expr) -> Result<()> {
        if let Some((mode, groups)) = self.awaited_groups(entry)? {
            self.mode = Some(mode);
            self.tasks = groups;
            return Ok(());
        }
        let Expr::Call { func, args, pos } = entry else {
            return Err(error_at(
                entry.pos(),
                "run a coroutine: asyncio.run(main())",
            ));
        };
        let name = func.dotted().unwrap_or_default();
        let Some(Stmt::Def { body, params, .. }) = self.defs.get(&name).cloned() else {
            return Err(error_at(
                *pos,
                format!("{name} is not an async def of this module"),
            ));
        };
        if !args.is_empty() || !params.is_empty() {
            return Err(error_at(
                *pos,
                "the coroutine the loop runs takes no arguments here",
            ));
        }
        self.main = Some(name.clone());
        if self.main_of_tasks(&body)? {
            return Ok(());
        }
        // A main that does more than run tasks is a task of its own.
        let steps = self.steps(&body, &HashMap::new())?;
        self.blocks.push(Block {
            name: format!("{name}_"),
            kind: BlockKind::Task { copies: 1 },
            steps,
        });
        self.mode = Some(RunMode::Sequential);
        Ok(())
    }
}
