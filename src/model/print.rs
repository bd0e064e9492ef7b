//! Prints a [`Program`] as canonical text (format v1): `parse(print(p)) == p`.

use std::fmt::Write;

use super::program::{Amount, Block, BlockKind, Program, RunMode, Segment, Step, Text};

/// The program in canonical v1 text.
pub fn print(program: &Program) -> String {
    let mut out = String::new();
    if let Some(title) = &program.title {
        let _ = writeln!(out, "title {}", quote(title));
    }
    let _ = writeln!(out, "run {}", mode(program.mode));
    if program.latency_ms > 0 {
        let _ = writeln!(out, "latency {}", program.latency_ms);
    }
    if let Some(workers) = program.workers {
        let _ = writeln!(out, "workers {workers}");
    }
    for block in &program.blocks {
        out.push('\n');
        print_block(&mut out, block);
    }
    out
}

/// The run mode as written after `run`.
pub fn mode(mode: RunMode) -> String {
    match mode {
        RunMode::Sequential => "sequential".into(),
        RunMode::Gather => "gather".into(),
        RunMode::Wait => "wait".into(),
        RunMode::AsCompleted => "as_completed".into(),
        RunMode::Race => "race".into(),
        RunMode::Limit(n) => format!("limit {n}"),
        RunMode::Timeout(ms) => format!("timeout {ms}"),
    }
}

fn print_block(out: &mut String, block: &Block) {
    match block.kind {
        BlockKind::Task { copies: 1 } => {
            let _ = writeln!(out, "task {}", block.name);
        }
        BlockKind::Task { copies } => {
            let _ = writeln!(out, "task {} x{copies}", block.name);
        }
        BlockKind::Coroutine => {
            let _ = writeln!(out, "coroutine {}", block.name);
        }
    }
    for step in &block.steps {
        let _ = writeln!(out, "  {}", step_text(step));
    }
}

/// One step as written in a program: its keyword (from the table of steps)
/// and what follows it.
pub fn step_text(step: &Step) -> String {
    let keyword = step.kind().keyword;
    let arg = match step {
        Step::Yield => return keyword.into(),
        Step::Print(text) | Step::CallSoon(text) | Step::Return(text) | Step::Fail(text) => {
            text_literal(text)
        }
        Step::Sleep(amount) | Step::Block(amount) | Step::Compute(amount) => amount_text(*amount),
        Step::Offload(work, amount) => format!("{} {}", work.name(), amount_text(*amount)),
        Step::Fetch { url, select: None } => text_literal(url),
        Step::Fetch {
            url,
            select: Some(css),
        } => format!("{} select {}", text_literal(url), quote(css)),
        Step::Spawn(name) | Step::Await(name) | Step::Call(name) => name.clone(),
    };
    format!("{keyword} {arg}")
}

/// An amount as written: `300`, `100*{i}`, `900-100*{i}`.
pub fn amount_text(amount: Amount) -> String {
    match (amount.base, amount.per_copy) {
        (base, 0) => base.to_string(),
        (0, step) if step > 0 => format!("{step}*{{i}}"),
        (base, step) if step < 0 => format!("{base}-{}*{{i}}", step.unsigned_abs()),
        (base, step) => format!("{base}+{step}*{{i}}"),
    }
}

/// A text with its placeholders, quoted and escaped.
pub fn text_literal(text: &Text) -> String {
    let mut inner = String::new();
    for segment in &text.0 {
        match segment {
            Segment::Literal(literal) => {
                inner.push_str(&literal.replace('{', "{{").replace('}', "}}"))
            }
            Segment::CopyIndex => inner.push_str("{i}"),
            Segment::CopyNumber => inner.push_str("{n}"),
            Segment::Result(name) => {
                let _ = write!(inner, "{{{name}}}");
            }
        }
    }
    quote(&inner)
}

fn quote(raw: &str) -> String {
    format!("\"{}\"", raw.replace('\\', "\\\\").replace('"', "\\\""))
}
