//! Parses program text (format v1, docs/format.md) into a [`CheckedProgram`].

mod tokens;

use super::check::check;
use super::limits::*;
use super::parse_error::{error_at, BlockSpans, Pos, Result};
use super::program::{
    Amount, Block, BlockKind, CheckedProgram, Program, RunMode, Segment, Step, Text, Work,
};
use super::steps::{self, Arg};
use tokens::{lex, Cursor, Token, TokenKind};

/// Names the format or the Python export use for themselves.
const RESERVED: &[&str] = &[
    "main", "loop", "asyncio", "time", "sys", "warnings", "False", "None", "True", "and", "as",
    "assert", "async", "await", "break", "class", "continue", "def", "del", "elif", "else",
    "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal",
    "not", "or", "pass", "raise", "return", "try", "while", "with", "yield", "i", "n",
];

/// Parses and checks `source`; any input gives a program or an error, never a panic.
pub fn parse(source: &str) -> Result<CheckedProgram> {
    if source.len() > MAX_PROGRAM_BYTES {
        return Err(error_at(
            (1, 1),
            format!(
                "the program is {} bytes; the limit is {MAX_PROGRAM_BYTES}",
                source.len()
            ),
        ));
    }
    let mut parser = Parser::default();
    for (index, line) in source.lines().enumerate() {
        parser.line(index + 1, line)?;
    }
    parser.finish()
}

/// One step line as a table chip writes it (`sleep 3000`), read as it
/// would be in a task (`in_task`) or a coroutine. The checks that need the
/// whole program (names, placeholders, amounts per copy) are [`parse`]'s.
pub fn parse_step(line: &str, in_task: bool) -> Result<Step> {
    let kind = if in_task {
        BlockKind::Task { copies: 1 }
    } else {
        BlockKind::Coroutine
    };
    let mut parser = Parser::default();
    parser.blocks.push(Block {
        name: String::new(),
        kind,
        steps: Vec::new(),
    });
    parser.spans.push(BlockSpans::default());
    parser.line(1, &format!("  {line}"))?;
    parser
        .blocks
        .pop()
        .and_then(|block| block.steps.into_iter().next())
        .ok_or_else(|| error_at((1, 1), "expected a step"))
}

#[derive(Default)]
struct Parser {
    title: Option<String>,
    mode: Option<RunMode>,
    latency_ms: Option<u32>,
    workers: Option<u32>,
    blocks: Vec<Block>,
    spans: Vec<BlockSpans>,
}

impl Parser {
    fn line(&mut self, line_no: usize, line: &str) -> Result<()> {
        let tokens = lex(line_no, line)?;
        if tokens.is_empty() {
            return Ok(());
        }
        let indented = line.starts_with(char::is_whitespace);
        let end_col = line.chars().count() + 1;
        let mut cursor = Cursor {
            line: line_no,
            tokens,
            next: 0,
            end_col,
        };
        if indented {
            self.step(&mut cursor)
        } else {
            self.top_level(&mut cursor)
        }
    }

    fn top_level(&mut self, cursor: &mut Cursor) -> Result<()> {
        let pos = cursor.pos();
        let keyword = match cursor.take() {
            Some(Token {
                kind: TokenKind::Word,
                raw,
                ..
            }) => *raw,
            _ => {
                return Err(error_at(
                    pos,
                    format!(
                        "expected task, coroutine, title, run, latency or workers, found {}",
                        cursor.tokens[0].shown()
                    ),
                ))
            }
        };
        match keyword {
            "title" => {
                let (title, _) = cursor.quoted("a quoted title", "title")?;
                set_once(&mut self.title, title, pos, "title")?;
            }
            "run" => {
                let mode = run_mode(cursor)?;
                set_once(&mut self.mode, mode, pos, "run")?;
            }
            "latency" => {
                let ms = cursor.number("a latency in ms", "latency", MAX_WAIT_MS)?;
                set_once(&mut self.latency_ms, ms, pos, "latency")?;
            }
            "workers" => {
                let count_pos = cursor.pos();
                let count =
                    cursor.number("a number of workers", "workers", u64::from(MAX_WORKERS))?;
                if count == 0 {
                    return Err(error_at(count_pos, "a pool needs at least 1 worker"));
                }
                set_once(&mut self.workers, count, pos, "workers")?;
            }
            "task" | "coroutine" => self.block_header(cursor, keyword)?,
            other if steps::find(other).is_some() => {
                return Err(error_at(
                    pos,
                    format!("the step \"{other}\" must be indented under a task or coroutine"),
                ))
            }
            other => {
                return Err(error_at(
                    pos,
                    format!(
                        "expected task, coroutine, title, run, latency or workers, found {other:?}"
                    ),
                ))
            }
        }
        cursor.end()
    }

