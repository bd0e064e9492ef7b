//! Reads tokens into statements: the statements and expressions asyncio
//! examples are written with; anything else is an error naming it.

use super::ast::{Expr, Stmt};
use super::lex::{tokens, Tok, Token};
use crate::model::parse_error::{error_at, Pos, Result};

/// The statements of a module.
pub fn module(source: &str) -> Result<Vec<Stmt>> {
    let mut parser = Parser {
        tokens: tokens(source)?,
        next: 0,
        depth: 0,
    };
    let mut body = Vec::new();
    while parser.peek() != &Tok::End {
        body.extend(parser.statement()?);
    }
    Ok(body)
}

struct Parser {
    tokens: Vec<Token>,
    next: usize,
    /// Blocks being read, one inside the other.
    depth: usize,
}

/// Blocks inside blocks at most, whether indented or on one line: the
/// reader goes down one call per block.
const MAX_BLOCKS: usize = 64;

/// Keywords that start statements the importer does not read.
const UNSUPPORTED: [&str; 9] = [
    "while", "class", "global", "nonlocal", "del", "assert", "yield", "lambda", "match",
];

impl Parser {
    fn peek(&self) -> &Tok {
        &self.tokens[self.next].kind
    }

    fn pos(&self) -> Pos {
        self.tokens[self.next].pos
    }

    fn bump(&mut self) -> Tok {
        let token = self.tokens[self.next].kind.clone();
        if token != Tok::End {
            self.next += 1;
        }
        token
    }

    fn at_op(&self, op: &str) -> bool {
        matches!(self.peek(), Tok::Op(o) if *o == op)
    }

    fn at_word(&self, word: &str) -> bool {
        matches!(self.peek(), Tok::Name(n) if n == word)
    }

    fn eat_op(&mut self, op: &str) -> bool {
        let found = self.at_op(op);
        if found {
            self.next += 1;
        }
        found
    }

    fn eat_word(&mut self, word: &str) -> bool {
        let found = self.at_word(word);
        if found {
            self.next += 1;
        }
        found
    }

    fn found(&self) -> String {
        match self.peek() {
            Tok::Name(name) => format!("\"{name}\""),
            Tok::Number(number) => number.clone(),
            Tok::Str { .. } => "a string".into(),
            Tok::Op(op) => format!("\"{op}\""),
            Tok::Newline => "the end of the line".into(),
            Tok::Indent => "an indented line".into(),
            Tok::Dedent | Tok::End => "the end of the block".into(),
        }
    }

    fn expect_op(&mut self, op: &str) -> Result<()> {
        if self.eat_op(op) {
            Ok(())
        } else {
            Err(error_at(
                self.pos(),
                format!("expected \"{op}\", found {}", self.found()),
            ))
        }
    }

    fn name(&mut self) -> Result<String> {
        match self.peek().clone() {
            Tok::Name(name) => {
                self.next += 1;
                Ok(name)
            }
            _ => Err(error_at(
                self.pos(),
                format!("expected a name, found {}", self.found()),
            )),
        }
    }

    /// The end of a line of statements.
    fn end_of_line(&mut self) -> Result<()> {
        match self.peek() {
            Tok::Dedent | Tok::End => Ok(()),
            Tok::Newline => {
                self.next += 1;
                Ok(())
            }
            _ => Err(error_at(
                self.pos(),
                format!("unexpected {} here", self.found()),
            )),
        }
    }

    /// One statement; a line of `;`-separated statements gives several.
    fn statement(&mut self) -> Result<Vec<Stmt>> {
        let pos = self.pos();
        if matches!(self.peek(), Tok::Indent) {
            return Err(error_at(
                pos,
                "unexpected indent (Python's IndentationError)",
            ));
        }
        let is_async = self.eat_word("async");
        let stmt = match self.peek().clone() {
            Tok::Name(word) if word == "def" => self.def(is_async, pos)?,
            Tok::Name(word) if word == "for" => self.for_loop(is_async, pos)?,
            Tok::Name(word) if word == "with" => self.with(is_async, pos)?,
            _ if is_async => {
                return Err(error_at(
                    self.pos(),
                    "expected def, for or with after \"async\"",
                ))
            }
            Tok::Name(word) if word == "if" => {
                self.next += 1;
                self.if_rest(pos)?
            }
            Tok::Name(word) if word == "try" => self.try_block()?,
            Tok::Name(word) if word == "import" || word == "from" => {
                while !matches!(self.peek(), Tok::Newline | Tok::End) && !self.at_op(";") {
                    self.next += 1;
                }
                if self.eat_op(";") && !matches!(self.peek(), Tok::Newline | Tok::Dedent | Tok::End)
                {
                    let mut rest = self.statement()?;
                    rest.insert(0, Stmt::Import);
                    return Ok(rest);
                }
                self.end_of_line()?;
                Stmt::Import
            }
            _ => {
                let mut simple = vec![self.simple()?];
                while self.eat_op(";")
                    && !matches!(self.peek(), Tok::Newline | Tok::Dedent | Tok::End)
                {
                    simple.push(self.simple()?);
                }
                self.end_of_line()?;
                return Ok(simple);
            }
        };
        Ok(vec![stmt])
    }

