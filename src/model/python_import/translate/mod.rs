//! Turns the statements of an asyncio module into a program: its async
//! functions into coroutines and tasks, what runs them at the bottom of the
//! module into `main`'s run mode, and each awaited call into a step.

use std::collections::HashMap;

use super::ast::{Expr, Stmt};
use crate::model::parse_error::{error_at, Pos, Result};
use crate::model::program::{Block, Program, RunMode, Segment, Step};
use crate::model::python_import::notes::Note;

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

mod finish;
mod main_body;
mod module;
mod patterns;
mod steps;
mod texts;
