//! The checks made once a whole program is read: what await, spawn and call
//! name, recursion, placeholders, per-copy amounts, and the size of a run
//! (tasks, steps, time holding the loop).

use std::collections::{BTreeSet, HashMap};

use super::limits::*;
use super::parse_error::{error_at, BlockSpans, Pos, Result};
use super::program::{Block, BlockKind, Program, Step, Text};
use super::steps::Arg;

/// Checks made once the whole program is read: names, recursion,
/// placeholders, per-copy amounts and the size of a run.
pub(super) fn check(program: &Program, spans: &[BlockSpans]) -> Result<()> {
    if !program.blocks.iter().any(Block::is_task) {
        return Err(error_at(
            (1, 1),
            "a program needs at least one task; add \"task NAME\" with steps under it",
        ));
    }
    let index = program.block_indices();
    for (block, span) in program.blocks.iter().zip(spans) {
        for (step, &(at, arg)) in block.steps.iter().zip(&span.steps) {
            if let Some(target) = step.target() {
                match index.get(target).map(|&i| &program.blocks[i]) {
                    None => return Err(error_at(arg, format!("there is no coroutine called {target:?}"))),
                    Some(found) if found.is_task() => {
                        return Err(error_at(arg, format!("{target:?} is a task run by main; await, spawn and call take a coroutine")))
                    }
                    Some(_) => {}
                }
            }
            for name in step.texts().into_iter().flat_map(Text::result_names) {
                if index.get(name).is_none_or(|&i| program.blocks[i].is_task()) {
                    return Err(error_at(
                        arg,
                        format!("{{{name}}} needs a coroutine called {name:?} to await"),
                    ));
                }
            }
            check_amount_copies(block, step, at)?;
        }
    }
    let order = topological_order(program, spans, &index)?;
    check_placeholders(program, spans)?;
    check_size(program, spans, &index, &order)?;
    check_holding(program, spans)
}

fn check_amount_copies(block: &Block, step: &Step, at: Pos) -> Result<()> {
    let BlockKind::Task { copies } = block.kind else {
        return Ok(());
    };
    let kind = step.kind();
    let (Some(amount), Arg::Amount { max, .. } | Arg::Offload { max }) = (step.amount(), kind.arg)
    else {
        return Ok(());
    };
    let what = kind.keyword;
    for i in [0, copies - 1] {
        let value = i64::from(amount.base) + i64::from(amount.per_copy) * i64::from(i);
        if value < 0 || value as u64 > max {
            return Err(error_at(
                at,
                format!("{what} is {value} for copy {i}; it must be from 0 to {max}"),
            ));
        }
    }
    Ok(())
}

/// Blocks ordered so that every block comes after the coroutines it awaits or
/// spawns; a cycle is an error naming it.
fn topological_order(
    program: &Program,
    spans: &[BlockSpans],
    index: &HashMap<&str, usize>,
) -> Result<Vec<usize>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Open,
        Done,
    }
    fn visit(
        at: usize,
        program: &Program,
        spans: &[BlockSpans],
        index: &HashMap<&str, usize>,
        marks: &mut [Mark],
        path: &mut Vec<usize>,
        order: &mut Vec<usize>,
    ) -> Result<()> {
        marks[at] = Mark::Open;
        path.push(at);
        for (step, &(_, arg)) in program.blocks[at].steps.iter().zip(&spans[at].steps) {
            let (Step::Await(target) | Step::Spawn(target)) = step else {
                continue;
            };
            let next = index[target.as_str()];
            match marks[next] {
                Mark::Open => {
                    let start = path
                        .iter()
                        .position(|&b| b == next)
                        .expect("open blocks are on the path");
                    let mut names: Vec<&str> = path[start..]
                        .iter()
                        .map(|&b| program.blocks[b].name.as_str())
                        .collect();
                    names.push(&program.blocks[next].name);
                    return Err(error_at(
                        arg,
                        format!("recursion: {} never ends", names.join(" → ")),
                    ));
                }
                Mark::New => visit(next, program, spans, index, marks, path, order)?,
                Mark::Done => {}
            }
        }
        path.pop();
        marks[at] = Mark::Done;
        order.push(at);
        Ok(())
    }
    let mut marks = vec![Mark::New; program.blocks.len()];
    let mut order = Vec::new();
    for at in 0..program.blocks.len() {
        if marks[at] == Mark::New {
            visit(
                at,
                program,
                spans,
                index,
                &mut marks,
                &mut Vec::new(),
                &mut order,
            )?;
        }
    }
    Ok(order)
}

