//! A program's errors: what is wrong and where, and where each block and
//! step was written for the checks made after parsing.

use std::fmt;

/// What is wrong with a program, and where (1-based line and column).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub line: usize,
    pub col: usize,
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}, col {}: {}", self.line, self.col, self.message)
    }
}

impl std::error::Error for ParseError {}

pub(crate) type Result<T> = std::result::Result<T, ParseError>;

/// A 1-based (line, column) position.
pub(crate) type Pos = (usize, usize);

pub(crate) fn error_at(pos: Pos, message: impl Into<String>) -> ParseError {
    ParseError {
        line: pos.0,
        col: pos.1,
        message: message.into(),
    }
}

/// Where each block and step was written, for checks made after parsing.
#[derive(Default)]
pub(crate) struct BlockSpans {
    /// Where the block's name is.
    pub(crate) name: Pos,
    /// Where each step's keyword and argument are.
    pub(crate) steps: Vec<(Pos, Pos)>,
}
