//! Reads Python asyncio code into a program (docs/python-import.md): the
//! async functions, what runs them, and each step a coroutine takes. It
//! runs in the worker, not in the page's first load.

mod ast;
mod lex;
pub mod notes;
mod parse;
mod translate;

use super::limits::MAX_PROGRAM_BYTES;
use super::parse::parse as parse_program;
use super::parse_error::{error_at, ParseError};
use super::print::print;
use super::program::CheckedProgram;

pub use notes::Note;

/// A program read from Python, and the notes on how it was read.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    pub program: CheckedProgram,
    pub notes: Vec<Note>,
}

/// Reads `source`; an error names the line and column, and what to write
/// instead.
pub fn import(source: &str) -> std::result::Result<Imported, ParseError> {
    if source.len() > MAX_PROGRAM_BYTES {
        return Err(error_at(
            (1, 1),
            format!(
                "the code is {} bytes; the limit is {MAX_PROGRAM_BYTES}",
                source.len()
            ),
        ));
    }
    let module = parse::module(source)?;
    let (program, notes) = translate::program(&module)?;
    let program = parse_program(&print(&program)).map_err(|error| {
        error_at(
            (1, 1),
            format!(
                "the program this makes is not one the playground can run: {}",
                error.message
            ),
        )
    })?;
    Ok(Imported { program, notes })
}