    /// A statement that fits on a line (up to its `;` or line end).
    fn simple(&mut self) -> Result<Stmt> {
        let pos = self.pos();
        let stmt = match self.peek().clone() {
            Tok::Name(word) if word == "pass" || word == "break" || word == "continue" => {
                self.next += 1;
                Stmt::Pass
            }
            Tok::Name(word) if word == "return" || word == "raise" => {
                self.next += 1;
                let value = if matches!(self.peek(), Tok::Newline | Tok::Dedent | Tok::End) || self.at_op(";") {
                    None
                } else {
                    Some(self.expr_list()?)
                };
                if word == "return" { Stmt::Return(value, pos) } else { Stmt::Raise(value, pos) }
            }
            Tok::Name(word) if UNSUPPORTED.contains(&word.as_str()) => {
                return Err(error_at(pos, format!("\"{word}\" is not part of the Python the playground reads (docs/python-import.md)")))
            }
            _ => {
                let value = self.expr_list()?;
                if self.eat_op("=") {
                    let target = match &value {
                        Expr::Name(name, _) => name.clone(),
                        Expr::Tuple(items, _) => match items.first() {
                            Some(Expr::Name(name, _)) => name.clone(),
                            _ => return Err(error_at(pos, "only names can be assigned to")),
                        },
                        _ => return Err(error_at(pos, "only names can be assigned to")),
                    };
                    let value = self.expr_list()?;
                    Stmt::Assign { target, value, pos }
                } else if self.at_op("+=") || self.at_op("-=") {
                    return Err(error_at(self.pos(), "\"+=\" and \"-=\" are not part of the Python the playground reads"));
                } else {
                    Stmt::Expr(value)
                }
            }
        };
        Ok(stmt)
    }

    /// `:` then an indented block, or statements on the same line.
    fn suite(&mut self) -> Result<Vec<Stmt>> {
        self.expect_op(":")?;
        if self.depth >= MAX_BLOCKS {
            return Err(error_at(
                self.pos(),
                format!("blocks are nested more than {MAX_BLOCKS} deep"),
            ));
        }
        self.depth += 1;
        let body = self.block_body();
        self.depth -= 1;
        body
    }

    fn block_body(&mut self) -> Result<Vec<Stmt>> {
        if !matches!(self.peek(), Tok::Newline) {
            return self.statement();
        }
        self.next += 1;
        if !matches!(self.peek(), Tok::Indent) {
            return Err(error_at(
                self.pos(),
                "expected an indented block (Python's IndentationError)",
            ));
        }
        self.next += 1;
        let mut body = Vec::new();
        while !matches!(self.peek(), Tok::Dedent | Tok::End) {
            body.extend(self.statement()?);
        }
        self.eat_dedent();
        Ok(body)
    }

    fn eat_dedent(&mut self) {
        if matches!(self.peek(), Tok::Dedent) {
            self.next += 1;
        }
    }

    fn def(&mut self, is_async: bool, pos: Pos) -> Result<Stmt> {
        self.next += 1;
        let name = self.name()?;
        self.expect_op("(")?;
        let mut params = Vec::new();
        while !self.eat_op(")") {
            if self.at_op("*") || self.at_op("**") {
                return Err(error_at(
                    self.pos(),
                    "*args and **kwargs are not part of the Python the playground reads",
                ));
            }
            params.push(self.name()?);
            if self.eat_op(":") {
                self.expr()?;
            }
            if self.eat_op("=") {
                self.expr()?;
            }
            if !self.eat_op(",") {
                self.expect_op(")")?;
                break;
            }
        }
        if self.eat_op("->") {
            self.expr()?;
        }
        let body = self.suite()?;
        Ok(Stmt::Def {
            name,
            params,
            is_async,
            body,
            pos,
        })
    }

    fn for_loop(&mut self, is_async: bool, pos: Pos) -> Result<Stmt> {
        self.next += 1;
        let var = self.name()?;
        if !self.eat_word("in") {
            return Err(error_at(
                self.pos(),
                "expected \"in\": a for loop over one name",
            ));
        }
        let iter = self.expr()?;
        let body = self.suite()?;
        if self.at_word("else") {
            return Err(error_at(
                self.pos(),
                "for … else is not part of the Python the playground reads",
            ));
        }
        Ok(Stmt::For {
            var,
            iter,
            body,
            is_async,
            pos,
        })
    }

    fn with(&mut self, is_async: bool, pos: Pos) -> Result<Stmt> {
        self.next += 1;
        let mut items = Vec::new();
        loop {
            let value = self.expr()?;
            let name = if self.eat_word("as") {
                Some(self.name()?)
            } else {
                None
            };
            items.push((value, name));
            if !self.eat_op(",") {
                break;
            }
        }
        let body = self.suite()?;
        Ok(Stmt::With {
            items,
            is_async,
            body,
            pos,
        })
    }

    /// `if` after its keyword; `elif` branches are read in a loop and
    /// nested from the last, so a long chain costs no depth.
    fn if_rest(&mut self, pos: Pos) -> Result<Stmt> {
        let mut branches = vec![(self.expr()?, self.suite()?, pos)];
        while self.at_word("elif") {
            let pos = self.pos();
            self.next += 1;
            branches.push((self.expr()?, self.suite()?, pos));
        }
        let mut orelse = if self.eat_word("else") {
            self.suite()?
        } else {
            Vec::new()
        };
        while let Some((test, body, pos)) = branches.pop() {
            orelse = vec![Stmt::If {
                test,
                body,
                orelse,
                pos,
            }];
        }
        Ok(orelse.pop().expect("one branch at least"))
    }

    fn try_block(&mut self) -> Result<Stmt> {
        let pos = self.pos();
        self.next += 1;
        let body = self.suite()?;
        while self.eat_word("except") {
            if !self.at_op(":") {
                self.expr()?;
                if self.eat_word("as") {
                    self.name()?;
                }
            }
            self.suite()?;
        }
        if self.eat_word("else") {
            return Err(error_at(
                self.pos(),
                "try … else is not part of the Python the playground reads",
            ));
        }
        let finally = if self.eat_word("finally") {
            self.suite()?
        } else {
            Vec::new()
        };
        Ok(Stmt::Try { body, finally, pos })
    }
}

mod expressions;

#[cfg(test)]
mod tests;
