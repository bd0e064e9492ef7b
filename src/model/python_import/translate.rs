//! Turns the statements of an asyncio module into a program: its async
//! functions into coroutines and tasks, what runs them at the bottom of the
//! module into `main`'s run mode, and each awaited call into a step.

use std::collections::HashMap;

use super::ast::{Arg, Expr, FPart, Stmt};
use super::{error_at, Note, Pos, Result};
use crate::model::limits::{MAX_COPIES, MAX_WORKERS};
use crate::model::parse::check_name;
use crate::model::program::{
    Amount, Block, BlockKind, Program, RunMode, Segment, Step, Text, Work,
};

/// The program `module` stands for, and what the learner should know about
/// how it was read.
pub fn program(module: &[Stmt]) -> Result<(Program, Vec<Note>)> {
    let mut reader = Reader::default();
    for stmt in module {
        if let Stmt::Def {
            name,
            is_async: true,
            ..
        } = stmt
        {
            reader.defs.insert(name.clone(), stmt.clone());
        }
    }
    reader.find_fetch_helper();
    reader.module(module)?;
    reader.find_limiters();
    let Some(entry) = reader.entry.take() else {
        return Err(error_at(
            (1, 1),
            "nothing runs the event loop: end the module with asyncio.run(main())",
        ));
    };
    reader.run(&entry)?;
    let program = reader.finish()?;
    Ok((program, reader.notes))
}

/// A list of coroutine calls made at module level or in `main`: `copies`
/// calls of `callee`, the loop variable counting from `first`.
#[derive(Debug, Clone)]
struct Group {
    callee: String,
    copies: u32,
    first: u32,
    /// Whether the calls were wrapped in `asyncio.create_task`.
    as_tasks: bool,
    pos: Pos,
}

/// What a name stands for inside a coroutine.
#[derive(Debug, Clone, PartialEq)]
enum Bound {
    /// The copy number of the task (a parameter or a loop variable).
    Copy { first: u32 },
    /// The result of awaiting `callee`.
    Result(String),
    /// A task made from `callee` with `create_task`.
    Task(String),
    /// Text kept in a name: `url = f"…/{i}"`.
    Text(Vec<Segment>),
    /// The running event loop (`asyncio.get_running_loop()`).
    Loop,
    /// An `aiohttp.ClientSession`.
    Session,
    /// What a fetch gave, at that step of the coroutine: its response, the
    /// page's text, or the soup made of it.
    Fetched(usize),
    /// What a CSS selector picked from the page fetched at that step.
    Selected(usize),
}

/// A coroutine's body read so far: what its names stand for, and its steps.
struct Reading {
    bound: HashMap<String, Bound>,
    steps: Vec<Step>,
}

#[derive(Default)]
struct Reader {
    defs: HashMap<String, Stmt>,
    /// Lists built at module level or in main, by name.
    lists: HashMap<String, Vec<Group>>,
    /// Coroutine objects made at module level (`coro = foo()`), by name.
    coroutines: HashMap<String, Expr>,
    /// The executors made at module level, by name, and their workers.
    pools: Vec<String>,
    workers: Option<u32>,
    /// The async def the loop runs, which is `main`, not a block.
    main: Option<String>,
    /// Semaphores made at module level, by name, and how many they let in.
    semaphores: HashMap<String, u32>,
    /// Async defs that only run their argument under a semaphore, and how
    /// many that semaphore lets in.
    limiters: HashMap<String, u32>,
    /// How many tasks a limiter lets run at once, once `main` uses one.
    limit: Option<u32>,
    /// The network latency in ms of the module's `async def fetch(url,
    /// select=None)` helper (as the Python export writes it), if it has one.
    fetch_latency: Option<u32>,
    /// The expression the event loop runs, and where.
    entry: Option<Expr>,
    mode: Option<RunMode>,
    tasks: Vec<Group>,
    /// Coroutines made into blocks, in the order they were first needed,
    /// and what their parameters stood for then.
    blocks: Vec<Block>,
    made_with: HashMap<String, Vec<(String, Bound)>>,
    notes: Vec<Note>,
}