    fn block_header(&mut self, cursor: &mut Cursor, keyword: &str) -> Result<()> {
        let (name, name_pos) = cursor.word("a name", keyword)?;
        check_name(name, name_pos)?;
        if self.blocks.iter().any(|block| block.name == name) {
            return Err(error_at(
                name_pos,
                format!("there is already a task or coroutine called {name:?}"),
            ));
        }
        let kind = if keyword == "task" {
            let copies = match cursor.peek() {
                Some(Token {
                    kind: TokenKind::Word,
                    raw,
                    ..
                }) if raw.starts_with('x') => {
                    let pos = cursor.pos();
                    let raw = *raw;
                    cursor.next += 1;
                    let copies: u64 = raw[1..].parse().map_err(|_| {
                        error_at(
                            pos,
                            format!("expected a number of copies like x4, found {raw:?}"),
                        )
                    })?;
                    if copies == 0 || copies > u64::from(MAX_COPIES) {
                        return Err(error_at(
                            pos,
                            format!("copies must be from 1 to {MAX_COPIES}, found {copies}"),
                        ));
                    }
                    copies as u32
                }
                _ => 1,
            };
            BlockKind::Task { copies }
        } else {
            BlockKind::Coroutine
        };
        self.blocks.push(Block {
            name: name.to_string(),
            kind,
            steps: Vec::new(),
        });
        self.spans.push(BlockSpans {
            name: name_pos,
            steps: Vec::new(),
        });
        Ok(())
    }

    fn step(&mut self, cursor: &mut Cursor) -> Result<()> {
        let pos = cursor.pos();
        let Some(block) = self.blocks.last_mut() else {
            return Err(error_at(
                pos,
                "a step must be inside a task or coroutine; write \"task NAME\" above it",
            ));
        };
        if block.steps.len() >= MAX_STEPS {
            return Err(error_at(
                pos,
                format!("{} has more than {MAX_STEPS} steps", block.name),
            ));
        }
        if let Some(Step::Return(_) | Step::Fail(_)) = block.steps.last() {
            return Err(error_at(
                pos,
                "nothing runs after return or fail; move this step above it",
            ));
        }
        let in_task = block.is_task();
        let (keyword, _) = cursor.word("a step", "the indentation")?;
        let arg_pos = cursor.pos();
        let Some(kind) = steps::find(keyword) else {
            return Err(error_at(
                pos,
                match keyword {
                    "task" | "coroutine" | "title" | "run" | "latency" | "workers" => format!(
                        "\"{keyword}\" starts at the beginning of a line, without indentation"
                    ),
                    other => format!("expected a step ({}), found {other:?}", steps::keywords()),
                },
            ));
        };
        let step = match kind.arg {
            Arg::Nothing(make) => make(),
            Arg::Amount { what, max, make } => make(amount(cursor, keyword, what, max, in_task)?),
            Arg::Text(make) => make(text(cursor, keyword)?),
            Arg::Name(make) => make(cursor.word("a coroutine name", keyword)?.0.to_string()),
            Arg::Offload { max } => {
                let (work, _) = cursor.word("compute or block", keyword)?;
                let Some(work) = Work::named(work) else {
                    return Err(error_at(
                        arg_pos,
                        format!("expected compute or block after \"offload\", found {work:?}"),
                    ));
                };
                let what = if work == Work::Compute {
                    steps::UNITS
                } else {
                    steps::DURATION
                };
                Step::Offload(work, amount(cursor, keyword, what, max, in_task)?)
            }
            Arg::Fetch => {
                let url = text(cursor, keyword)?;
                let select = match cursor.peek() {
                    Some(Token {
                        kind: TokenKind::Word,
                        raw: "select",
                        ..
                    }) => {
                        cursor.next += 1;
                        Some(cursor.quoted("a quoted CSS selector", "select")?.0)
                    }
                    _ => None,
                };
                Step::Fetch { url, select }
            }
        };
        cursor.end()?;
        block.steps.push(step);
        self.spans
            .last_mut()
            .expect("a span per block")
            .steps
            .push((pos, arg_pos));
        Ok(())
    }

    fn finish(self) -> Result<CheckedProgram> {
        let program = Program {
            title: self.title,
            mode: self.mode.unwrap_or(RunMode::Gather),
            latency_ms: self.latency_ms.unwrap_or(0),
            workers: self.workers,
            blocks: self.blocks,
        };
        check(&program, &self.spans)?;
        Ok(CheckedProgram::new(program))
    }
}

fn set_once<T>(slot: &mut Option<T>, value: T, pos: Pos, what: &str) -> Result<()> {
    if slot.is_some() {
        return Err(error_at(pos, format!("\"{what}\" is set twice")));
    }
    *slot = Some(value);
    Ok(())
}