/// A task shows a result only after it has awaited the coroutine that
/// makes it: nobody else provides one ([`Program::early_results`]). The
/// program must not recurse (`topological_order` has checked it first).
fn check_placeholders(program: &Program, spans: &[BlockSpans]) -> Result<()> {
    let early = program.early_results();
    let tasks = program.blocks.iter().zip(spans).zip(&early);
    for ((_, span), early) in tasks.filter(|((block, _), _)| block.is_task()) {
        if let Some(first) = early.first() {
            let name = first.name;
            let message = match first.via {
                None => format!("{{{name}}} has no value here: \"await {name}\" before this step"),
                Some(target) => format!(
                    "{target} shows {{{name}}}, which has no value here: \"await {name}\" first"
                ),
            };
            return Err(error_at(span.steps[first.step].1, message));
        }
    }
    Ok(())
}

/// Bounds the tasks a run may create and the steps it may execute.
fn check_size(
    program: &Program,
    spans: &[BlockSpans],
    index: &HashMap<&str, usize>,
    order: &[usize],
) -> Result<()> {
    let count = program.blocks.len();
    let (mut spawned, mut executed) = (vec![0u64; count], vec![0u64; count]);
    for &at in order {
        let block = &program.blocks[at];
        let mut spawned_here = BTreeSet::new();
        let (mut tasks, mut steps) = (0u64, block.steps.len() as u64);
        for step in &block.steps {
            match step {
                Step::Spawn(target) => {
                    let t = index[target.as_str()];
                    spawned_here.insert(target.as_str());
                    tasks = tasks.saturating_add(1 + spawned[t]);
                    steps = steps.saturating_add(executed[t]);
                }
                Step::Await(target) if !spawned_here.contains(target.as_str()) => {
                    let t = index[target.as_str()];
                    tasks = tasks.saturating_add(spawned[t]);
                    steps = steps.saturating_add(executed[t]);
                }
                _ => {}
            }
        }
        spawned[at] = tasks;
        executed[at] = steps;
    }
    let (mut tasks, mut steps) = (0u64, 0u64);
    for (at, block) in program.blocks.iter().enumerate() {
        let BlockKind::Task { copies } = block.kind else {
            continue;
        };
        tasks = tasks.saturating_add(u64::from(copies).saturating_mul(1 + spawned[at]));
        steps = steps.saturating_add(u64::from(copies).saturating_mul(executed[at]));
        if tasks > MAX_TASKS {
            return Err(error_at(
                spans[at].name,
                format!("this program would run {tasks} tasks or more; the limit is {MAX_TASKS}"),
            ));
        }
        if steps > MAX_EXECUTED_STEPS {
            return Err(error_at(spans[at].name, format!("this program would run {steps} steps or more; the limit is {MAX_EXECUTED_STEPS}")));
        }
    }
    Ok(())
}

/// Bounds the time a whole run holds the loop, so no program (and no link)
/// can freeze the page for longer than [`MAX_HOLDING_MS`]; the error sits on
/// the task that takes the total over.
fn check_holding(program: &Program, spans: &[BlockSpans]) -> Result<()> {
    let by_task: Vec<(usize, u64)> = program.loop_holding_by_task().collect();
    let total = by_task
        .iter()
        .map(|&(_, held)| held)
        .fold(0, u64::saturating_add);
    if total <= MAX_HOLDING_MS {
        return Ok(());
    }
    let mut held = 0u64;
    for &(at, task_held) in &by_task {
        held = held.saturating_add(task_held);
        if held > MAX_HOLDING_MS {
            return Err(error_at(
                spans[at].name,
                format!(
                    "this program would hold the loop for {} in all (block and compute, over every copy and every task it runs); the limit is {}",
                    seconds(total),
                    seconds(MAX_HOLDING_MS)
                ),
            ));
        }
    }
    Ok(())
}

/// `ms` as seconds for a message: "30 s", "50000 s", "30.05 s".
fn seconds(ms: u64) -> String {
    let fraction = format!("{:03}", ms % 1000);
    match fraction.trim_end_matches('0') {
        "" => format!("{} s", ms / 1000),
        digits => format!("{}.{digits} s", ms / 1000),
    }
}