impl Reader {
    /// Reads module-level statements: the entry point, and the lists of
    /// calls it may run.
    fn module(&mut self, body: &[Stmt]) -> Result<()> {
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

    fn assign_at_top(&mut self, target: &str, value: &Expr) -> Result<()> {
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
    fn find_fetch_helper(&mut self) {
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
    fn find_limiters(&mut self) {
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
    fn pool(&mut self, target: &str, value: &Expr) -> Result<()> {
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

    fn top_expr(&mut self, expr: &Expr) -> Result<()> {
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

    fn set_entry(&mut self, entry: &Expr) -> Result<()> {
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
    fn append_loop(&mut self, var: &str, iter: &Expr, body: &[Stmt], pos: Pos) -> Result<()> {
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
    fn groups(&mut self, value: &Expr) -> Result<Option<Vec<Group>>> {
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
    fn single(&mut self, call: &Expr) -> Result<Group> {
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
    fn coroutine_call(&mut self, call: &Expr, var: Option<&str>) -> Result<String> {
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
    fn run(&mut self, entry: &Expr) -> Result<()> {
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

    /// A main made only of building task lists and one gather or wait of
    /// them.
    fn main_of_tasks(&mut self, body: &[Stmt]) -> Result<bool> {
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
    fn main_with_timeout(&mut self, before: &[Stmt], tried: &[Stmt]) -> Result<bool> {
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
    fn main_waiting(&mut self, before: &[Stmt], waited: &Expr) -> Result<bool> {
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
    fn build_lists(&mut self, stmts: &[Stmt]) -> Result<bool> {
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
    fn sequential_tasks(&mut self, body: &[Stmt]) -> Result<bool> {
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
    fn awaited_groups(&mut self, expr: &Expr) -> Result<Option<(RunMode, Vec<Group>)>> {
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
    fn waited_for(&mut self, args: &[Arg], pos: Pos) -> Result<Option<(RunMode, Vec<Group>)>> {
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

    /// Whether the async def called `name` may name a block: the format's
    /// rules for names, told at the def.
    fn check_def_name(&self, name: &str) -> Result<()> {
        let pos = match self.defs.get(name) {
            Some(Stmt::Def { pos, .. }) => *pos,
            _ => (1, 1),
        };
        check_name(name, pos)
    }

    fn note(&mut self, note: Note) {
        if !self.notes.contains(&note) {
            self.notes.push(note);
        }
    }

    /// The steps of a coroutine's body; `bound` says what its names mean.
    fn steps(&mut self, body: &[Stmt], params: &HashMap<String, Bound>) -> Result<Vec<Step>> {
        let mut reading = Reading {
            bound: params.clone(),
            steps: Vec::new(),
        };
        self.read(body, &mut reading)?;
        Ok(reading.steps)
    }

    /// Reads `body` into `reading`; true once a `return` or `raise` ended
    /// the coroutine.
    fn read(&mut self, body: &[Stmt], reading: &mut Reading) -> Result<bool> {
        for stmt in body {
            match stmt {
                Stmt::Pass | Stmt::Import | Stmt::Expr(Expr::Str(..)) => {}
                Stmt::Expr(expr) => {
                    let steps = self.expr_step(expr, &reading.bound)?;
                    reading.steps.extend(steps);
                }
                Stmt::Assign { target, value, pos } => self.assign(target, value, *pos, reading)?,
                Stmt::With {
                    items,
                    is_async: true,
                    body,
                    pos,
                } => {
                    let [(opened, Some(name))] = items.as_slice() else {
                        return Err(error_at(*pos, "async with in a coroutine is read for aiohttp: async with aiohttp.ClientSession() as session, async with session.get(url) as response; a semaphore is read in an async def that runs its argument under it (docs/python-import.md)"));
                    };
                    let meaning = self.opened(opened, reading)?;
                    reading.bound.insert(name.clone(), meaning);
                    if self.read(body, reading)? {
                        return Ok(true);
                    }
                }
                Stmt::For {
                    var, iter, body, ..
                } if picked(iter, reading)? =>
                {
                    // The log's fetched line lists what the selector picked.
                    if !body.iter().all(|stmt| shows(stmt, var)) {
                        return Err(error_at(stmt_pos(stmt), "a loop over what select picked may only print each one (the log lists them)"));
                    }
                    self.note(Note::FetchShownInLog);
                }
                Stmt::Return(value, _) => {
                    let text = match value {
                        None => return Ok(true),
                        Some(Expr::Await(inner, _)) => {
                            let (step, callee) = self.awaited(inner, &reading.bound)?;
                            reading.steps.push(step);
                            Text(vec![Segment::Result(callee)])
                        }
                        Some(expr) => text_of(&[expr], &reading.bound)?,
                    };
                    reading.steps.push(Step::Return(text));
                    return Ok(true);
                }
                Stmt::Raise(Some(Expr::Call { args, .. }), _) => {
                    let parts: Vec<&Expr> = args.iter().map(|a| &a.value).collect();
                    reading.steps.push(Step::Fail(text_of(&parts, &reading.bound)?));
                    return Ok(true);
                }
                other => return Err(error_at(stmt_pos(other), "this statement is not part of the Python the playground reads in a coroutine (docs/python-import.md)")),
            }
        }
        Ok(false)
    }

    /// `target = value` in a coroutine.
    fn assign(
        &mut self,
        target: &str,
        value: &Expr,
        pos: Pos,
        reading: &mut Reading,
    ) -> Result<()> {
        let bound = &reading.bound;
        let meaning = match value {
            Expr::Str(..) | Expr::FStr(..) => Bound::Text(text_of(&[value], bound)?.0),
            Expr::Await(inner, _) => match fetched_read(inner, bound) {
                Some(at) => Bound::Fetched(at),
                None => match self.fetch_step(inner, bound)? {
                    Some(step) => {
                        reading.steps.push(step);
                        Bound::Fetched(reading.steps.len() - 1)
                    }
                    None => {
                        let (step, callee) = self.awaited(inner, bound)?;
                        if callee.is_empty() {
                            return Err(error_at(pos, "asyncio.sleep gives None: there is nothing to keep"));
                        }
                        reading.steps.push(step);
                        Bound::Result(callee)
                    }
                },
            },
            Expr::Call { func, args, .. } if args.is_empty() && matches!(func.dotted().as_deref(), Some("asyncio.get_running_loop" | "asyncio.get_event_loop")) => Bound::Loop,
            Expr::Call { func, args, .. } if matches!(func.dotted().as_deref(), Some("asyncio.create_task" | "asyncio.ensure_future")) => {
                let [arg] = args.as_slice() else {
                    return Err(error_at(pos, "create_task takes one coroutine call"));
                };
                let callee = self.callee(&arg.value, bound)?;
                reading.steps.push(Step::Spawn(callee.clone()));
                Bound::Task(callee)
            }
            Expr::Call { func, args, pos } => match (func.as_ref(), args.first().map(|a| &a.value)) {
                // BeautifulSoup(text, "lxml") or lxml.html.fromstring(text).
                (func, Some(page)) if func.dotted().is_some_and(|f| f.ends_with("BeautifulSoup") || f.ends_with("fromstring")) => {
                    let fetched = match page {
                        Expr::Name(page, _) => match bound.get(page) {
                            Some(Bound::Fetched(at)) => Some(*at),
                            _ => None,
                        },
                        Expr::Await(read, _) => fetched_read(read, bound),
                        _ => None,
                    };
                    Bound::Fetched(fetched.ok_or_else(|| error_at(page.pos(), "this is not the text of a page fetched here: response.text()"))?)
                }
                (Expr::Attr(_, method, _), _) if method == "select" || method == "cssselect" => {
                    Bound::Selected(select(value, reading)?)
                }
                _ => return Err(error_at(*pos, "inside a coroutine only x = await f(), t = asyncio.create_task(f()) and the like are read")),
            },
            Expr::List(..) => return Err(error_at(pos, "a list is read in main when it holds calls or tasks of this module's async defs, all gathered or waited at once (tasks.append(f(i)) in a for over range(N)); await loop.run_in_executor(pool, time.sleep, s) one at a time instead of listing its futures")),
            _ => return Err(error_at(pos, "inside a coroutine only x = await f(), t = asyncio.create_task(f()) and the like are read")),
        };
        reading.bound.insert(target.to_string(), meaning);
        Ok(())
    }

    /// What `async with opened as name:` gives `name`: a session, or the
    /// response of `session.get(url)`, which is a fetch step.
    fn opened(&mut self, opened: &Expr, reading: &mut Reading) -> Result<Bound> {
        if call_name(opened).as_deref() == Some("aiohttp.ClientSession") {
            return Ok(Bound::Session);
        }
        match self.fetch_step(opened, &reading.bound)? {
            Some(step) => {
                reading.steps.push(step);
                Ok(Bound::Fetched(reading.steps.len() - 1))
            }
            None => Err(error_at(
                opened.pos(),
                "async with here is aiohttp.ClientSession() or session.get(url)",
            )),
        }
    }

    /// `session.get(url)` of an aiohttp session, or the module's fetch
    /// helper awaited as `fetch(url, select)`: a fetch step.
    fn fetch_step(&mut self, call: &Expr, bound: &HashMap<String, Bound>) -> Result<Option<Step>> {
        let Expr::Call { func, args, pos } = call else {
            return Ok(None);
        };
        let values: Vec<&Expr> = args.iter().map(|a| &a.value).collect();
        let session_get = matches!(func.as_ref(), Expr::Attr(session, method, _)
            if method == "get" && matches!(session.as_ref(), Expr::Name(n, _) if bound.get(n) == Some(&Bound::Session)));
        let (url, select) = if session_get {
            (single(&values, *pos)?, None)
        } else if self.fetch_latency.is_some() && func.dotted().as_deref() == Some("fetch") {
            match values.as_slice() {
                [url] => (*url, None),
                [url, Expr::Name(none, _)] if none == "None" => (*url, None),
                [url, Expr::Str(css, _)] => (*url, Some(css.clone())),
                _ => return Err(error_at(*pos, "write fetch(url) or fetch(url, \".css\")")),
            }
        } else {
            return Ok(None);
        };
        let url = text_of(&[url], bound)?;
        let relative = match url.0.first() {
            Some(Segment::Literal(start)) => !start.contains("://"),
            _ => true,
        };
        if !relative {
            self.note(Note::FetchOtherSite);
        }
        Ok(Some(Step::Fetch { url, select }))
    }

    fn expr_step(&mut self, expr: &Expr, bound: &HashMap<String, Bound>) -> Result<Vec<Step>> {
        if let Expr::Await(inner, _) = expr {
            return Ok(vec![self.awaited(inner, bound)?.0]);
        }
        let Expr::Call { func, args, pos } = expr else {
            return Err(error_at(
                expr.pos(),
                "this expression does nothing the playground can show",
            ));
        };
        if let Some(arg) = args.iter().find(|a| a.name.is_some()) {
            let name = arg.name.as_deref().unwrap_or_default();
            return Err(error_at(
                arg.value.pos(),
                format!("{name}= is not read here: write the call without it"),
            ));
        }
        let values: Vec<&Expr> = args.iter().map(|a| &a.value).collect();
        let method = match func.as_ref() {
            Expr::Attr(_, method, _) => method.as_str(),
            _ => "",
        };
        if method == "call_soon" {
            if let Some(printed) = printed_by(&values) {
                return Ok(vec![Step::CallSoon(text_of(&printed, bound)?)]);
            }
        }
        match func.dotted().as_deref() {
            Some("print") if values.iter().any(|v| mentions_fetched(v, bound)) => {
                // The log's fetched line shows the status, the size and what
                // the selector picked.
                self.note(Note::FetchShownInLog);
                Ok(Vec::new())
            }
            Some("print") => Ok(vec![Step::Print(text_of(&values, bound)?)]),
            Some("time.sleep") => Ok(vec![Step::Block(amount_of(single(&values, *pos)?, bound)?)]),
            Some(name) if self.defs.contains_key(name) => {
                self.callee(expr, bound)?;
                self.note(Note::NeverAwaited);
                Ok(vec![Step::Call(name.to_string())])
            }
            _ => Err(error_at(
                *pos,
                "this call is not part of the Python the playground reads (docs/python-import.md)",
            )),
        }
    }

    /// An awaited expression as a step, and the coroutine it awaits.
    fn awaited(&mut self, expr: &Expr, bound: &HashMap<String, Bound>) -> Result<(Step, String)> {
        if let Expr::Name(name, pos) = expr {
            return match bound.get(name) {
                Some(Bound::Task(callee)) => Ok((Step::Await(callee.clone()), callee.clone())),
                _ => Err(error_at(
                    *pos,
                    format!("{name} is not a task made with asyncio.create_task"),
                )),
            };
        }
        let Expr::Call { func, args, pos } = expr else {
            return Err(error_at(
                expr.pos(),
                "await a coroutine call, a task or asyncio.sleep",
            ));
        };
        if let Expr::Attr(_, method, _) = func.as_ref() {
            if method == "run_in_executor" {
                return Ok((self.offload(args, *pos, bound)?, String::new()));
            }
        }
        if func.dotted().as_deref() == Some("asyncio.sleep") {
            let values: Vec<&Expr> = args.iter().map(|a| &a.value).collect();
            let amount = amount_of(single(&values, *pos)?, bound)?;
            let step = if amount == Amount::fixed(0) {
                Step::Yield
            } else {
                Step::Sleep(amount)
            };
            return Ok((step, String::new()));
        }
        if let Some(step) = self.fetch_step(expr, bound)? {
            return Ok((step, String::new()));
        }
        let name = func.dotted().unwrap_or_default();
        if bound.values().any(|b| *b == Bound::Task(name.clone())) {
            return Err(error_at(
                *pos,
                format!("{name} was made a task above: await that task, or write a second async def to run it again here"),
            ));
        }
        let callee = self.callee(expr, bound)?;
        Ok((Step::Await(callee.clone()), callee))
    }

    /// `run_in_executor(pool, time.sleep, seconds)` or
    /// `run_in_executor(pool, f, units)` with `f` a function of this module:
    /// `offload block` or `offload compute` (a unit is about 1 ms of work).
    fn offload(&self, args: &[Arg], pos: Pos, bound: &HashMap<String, Bound>) -> Result<Step> {
        let [pool, work, amount] = args else {
            return Err(error_at(
                pos,
                "write run_in_executor(pool, function, one argument)",
            ));
        };
        if !matches!(&pool.value, Expr::Name(name, _) if self.pools.contains(name)) {
            return Err(error_at(pool.value.pos(), "run it on a pool made at the top of the module: pool = ProcessPoolExecutor(max_workers=N)"));
        }
        match work.value.dotted().as_deref() {
            Some("time.sleep") => Ok(Step::Offload(Work::Block, amount_of(&amount.value, bound)?)),
            Some(name) if !name.contains('.') => {
                let (base, per) = linear(&amount.value, bound)
                    .filter(|(b, p)| b % 1_000_000 == 0 && p % 1_000_000 == 0)
                    .ok_or_else(|| {
                        error_at(
                            amount.value.pos(),
                            "the work's argument is a whole number of units",
                        )
                    })?;
                let units = Amount {
                    base: u32::try_from(base / 1_000_000)
                        .map_err(|_| error_at(amount.value.pos(), "units are from 0 up"))?,
                    per_copy: (per / 1_000_000) as i32,
                };
                Ok(Step::Offload(Work::Compute, units))
            }
            _ => Err(error_at(
                work.value.pos(),
                "the pool may run time.sleep or a function of this module",
            )),
        }
    }

    /// The coroutine `call` calls, made into a block: its parameters take
    /// the caller's copy number.
    fn callee(&mut self, call: &Expr, bound: &HashMap<String, Bound>) -> Result<String> {
        let Expr::Call { func, args, pos } = call else {
            return Err(error_at(call.pos(), "expected a call of an async def"));
        };
        let name = func.dotted().unwrap_or_default();
        let Some(Stmt::Def { params, body, .. }) = self.defs.get(&name).cloned() else {
            return Err(error_at(
                *pos,
                format!("{name} is not an async def of this module"),
            ));
        };
        if args.len() != params.len() || args.iter().any(|a| a.name.is_some()) {
            return Err(error_at(
                *pos,
                format!("{name} takes {} arguments, passed in order", params.len()),
            ));
        }
        let mut inner = HashMap::new();
        for (param, arg) in params.iter().zip(args) {
            match &arg.value {
                Expr::Name(n, _)
                    if matches!(bound.get(n), Some(Bound::Copy { .. } | Bound::Result(_))) =>
                {
                    inner.insert(param.clone(), bound[n].clone());
                }
                other => return Err(error_at(
                    other.pos(),
                    "a coroutine may only be passed the task's number or a result awaited before",
                )),
            }
        }
        let mut given: Vec<(String, Bound)> = inner.clone().into_iter().collect();
        given.sort_by(|a, b| a.0.cmp(&b.0));
        if let Some(earlier) = self.made_with.get(&name) {
            if *earlier != given {
                return Err(error_at(
                    *pos,
                    format!("{name} is called again with other values; the playground runs one version of a coroutine's steps, so write a second async def for this call"),
                ));
            }
        } else {
            self.check_def_name(&name)?;
            self.made_with.insert(name.clone(), given);
            self.blocks.push(Block {
                name: name.clone(),
                kind: BlockKind::Coroutine,
                steps: Vec::new(),
            });
            let steps = self.steps(&body, &inner)?;
            let block = self
                .blocks
                .iter_mut()
                .find(|b| b.name == name)
                .expect("pushed above");
            block.steps = steps;
        }
        Ok(name)
    }

    /// Async defs nothing runs are coroutines of the program too, so a
    /// program exported and read back keeps them: a parameter called
    /// `NAME_result` carries NAME's result (as the export names them), any
    /// other the copy number.
    fn unused_coroutines(&mut self, tasks: &[Group]) -> Result<()> {
        let mut unused: Vec<(Pos, String)> = self
            .defs
            .iter()
            .filter_map(|(name, def)| match def {
                Stmt::Def { pos, .. } => Some((*pos, name.clone())),
                _ => None,
            })
            .filter(|(_, name)| {
                Some(name) != self.main.as_ref()
                    && !self.limiters.contains_key(name)
                    && !self.made_with.contains_key(name)
                    && !tasks.iter().any(|g| &g.callee == name)
            })
            .collect();
        unused.sort();
        for (_, name) in unused {
            let Some(Stmt::Def { params, body, .. }) = self.defs.get(&name).cloned() else {
                continue;
            };
            if self.made_with.contains_key(&name) {
                // Made meanwhile: an unused coroutine before it runs it.
                continue;
            }
            let bound: HashMap<String, Bound> = params
                .iter()
                .map(|param| {
                    let meaning = match param.strip_suffix("_result") {
                        Some(callee) => Bound::Result(callee.to_string()),
                        None => Bound::Copy { first: 0 },
                    };
                    (param.clone(), meaning)
                })
                .collect();
            self.check_def_name(&name)?;
            self.made_with.insert(name.clone(), Vec::new());
            let steps = self.steps(&body, &bound)?;
            self.blocks.push(Block {
                name,
                kind: BlockKind::Coroutine,
                steps,
            });
        }
        Ok(())
    }

    /// Puts the blocks in the order of their defs in the module, as a
    /// learner reads them, unless that would change the order the tasks are
    /// made in (which is the order of the task blocks).
    fn in_module_order(&self, blocks: &mut [Block]) {
        let def_at = |block: &Block| {
            let name = block.name.as_str();
            let def = self
                .defs
                .get(name)
                .or_else(|| self.defs.get(name.trim_end_matches('_')));
            match def {
                Some(Stmt::Def { pos, .. }) => *pos,
                _ => (usize::MAX, 0),
            }
        };
        let tasks: Vec<Pos> = blocks.iter().filter(|b| b.is_task()).map(def_at).collect();
        if tasks.windows(2).all(|pair| pair[0] < pair[1]) {
            blocks.sort_by_key(def_at);
        }
    }

    /// The program: a task block per group, the coroutines they run.
    fn finish(&mut self) -> Result<Program> {
        let tasks = std::mem::take(&mut self.tasks);
        let mut blocks: Vec<Block> = Vec::new();
        for group in &tasks {
            if blocks.iter().any(|b| b.name == group.callee) {
                return Err(error_at(
                    group.pos,
                    format!(
                        "{} runs as a task twice: make one list with a loop over range(N)",
                        group.callee
                    ),
                ));
            }
            let Some(Stmt::Def { params, body, .. }) = self.defs.get(&group.callee).cloned() else {
                return Err(error_at(
                    group.pos,
                    format!("{} is not an async def of this module", group.callee),
                ));
            };
            self.check_def_name(&group.callee)?;
            if group.copies > MAX_COPIES {
                return Err(error_at(
                    group.pos,
                    format!("at most {MAX_COPIES} copies of a task"),
                ));
            }
            let bound = params
                .iter()
                .map(|p| (p.clone(), Bound::Copy { first: group.first }))
                .collect();
            let steps = self.steps(&body, &bound)?;
            blocks.push(Block {
                name: group.callee.clone(),
                kind: BlockKind::Task {
                    copies: group.copies,
                },
                steps,
            });
        }
        self.unused_coroutines(&tasks)?;
        for block in std::mem::take(&mut self.blocks) {
            if let Some(task) = tasks.iter().find(|g| g.callee == block.name) {
                return Err(error_at(task.pos, format!("{} runs as a task and is also awaited as a coroutine; the playground needs two async defs for that", block.name)));
            }
            blocks.push(block);
        }
        self.in_module_order(&mut blocks);
        let mode = match (self.mode.unwrap_or(RunMode::Gather), self.limit) {
            (mode, None) => mode,
            (RunMode::Gather, Some(count)) => RunMode::Limit(count),
            (_, Some(_)) => {
                let at = tasks.first().map_or((1, 1), |t| t.pos);
                return Err(error_at(
                    at,
                    "a semaphore here limits tasks that main gathers",
                ));
            }
        };
        Ok(Program {
            title: None,
            mode,
            latency_ms: self.fetch_latency.unwrap_or(0),
            workers: self.workers,
            blocks,
        })
    }
}

/// `__name__ == "__main__"`, either way round.
fn is_main_guard(test: &Expr) -> bool {
    let Expr::BinOp(left, "==", right, _) = test else {
        return false;
    };
    let name = |e: &Expr| matches!(e, Expr::Name(n, _) if n == "__name__");
    let main = |e: &Expr| matches!(e, Expr::Str(s, _) if s == "__main__");
    (name(left) && main(right)) || (main(left) && name(right))
}

/// What `asyncio.run(x)` or `loop.run_until_complete(x)` runs.
fn entry_of(expr: &Expr) -> Option<&Expr> {
    let Expr::Call { func, args, .. } = expr else {
        return None;
    };
    let name = func.dotted()?;
    let runs = name == "asyncio.run" || name.ends_with(".run_until_complete");
    match args.as_slice() {
        [Arg { name: None, value }] if runs => Some(value),
        _ => None,
    }
}

fn call_name(expr: &Expr) -> Option<String> {
    match expr {
        Expr::Call { func, .. } => func.dotted(),
        _ => None,
    }
}

/// The coroutine call inside `asyncio.create_task(…)` / `ensure_future(…)`
/// (and true), or the call itself (and false).
/// (A `name=` given to the task is its name in the trace, which the
/// program's own naming gives back.)
fn task_call(expr: &Expr) -> (&Expr, bool) {
    match expr {
        Expr::Call { func, args, .. }
            if matches!(
                func.dotted().as_deref(),
                Some("asyncio.create_task" | "asyncio.ensure_future")
            ) =>
        {
            match args.as_slice() {
                [call] | [call, Arg { name: Some(_), .. }] if call.name.is_none() => {
                    (&call.value, true)
                }
                _ => (expr, false),
            }
        }
        other => (other, false),
    }
}

/// Whether `stmt` only reports results (prints, and loops of prints), as
/// the end of a `main` does after it has awaited its tasks: the program's
/// `main` reports them itself.
fn reports(stmt: &Stmt) -> bool {
    match stmt {
        Stmt::Expr(expr) => call_name(expr).as_deref() == Some("print"),
        Stmt::For { body, .. } => body.iter().all(reports),
        // Picking the first task done: `winner = next(t for t in tasks if t in done)`.
        Stmt::Assign { value, .. } => call_name(value).as_deref() == Some("next"),
        _ => false,
    }
}

/// `range(N)` or `range(1, N + 1)`-like: the first value (0 or 1) and the count.
fn range_of(iter: &Expr) -> Result<(u32, u32)> {
    let bad = || error_at(iter.pos(), "loop over range(N) or range(1, N)");
    let Expr::Call { func, args, .. } = iter else {
        return Err(bad());
    };
    if func.dotted().as_deref() != Some("range") {
        return Err(bad());
    }
    let number = |e: &Expr| match e {
        Expr::Number(n, _) => n.parse::<u32>().map_err(|_| bad()),
        _ => Err(bad()),
    };
    let (first, end) = match args.as_slice() {
        [end] => (0, number(&end.value)?),
        [start, end] => (number(&start.value)?, number(&end.value)?),
        _ => return Err(bad()),
    };
    if first > 1 || end <= first {
        return Err(error_at(
            iter.pos(),
            "loop over range(N) or range(1, N): the playground numbers copies from 0 or 1",
        ));
    }
    Ok((first, end - first))
}

/// `soup.select(".css")` (or lxml's `tree.cssselect(".css")`) of a page
/// fetched in `reading`: the selector goes into that fetch step, whose
/// position this is.
fn select(call: &Expr, reading: &mut Reading) -> Result<usize> {
    let Expr::Call { func, args, pos } = call else {
        return Err(error_at(call.pos(), "select with soup.select(\".css\")"));
    };
    let (
        Expr::Attr(soup, _, _),
        [Arg {
            name: None,
            value: Expr::Str(css, _),
        }],
    ) = (func.as_ref(), args.as_slice())
    else {
        return Err(error_at(
            *pos,
            "select with one CSS selector: soup.select(\".css\")",
        ));
    };
    let at = match soup.as_ref() {
        Expr::Name(soup, _) => match reading.bound.get(soup) {
            Some(Bound::Fetched(at)) => *at,
            _ => return Err(error_at(*pos, format!("{soup} is not a page fetched here"))),
        },
        _ => return Err(error_at(*pos, "select from a name: soup.select(\".css\")")),
    };
    match reading.steps.get_mut(at) {
        Some(Step::Fetch {
            select: select @ None,
            ..
        }) => *select = Some(css.clone()),
        _ => {
            return Err(error_at(
                *pos,
                "one select per page fetched: the playground's fetch takes one CSS selector",
            ))
        }
    }
    Ok(at)
}

/// Whether a `for` loops over what a selector picked: a name kept from
/// `soup.select(…)`, or the call itself (whose selector goes into its fetch).
fn picked(iter: &Expr, reading: &mut Reading) -> Result<bool> {
    match iter {
        Expr::Name(name, _) => Ok(matches!(reading.bound.get(name), Some(Bound::Selected(_)))),
        Expr::Call { func, .. } if matches!(func.as_ref(), Expr::Attr(_, method, _) if method == "select" || method == "cssselect") => {
            select(iter, reading).map(|_| true)
        }
        _ => Ok(false),
    }
}

/// The ms of a timeout of `seconds`.
fn timeout_ms(seconds: &Expr) -> Result<u32> {
    let ms = amount_of(seconds, &HashMap::new())?;
    if ms.per_copy != 0 || ms.base == 0 {
        return Err(error_at(
            seconds.pos(),
            "the timeout is a number of seconds above 0",
        ));
    }
    Ok(ms.base)
}

/// The fetch step whose response `call` reads: `response.text()`,
/// `.read()` or `.json()`.
fn fetched_read(call: &Expr, bound: &HashMap<String, Bound>) -> Option<usize> {
    let Expr::Call { func, args, .. } = call else {
        return None;
    };
    let Expr::Attr(response, method, _) = func.as_ref() else {
        return None;
    };
    let Expr::Name(response, _) = response.as_ref() else {
        return None;
    };
    match bound.get(response) {
        Some(Bound::Fetched(at))
            if args.is_empty() && ["text", "read", "json"].contains(&method.as_str()) =>
        {
            Some(*at)
        }
        _ => None,
    }
}

/// Whether `expr` shows something a fetch got (`response.status`,
/// `len(lis)`, `text`): the log's fetched line shows it instead.
fn mentions_fetched(expr: &Expr, bound: &HashMap<String, Bound>) -> bool {
    match expr {
        Expr::Name(name, _) => matches!(
            bound.get(name),
            Some(Bound::Fetched(_) | Bound::Selected(_))
        ),
        Expr::Attr(inner, ..) => mentions_fetched(inner, bound),
        Expr::Call { func, args, .. } => {
            mentions_fetched(func, bound) || args.iter().any(|a| mentions_fetched(&a.value, bound))
        }
        Expr::BinOp(left, _, right, _) => {
            mentions_fetched(left, bound) || mentions_fetched(right, bound)
        }
        Expr::Tuple(items, _) => items.iter().any(|item| mentions_fetched(item, bound)),
        Expr::FStr(parts, _) => parts
            .iter()
            .any(|part| matches!(part, FPart::Value(value) if mentions_fetched(value, bound))),
        _ => false,
    }
}

/// Whether `stmt`, in a loop over what a selector picked, only shows the
/// item `var` (`print(li.get_text())`) or does nothing.
fn shows(stmt: &Stmt, var: &str) -> bool {
    fn of_item(expr: &Expr, var: &str) -> bool {
        match expr {
            Expr::Name(name, _) => name == var,
            Expr::Attr(inner, ..) => of_item(inner, var),
            Expr::Call { func, .. } => of_item(func, var),
            _ => false,
        }
    }
    match stmt {
        Stmt::Pass => true,
        Stmt::Expr(Expr::Call { func, args, .. }) => {
            func.dotted().as_deref() == Some("print") && args.iter().all(|a| of_item(&a.value, var))
        }
        _ => false,
    }
}

/// What a callback given to `call_soon` prints: `print, "a", b` or
/// `functools.partial(print, "a", b)`.
fn printed_by<'a>(values: &[&'a Expr]) -> Option<Vec<&'a Expr>> {
    match values {
        [Expr::Name(print, _), rest @ ..] if print == "print" => Some(rest.to_vec()),
        [Expr::Call { func, args, .. }]
            if matches!(
                func.dotted().as_deref(),
                Some("functools.partial" | "partial")
            ) && args.iter().all(|a| a.name.is_none()) =>
        {
            let (callback, rest) = args.split_first()?;
            (callback.value.dotted().as_deref() == Some("print"))
                .then(|| rest.iter().map(|a| &a.value).collect())
        }
        _ => None,
    }
}

fn single<'a>(values: &[&'a Expr], pos: Pos) -> Result<&'a Expr> {
    match values {
        [value] => Ok(value),
        _ => Err(error_at(pos, "expected one argument")),
    }
}

/// Seconds as written (`3`, `0.5`, `n`, `(900 - 100 * i) / 1000`) in whole
/// ms, read with integers: Rust's float parser would weigh more than the
/// importer.
fn amount_of(expr: &Expr, bound: &HashMap<String, Bound>) -> Result<Amount> {
    let unread = || {
        error_at(expr.pos(), "write a number of seconds, or one that grows with the task's number, like (900 - 100 * i) / 1000")
    };
    let (base, per) = linear(expr, bound).ok_or_else(unread)?;
    // Millionths of a second to whole ms.
    if base % 1000 != 0 || per % 1000 != 0 {
        return Err(error_at(expr.pos(), "sleeps here are whole milliseconds"));
    }
    let (base, per) = (base / 1000, per / 1000);
    if !(0..=60_000).contains(&base) || per.abs() > 60_000 {
        return Err(error_at(expr.pos(), "sleeps are from 0 to 60 seconds here"));
    }
    Ok(Amount {
        base: base as u32,
        per_copy: per as i32,
    })
}

/// `expr` as `base + per * i` in millionths, `i` the copy index: numbers,
/// the task's number, and `+`, `-`, `*` and `/` by a number, exactly.
fn linear(expr: &Expr, bound: &HashMap<String, Bound>) -> Option<(i64, i64)> {
    const ONE: i64 = 1_000_000;
    match expr {
        Expr::Number(n, _) => {
            let (negative, digits) = n
                .strip_prefix('-')
                .map_or((false, n.as_str()), |d| (true, d));
            let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
            let all_digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
            if !all_digits(whole)
                || !all_digits(fraction)
                || fraction.len() > 6
                || whole.len() > 9
                || (whole.is_empty() && fraction.is_empty())
            {
                return None;
            }
            let whole: i64 = if whole.is_empty() {
                0
            } else {
                whole.parse().ok()?
            };
            let fraction: i64 = format!("{fraction:0<6}").parse().ok()?;
            let value = whole * ONE + fraction;
            Some((if negative { -value } else { value }, 0))
        }
        Expr::Name(name, _) => match bound.get(name) {
            Some(Bound::Copy { first }) => Some((i64::from(*first) * ONE, ONE)),
            _ => None,
        },
        Expr::BinOp(left, op, right, _) => {
            let (a, b) = (linear(left, bound)?, linear(right, bound)?);
            match *op {
                "+" => Some((a.0.checked_add(b.0)?, a.1.checked_add(b.1)?)),
                "-" => Some((a.0.checked_sub(b.0)?, a.1.checked_sub(b.1)?)),
                "*" if a.1 == 0 || b.1 == 0 => {
                    let (k, (c, d)) = if a.1 == 0 { (a.0, b) } else { (b.0, a) };
                    let scale = |v: i64| v.checked_mul(k).filter(|p| p % ONE == 0).map(|p| p / ONE);
                    Some((scale(c)?, scale(d)?))
                }
                "/" if b.1 == 0 && b.0 != 0 => {
                    let divide =
                        |v: i64| v.checked_mul(ONE).filter(|p| p % b.0 == 0).map(|p| p / b.0);
                    Some((divide(a.0)?, divide(a.1)?))
                }
                _ => None,
            }
        }
        _ => None,
    }
}

/// The text `print` shows for `values` (joined with spaces), with
/// placeholders for the task's number and awaited results.
fn text_of(values: &[&Expr], bound: &HashMap<String, Bound>) -> Result<Text> {
    let mut segments = Vec::new();
    for (at, value) in values.iter().enumerate() {
        if at > 0 {
            segments.push(Segment::Literal(" ".into()));
        }
        match value {
            Expr::Str(text, _) => segments.push(Segment::Literal(text.clone())),
            Expr::Number(number, pos) => {
                let plain = number == "0"
                    || (!number.starts_with('0') && number.bytes().all(|b| b.is_ascii_digit()));
                if !plain {
                    return Err(error_at(*pos, format!("write {number} as Python prints it: only whole numbers like 15 are shown as written")));
                }
                segments.push(Segment::Literal(number.clone()));
            }
            Expr::FStr(parts, _) => {
                for part in parts {
                    match part {
                        FPart::Text(text) => segments.push(Segment::Literal(text.clone())),
                        FPart::Value(expr) => segments.extend(name_segments(expr, bound)?),
                    }
                }
            }
            Expr::Tuple(items, _) => {
                // As Python shows a tuple: strings quoted, numbers not.
                segments.push(Segment::Literal("(".into()));
                for (at, item) in items.iter().enumerate() {
                    if at > 0 {
                        segments.push(Segment::Literal(", ".into()));
                    }
                    let quote = if matches!(item, Expr::Number(..)) {
                        ""
                    } else {
                        "'"
                    };
                    segments.push(Segment::Literal(quote.into()));
                    segments.extend(text_of(&[item], bound)?.0);
                    segments.push(Segment::Literal(quote.into()));
                }
                segments.push(Segment::Literal(")".into()));
            }
            Expr::BinOp(format, "%", values, pos) if matches!(format.as_ref(), Expr::Str(..)) => {
                let values: Vec<&Expr> = match values.as_ref() {
                    Expr::Tuple(items, _) => items.iter().collect(),
                    one => vec![one],
                };
                segments.extend(percent_formatted(&string_of(format), &values, *pos, bound)?);
            }
            Expr::Call { func, args, pos } if matches!(func.as_ref(), Expr::Attr(format, method, _) if method == "format" && matches!(format.as_ref(), Expr::Str(..))) =>
            {
                let format = match func.as_ref() {
                    Expr::Attr(format, ..) => string_of(format),
                    _ => String::new(),
                };
                if let Some(named) = args.iter().find(|a| a.name.is_some()) {
                    return Err(error_at(
                        named.value.pos(),
                        "format() with names is not read: write {} and pass the values in order",
                    ));
                }
                let values: Vec<&Expr> = args.iter().map(|a| &a.value).collect();
                segments.extend(formatted(&format, &values, *pos, bound)?);
            }
            other => segments.extend(name_segments(other, bound)?),
        }
    }
    Ok(Text(merge(segments)))
}

fn name_segments(expr: &Expr, bound: &HashMap<String, Bound>) -> Result<Vec<Segment>> {
    // `i + 1` from 0, or `i - 1` from 1: the task's number counted from 1
    // or from 0 (`{n}`, `{i}`).
    const ONE: i64 = 1_000_000;
    if matches!(expr, Expr::BinOp(..)) && integral(expr) {
        match linear(expr, bound) {
            Some((0, ONE)) => return Ok(vec![Segment::CopyIndex]),
            Some((ONE, ONE)) => return Ok(vec![Segment::CopyNumber]),
            // Arithmetic of whole numbers: `{2 * 3}` shows 6.
            Some((value, 0)) if value % ONE == 0 => {
                return Ok(vec![Segment::Literal((value / ONE).to_string())])
            }
            _ => {}
        }
    }
    if matches!(expr, Expr::BinOp(..)) && !integral(expr) {
        return Err(error_at(
            expr.pos(),
            "this arithmetic makes a float, which Python shows with a point (2.0): write the number to show",
        ));
    }
    let Expr::Name(name, pos) = expr else {
        return Err(error_at(
            expr.pos(),
            "only names, strings and numbers can be shown here",
        ));
    };
    match bound.get(name) {
        Some(Bound::Copy { first: 0 }) => Ok(vec![Segment::CopyIndex]),
        Some(Bound::Copy { .. }) => Ok(vec![Segment::CopyNumber]),
        Some(Bound::Result(callee)) => Ok(vec![Segment::Result(callee.clone())]),
        Some(Bound::Text(text)) => Ok(text.clone()),
        _ => Err(error_at(
            *pos,
            format!("{name} has no value the playground knows here"),
        )),
    }
}

/// The text of a string literal (empty for anything else).
fn string_of(expr: &Expr) -> String {
    match expr {
        Expr::Str(text, _) => text.clone(),
        _ => String::new(),
    }
}

/// Whether `expr` is arithmetic Python does in integers: no division and
/// no number written with a point or an exponent (either makes a float,
/// which Python shows as `2.0`).
fn integral(expr: &Expr) -> bool {
    match expr {
        Expr::BinOp(left, op, right, _) => !op.contains('/') && integral(left) && integral(right),
        Expr::Number(n, _) => n
            .trim_start_matches('-')
            .bytes()
            .all(|b| b.is_ascii_digit()),
        _ => true,
    }
}

/// Whether `expr` is a whole number: one written so, the task's number, or
/// arithmetic of those without a division.
fn whole_number(expr: &Expr, bound: &HashMap<String, Bound>) -> bool {
    match expr {
        Expr::Number(n, _) => n.bytes().all(|b| b.is_ascii_digit()),
        Expr::Name(name, _) => matches!(bound.get(name), Some(Bound::Copy { .. })),
        _ => integral(expr) && linear(expr, bound).is_some(),
    }
}

/// `format % values` as Python's `%` shows it: `%s`, `%d` (of numbers)
/// and `%%`.
fn percent_formatted(
    format: &str,
    values: &[&Expr],
    pos: Pos,
    bound: &HashMap<String, Bound>,
) -> Result<Vec<Segment>> {
    let mut values = values.iter();
    let (mut segments, mut chars) = (Vec::new(), format.chars());
    while let Some(c) = chars.next() {
        match c {
            '%' => match chars.next() {
                Some('%') => segments.push(Segment::Literal("%".into())),
                Some(conversion @ ('s' | 'd')) => {
                    let value = values.next().ok_or_else(|| {
                        error_at(pos, "the % format shows more values than it is given: Python raises TypeError")
                    })?;
                    if conversion == 'd' && !whole_number(value, bound) {
                        return Err(error_at(value.pos(), "%d shows a number: the task's number or a whole number; write %s for text"));
                    }
                    segments.extend(text_of(&[value], bound)?.0);
                }
                _ => return Err(error_at(pos, "only %s, %d and %% are read in a % format")),
            },
            c => segments.push(Segment::Literal(c.to_string())),
        }
    }
    if values.next().is_some() {
        return Err(error_at(
            pos,
            "the % format is given more values than it shows: Python raises TypeError",
        ));
    }
    Ok(segments)
}

/// `format.format(values)` as Python shows it: `{}` or `{0}` for each
/// value, `{{` and `}}` for braces.
fn formatted(
    format: &str,
    values: &[&Expr],
    pos: Pos,
    bound: &HashMap<String, Bound>,
) -> Result<Vec<Segment>> {
    let (mut segments, mut chars) = (Vec::new(), format.chars().peekable());
    let (mut next, mut numbered) = (0usize, false);
    while let Some(c) = chars.next() {
        match c {
            '{' | '}' if chars.peek() == Some(&c) => {
                chars.next();
                segments.push(Segment::Literal(c.to_string()));
            }
            '{' => {
                let mut field = String::new();
                loop {
                    match chars.next() {
                        Some('}') => break,
                        Some(c) => field.push(c),
                        None => return Err(error_at(pos, "a { in format() has no }: Python raises ValueError; write {{ for a brace")),
                    }
                }
                let field = if field.bytes().all(|b| b.is_ascii_digit()) {
                    field
                } else {
                    return Err(error_at(pos, format!("{{{field}}} is not read in format(): write {{}} or {{0}}, with no names or format specs")));
                };
                let at = match (field.as_str(), field.parse::<usize>()) {
                    ("", _) if !numbered => {
                        next += 1;
                        next - 1
                    }
                    (_, Ok(at)) if next == 0 => {
                        numbered = true;
                        at
                    }
                    ("", _) | (_, Ok(_)) => return Err(error_at(pos, "format() mixes {} and {0}: Python raises ValueError")),
                    _ => return Err(error_at(pos, format!("{{{field}}} is not read in format(): write {{}} or {{0}}, with no names or format specs"))),
                };
                let value = values.get(at).ok_or_else(|| {
                    error_at(pos, "format() is given fewer values than the text shows: Python raises IndexError")
                })?;
                segments.extend(text_of(&[value], bound)?.0);
            }
            '}' => {
                return Err(error_at(
                    pos,
                    "a single } in format(): Python raises ValueError; write }}",
                ))
            }
            c => segments.push(Segment::Literal(c.to_string())),
        }
    }
    Ok(segments)
}

/// Joins neighbouring literals.
fn merge(segments: Vec<Segment>) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::new();
    for segment in segments {
        match (out.last_mut(), segment) {
            (_, Segment::Literal(next)) if next.is_empty() => {}
            (Some(Segment::Literal(last)), Segment::Literal(next)) => last.push_str(&next),
            (_, segment) => out.push(segment),
        }
    }
    out
}

fn stmt_pos(stmt: &Stmt) -> Pos {
    match stmt {
        Stmt::Def { pos, .. }
        | Stmt::Assign { pos, .. }
        | Stmt::If { pos, .. }
        | Stmt::For { pos, .. }
        | Stmt::With { pos, .. }
        | Stmt::Try { pos, .. }
        | Stmt::Return(_, pos)
        | Stmt::Raise(_, pos) => *pos,
        Stmt::Expr(expr) => expr.pos(),
        Stmt::Import | Stmt::Pass => (1, 1),
    }
}