pub(super) fn check_name(name: &str, pos: Pos) -> Result<()> {
    let mut chars = name.chars();
    let well_formed = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_');
    if !well_formed {
        return Err(error_at(
            pos,
            format!("{name:?} is not a name: use letters, digits and _, starting with a letter"),
        ));
    }
    if name.len() > MAX_NAME_CHARS {
        return Err(error_at(
            pos,
            format!("names are at most {MAX_NAME_CHARS} characters"),
        ));
    }
    if RESERVED.contains(&name) || name.ends_with("_result") || name.ends_with("_task") {
        return Err(error_at(
            pos,
            format!("{name:?} is reserved; choose another name"),
        ));
    }
    Ok(())
}

fn run_mode(cursor: &mut Cursor) -> Result<RunMode> {
    let pos = cursor.pos();
    let (word, _) = cursor.word("a run mode", "run")?;
    Ok(match word {
        "sequential" => RunMode::Sequential,
        "gather" => RunMode::Gather,
        "wait" => RunMode::Wait,
        "as_completed" => RunMode::AsCompleted,
        "race" => RunMode::Race,
        "limit" => {
            let at = cursor.pos();
            let n = cursor.number("how many tasks may run at once", "limit", MAX_TASKS)?;
            if n == 0 {
                return Err(error_at(at, "limit needs at least 1"));
            }
            RunMode::Limit(n)
        }
        "timeout" => {
            let at = cursor.pos();
            let ms = cursor.number("a timeout in ms", "timeout", MAX_WAIT_MS)?;
            if ms == 0 {
                return Err(error_at(at, "timeout needs at least 1 ms"));
            }
            RunMode::Timeout(ms)
        }
        other => {
            return Err(error_at(
                pos,
                format!("expected a run mode (sequential, gather, wait, as_completed, race, limit N, timeout MS) after \"run\", found {other:?}"),
            ))
        }
    })
}

fn text(cursor: &mut Cursor, after: &str) -> Result<Text> {
    let (raw, pos) = cursor.quoted("a quoted text", after)?;
    parse_text(&raw, pos)
}

/// Splits a string into literal parts and `{i}`, `{n}`, `{name}` placeholders;
/// `{{` and `}}` are literal braces.
fn parse_text(raw: &str, pos: Pos) -> Result<Text> {
    let mut segments = Vec::new();
    let mut literal = String::new();
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                literal.push('{');
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
                literal.push('}');
            }
            '}' => return Err(error_at(pos, "a single } in text; write }} for a brace")),
            '{' => {
                let mut name = String::new();
                loop {
                    match chars.next() {
                        Some('}') => break,
                        Some(c) => name.push(c),
                        None => {
                            return Err(error_at(
                                pos,
                                "a { in text has no closing }; write {{ for a brace",
                            ))
                        }
                    }
                }
                if !literal.is_empty() {
                    segments.push(Segment::Literal(std::mem::take(&mut literal)));
                }
                segments.push(match name.as_str() {
                    "i" => Segment::CopyIndex,
                    "n" => Segment::CopyNumber,
                    _ if check_name(&name, pos).is_ok() => Segment::Result(name),
                    _ => return Err(error_at(pos, format!("{{{name}}} is not a placeholder: use {{i}}, {{n}} or {{NAME}} of an awaited coroutine"))),
                });
            }
            c => literal.push(c),
        }
    }
    if !literal.is_empty() {
        segments.push(Segment::Literal(literal));
    }
    Ok(Text(segments))
}

/// `MS`, `A*{i}`, `A+B*{i}` or `A-B*{i}`.
fn amount(cursor: &mut Cursor, after: &str, what: &str, max: u64, in_task: bool) -> Result<Amount> {
    let pos = cursor.pos();
    let (raw, _) = cursor.word(what, after)?;
    let bad = || {
        error_at(
            pos,
            format!("expected {what} after \"{after}\", found {raw:?}"),
        )
    };
    let number = |digits: &str| -> Result<u32> {
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        digits
            .parse::<u32>()
            .map_err(|_| error_at(pos, format!("{after} {digits} is over the limit of {max}")))
    };
    let amount = match raw.strip_suffix("*{i}") {
        None => Amount::fixed(number(raw)?),
        Some(head) => {
            if !in_task {
                return Err(error_at(
                    pos,
                    "{i} in an amount is only allowed in a task block",
                ));
            }
            match head.find(['+', '-']) {
                None => Amount {
                    base: 0,
                    per_copy: number(head)?.try_into().map_err(|_| bad())?,
                },
                Some(at) => {
                    let step: i32 = number(&head[at + 1..])?.try_into().map_err(|_| bad())?;
                    let per_copy = if head.as_bytes()[at] == b'-' {
                        -step
                    } else {
                        step
                    };
                    Amount {
                        base: number(&head[..at])?,
                        per_copy,
                    }
                }
            }
        }
    };
    if u64::from(amount.base) > max {
        return Err(error_at(
            pos,
            format!("{after} {} is over the limit of {max}", amount.base),
        ));
    }
    Ok(amount)
}
