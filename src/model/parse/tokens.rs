//! The words and quoted strings of one program line, and a cursor that
//! reads them left to right.

use crate::model::limits::MAX_TEXT_CHARS;
use crate::model::parse_error::{error_at, ParseError, Pos, Result};

#[derive(Debug)]
pub(super) enum TokenKind {
    Word,
    Quoted(String),
}

#[derive(Debug)]
pub(super) struct Token<'a> {
    pub(super) raw: &'a str,
    pub(super) col: usize,
    pub(super) kind: TokenKind,
}

impl Token<'_> {
    pub(super) fn shown(&self) -> String {
        format!("{:?}", self.raw)
    }
}

/// Splits one line into words and quoted strings; `#` outside quotes starts a comment.
pub(super) fn lex(line_no: usize, line: &str) -> Result<Vec<Token<'_>>> {
    let mut tokens = Vec::new();
    let mut chars = line.char_indices().enumerate().peekable();
    while let Some(&(col0, (start, c))) = chars.peek() {
        let col = col0 + 1;
        if c.is_whitespace() {
            chars.next();
        } else if c == '#' {
            break;
        } else if c == '"' {
            chars.next();
            let mut value = String::new();
            let end = loop {
                match chars.next() {
                    None => {
                        return Err(error_at((line_no, col), "this string has no closing quote"))
                    }
                    Some((_, (at, '"'))) => break at + 1,
                    Some((escape_col, (_, '\\'))) => match chars.next() {
                        Some((_, (_, quoted @ ('"' | '\\')))) => value.push(quoted),
                        _ => {
                            return Err(error_at(
                                (line_no, escape_col + 1),
                                "only \\\" and \\\\ may follow a backslash in a string",
                            ))
                        }
                    },
                    Some((_, (_, other))) => value.push(other),
                }
            };
            tokens.push(Token {
                raw: &line[start..end],
                col,
                kind: TokenKind::Quoted(value),
            });
        } else {
            let mut end = line.len();
            while let Some(&(_, (at, next))) = chars.peek() {
                if next.is_whitespace() || next == '"' {
                    end = at;
                    break;
                }
                chars.next();
            }
            tokens.push(Token {
                raw: &line[start..end],
                col,
                kind: TokenKind::Word,
            });
        }
    }
    Ok(tokens)
}

/// The tokens of one line, read left to right.
pub(super) struct Cursor<'a> {
    pub(super) line: usize,
    pub(super) tokens: Vec<Token<'a>>,
    pub(super) next: usize,
    pub(super) end_col: usize,
}

impl<'a> Cursor<'a> {
    pub(super) fn pos(&self) -> Pos {
        let col = self
            .tokens
            .get(self.next)
            .map_or(self.end_col, |token| token.col);
        (self.line, col)
    }

    pub(super) fn peek(&self) -> Option<&Token<'a>> {
        self.tokens.get(self.next)
    }

    pub(super) fn take(&mut self) -> Option<&Token<'a>> {
        let token = self.tokens.get(self.next);
        self.next += 1;
        token
    }

    pub(super) fn found(&self) -> String {
        self.peek()
            .map_or_else(|| "the end of the line".to_string(), Token::shown)
    }

    pub(super) fn expected(&self, what: &str, after: &str) -> ParseError {
        error_at(
            self.pos(),
            format!("expected {what} after \"{after}\", found {}", self.found()),
        )
    }

    pub(super) fn word(&mut self, what: &str, after: &str) -> Result<(&'a str, Pos)> {
        let pos = self.pos();
        match self.peek() {
            Some(Token {
                kind: TokenKind::Word,
                raw,
                ..
            }) => {
                let raw = *raw;
                self.next += 1;
                Ok((raw, pos))
            }
            _ => Err(self.expected(what, after)),
        }
    }

    pub(super) fn quoted(&mut self, what: &str, after: &str) -> Result<(String, Pos)> {
        let pos = self.pos();
        match self.peek() {
            Some(Token {
                kind: TokenKind::Quoted(value),
                ..
            }) => {
                let value = value.clone();
                self.next += 1;
                if value.chars().count() > MAX_TEXT_CHARS {
                    return Err(error_at(
                        pos,
                        format!("this text is longer than {MAX_TEXT_CHARS} characters"),
                    ));
                }
                Ok((value, pos))
            }
            _ => Err(self.expected(what, after)),
        }
    }

    pub(super) fn number(&mut self, what: &str, after: &str, max: u64) -> Result<u32> {
        let pos = self.pos();
        let (raw, _) = self.word(what, after)?;
        let value: u64 = raw.parse().map_err(|_| {
            error_at(
                pos,
                format!("expected {what} after \"{after}\", found {raw:?}"),
            )
        })?;
        if value > max {
            return Err(error_at(
                pos,
                format!("{after} {value} is over the limit of {max}"),
            ));
        }
        Ok(value as u32)
    }

    pub(super) fn end(&self) -> Result<()> {
        match self.peek() {
            None => Ok(()),
            Some(token) => Err(error_at(
                self.pos(),
                format!("unexpected {} at the end of the line", token.shown()),
            )),
        }
    }
}
