//! Reading a coroutine's body into steps: its awaits, prints, fetches,
//! offloads and the names it binds.

use std::collections::HashMap;

use super::super::ast::{Arg, Expr, Stmt};
use super::patterns::{
    call_name, fetched_read, mentions_fetched, picked, printed_by, select, shows, single,
};
use super::texts::{amount_of, linear, stmt_pos, text_of};
use super::{Bound, Reader, Reading};
use crate::model::parse::check_name;
use crate::model::parse_error::{error_at, Pos, Result};
use crate::model::program::{Amount, Block, BlockKind, Segment, Step, Text, Work};
use crate::model::python_import::notes::Note;

impl Reader {
    /// Whether the async def called `name` may name a block: the format's
    /// rules for names, told at the def.
    pub(super) fn check_def_name(&self, name: &str) -> Result<()> {
        let pos = match self.defs.get(name) {
            Some(Stmt::Def { pos, .. }) => *pos,
            _ => (1, 1),
        };
        check_name(name, pos)
    }

    pub(super) fn note(&mut self, note: Note) {
        if !self.notes.contains(&note) {
            self.notes.push(note);
        }
    }

    /// The steps of a coroutine's body; `bound` says what its names mean.
    pub(super) fn steps(
        &mut self,
        body: &[Stmt],
        params: &HashMap<String, Bound>,
    ) -> Result<Vec<Step>> {
        let mut reading = Reading {
            bound: params.clone(),
            steps: Vec::new(),
        };
        self.read(body, &mut reading)?;
        Ok(reading.steps)
    }

    /// Reads `body` into `reading`; true once a `return` or `raise` ended
    /// the coroutine.
    pub(super) fn read(&mut self, body: &[Stmt], reading: &mut Reading) -> Result<bool> {
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
    pub(super) fn assign(
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
    pub(super) fn opened(&mut self, opened: &Expr, reading: &mut Reading) -> Result<Bound> {
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
    pub(super) fn fetch_step(
        &mut self,
        call: &Expr,
        bound: &HashMap<String, Bound>,
    ) -> Result<Option<Step>> {
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

    pub(super) fn expr_step(
        &mut self,
        expr: &Expr,
        bound: &HashMap<String, Bound>,
    ) -> Result<Vec<Step>> {
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
    pub(super) fn awaited(
        &mut self,
        expr: &Expr,
        bound: &HashMap<String, Bound>,
    ) -> Result<(Step, String)> {
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
    pub(super) fn offload(
        &self,
        args: &[Arg],
        pos: Pos,
        bound: &HashMap<String, Bound>,
    ) -> Result<Step> {
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
    pub(super) fn callee(&mut self, call: &Expr, bound: &HashMap<String, Bound>) -> Result<String> {
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
}
