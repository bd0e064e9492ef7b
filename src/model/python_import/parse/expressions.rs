//! Reads expressions: names, calls, awaits, arithmetic, comparisons,
//! literals and f-strings (each value in braces read as an expression of
//! its own), tuples, lists, dicts and comprehensions.

use super::super::ast::{Arg, Expr, FPart};
use super::{Parser, MAX_BLOCKS};
use crate::model::parse_error::{error_at, Pos, Result};
use crate::model::python_import::lex::{tokens, Tok};

impl Parser {
    /// Expressions separated by commas: one, or a tuple.
    pub(super) fn expr_list(&mut self) -> Result<Expr> {
        let pos = self.pos();
        let first = self.star_or_expr()?;
        if !self.at_op(",") {
            return Ok(first);
        }
        let mut items = vec![first];
        while self.eat_op(",") {
            if matches!(self.peek(), Tok::Newline | Tok::End) || self.at_op("=") || self.at_op(")")
            {
                break;
            }
            items.push(self.star_or_expr()?);
        }
        Ok(Expr::Tuple(items, pos))
    }

    pub(super) fn star_or_expr(&mut self) -> Result<Expr> {
        let pos = self.pos();
        if self.eat_op("*") {
            return Ok(Expr::Starred(Box::new(self.expr()?), pos));
        }
        self.expr()
    }

    /// An expression: comparisons, `not`, `and`/`or` and conditionals are
    /// read but not looked into.
    pub(super) fn expr(&mut self) -> Result<Expr> {
        let pos = self.pos();
        if self.at_word("lambda") {
            return Err(error_at(
                pos,
                "lambda is not part of the Python the playground reads; write a def",
            ));
        }
        let mut other = self.eat_word("not");
        let mut value = self.arith()?;
        // One `a == b` is kept (the `__name__` guard is one); any other
        // comparison is read, not looked into.
        if !other && self.at_op("==") {
            self.next += 1;
            let right = self.arith()?;
            let pos = value.pos();
            value = Expr::BinOp(Box::new(value), "==", Box::new(right), pos);
            let more = ["==", "!=", "<", ">", "<=", ">="]
                .iter()
                .any(|op| self.at_op(op))
                || ["and", "or", "in", "is", "not", "if", "else"]
                    .iter()
                    .any(|w| self.at_word(w));
            if !more {
                return Ok(value);
            }
        }
        loop {
            let compare = ["==", "!=", "<", ">", "<=", ">="]
                .iter()
                .any(|op| self.at_op(op));
            let word = ["and", "or", "in", "is", "not", "if", "else"]
                .iter()
                .any(|w| self.at_word(w));
            if !(compare || word) {
                break;
            }
            self.next += 1;
            other = true;
            if !self.at_word("not") {
                value = self.arith()?;
            }
        }
        Ok(if other { Expr::Other(pos) } else { value })
    }

    pub(super) fn arith(&mut self) -> Result<Expr> {
        let mut left = self.term()?;
        while let Tok::Op(op @ ("+" | "-")) = self.peek().clone() {
            let pos = left.pos();
            self.next += 1;
            let right = self.term()?;
            left = Expr::BinOp(Box::new(left), op, Box::new(right), pos);
        }
        Ok(left)
    }

    pub(super) fn term(&mut self) -> Result<Expr> {
        let mut left = self.factor()?;
        while let Tok::Op(op @ ("*" | "/" | "%" | "@")) = self.peek().clone() {
            let pos = left.pos();
            self.next += 1;
            if op == "/" && self.eat_op("/") {
                let right = self.factor()?;
                left = Expr::BinOp(Box::new(left), "//", Box::new(right), pos);
                continue;
            }
            let right = self.factor()?;
            left = Expr::BinOp(Box::new(left), op, Box::new(right), pos);
        }
        Ok(left)
    }

    pub(super) fn factor(&mut self) -> Result<Expr> {
        let pos = self.pos();
        let mut negative = false;
        while let Tok::Op(op @ ("-" | "+")) = self.peek().clone() {
            negative ^= op == "-";
            self.next += 1;
        }
        let mut value = self.await_expr()?;
        while self.eat_op("**") {
            self.await_expr()?;
            value = Expr::Other(pos);
        }
        Ok(match value {
            Expr::Number(n, _) if negative => Expr::Number(format!("-{n}"), pos),
            _ if negative => Expr::Other(pos),
            value => value,
        })
    }

    pub(super) fn await_expr(&mut self) -> Result<Expr> {
        let pos = self.pos();
        if self.eat_word("await") {
            return Ok(Expr::Await(Box::new(self.primary()?), pos));
        }
        self.primary()
    }

    pub(super) fn primary(&mut self) -> Result<Expr> {
        let mut value = self.atom()?;
        loop {
            if self.eat_op(".") {
                let attr = self.name()?;
                let pos = value.pos();
                value = Expr::Attr(Box::new(value), attr, pos);
            } else if self.eat_op("(") {
                let args = self.call_args()?;
                let pos = value.pos();
                value = Expr::Call {
                    func: Box::new(value),
                    args,
                    pos,
                };
            } else if self.eat_op("[") {
                self.skip_to_close("]")?;
                value = Expr::Other(value.pos());
            } else {
                return Ok(value);
            }
        }
    }

    /// Skips to the bracket that closes the one just read.
    pub(super) fn skip_to_close(&mut self, close: &str) -> Result<()> {
        let mut depth = 1;
        loop {
            match self.bump() {
                Tok::Op("(" | "[" | "{") => depth += 1,
                Tok::Op(op @ (")" | "]" | "}")) => {
                    depth -= 1;
                    if depth == 0 {
                        return if op == close {
                            Ok(())
                        } else {
                            Err(error_at(
                                self.tokens[self.next - 1].pos,
                                format!("expected \"{close}\", found \"{op}\""),
                            ))
                        };
                    }
                }
                Tok::End => return Err(error_at(self.pos(), format!("expected \"{close}\""))),
                _ => {}
            }
        }
    }

    pub(super) fn call_args(&mut self) -> Result<Vec<Arg>> {
        let mut args = Vec::new();
        while !self.eat_op(")") {
            let pos = self.pos();
            let arg = if self.eat_op("**") {
                self.expr()?;
                Arg {
                    name: None,
                    value: Expr::Other(pos),
                }
            } else if matches!(self.peek(), Tok::Name(_))
                && matches!(self.tokens[self.next + 1].kind, Tok::Op("="))
            {
                let name = self.name()?;
                self.next += 1;
                Arg {
                    name: Some(name),
                    value: self.expr()?,
                }
            } else {
                let value = self.star_or_expr()?;
                if self.at_word("for") {
                    let value = self.comprehension(value, pos)?;
                    self.expect_op(")")?;
                    args.push(Arg { name: None, value });
                    return Ok(args);
                }
                Arg { name: None, value }
            };
            args.push(arg);
            if !self.eat_op(",") {
                self.expect_op(")")?;
                break;
            }
        }
        Ok(args)
    }

    pub(super) fn comprehension(&mut self, elt: Expr, pos: Pos) -> Result<Expr> {
        self.next += 1;
        let var = self.name()?;
        if !self.eat_word("in") {
            return Err(error_at(self.pos(), "expected \"in\" in a comprehension"));
        }
        let iter = self.arith()?;
        if self.at_word("for") {
            return Err(error_at(
                self.pos(),
                "a comprehension with a second for is not part of the Python the playground reads",
            ));
        }
        if self.eat_word("if") {
            // A filtered comprehension is read, not looked into.
            self.expr()?;
            return Ok(Expr::Other(pos));
        }
        Ok(Expr::Comp {
            elt: Box::new(elt),
            var,
            iter: Box::new(iter),
            pos,
        })
    }

    pub(super) fn atom(&mut self) -> Result<Expr> {
        let pos = self.pos();
        if matches!(
            self.peek(),
            Tok::Newline | Tok::Indent | Tok::Dedent | Tok::End
        ) {
            return Err(error_at(
                pos,
                format!("expected an expression, found {}", self.found()),
            ));
        }
        match self.bump() {
            Tok::Name(name) => Ok(Expr::Name(name, pos)),
            Tok::Number(number) => Ok(Expr::Number(number, pos)),
            Tok::Str { value, f } => self.strings(value, f, pos),
            Tok::Op("(") => self.parenthesized(pos),
            Tok::Op("[") => self.list(pos),
            Tok::Op("{") => {
                self.skip_to_close("}")?;
                Ok(Expr::Other(pos))
            }
            Tok::Op(op) => Err(error_at(
                pos,
                format!("expected an expression, found \"{op}\""),
            )),
            _ => unreachable!("the end of a line or block was turned away above"),
        }
    }

    /// A string and the strings written right after it, joined: a text, or
    /// an f-string's texts and values.
    fn strings(&mut self, value: String, f: bool, pos: Pos) -> Result<Expr> {
        let mut parts = fstring_parts(&value, f, pos)?;
        while let Tok::Str { value, f } = self.peek().clone() {
            let at = self.pos();
            self.next += 1;
            parts.extend(fstring_parts(&value, f, at)?);
        }
        Ok(match parts.as_slice() {
            [] => Expr::Str(String::new(), pos),
            [FPart::Text(text)] => Expr::Str(text.clone(), pos),
            _ if parts.iter().all(|p| matches!(p, FPart::Text(_))) => Expr::Str(
                parts
                    .iter()
                    .map(|p| match p {
                        FPart::Text(t) => t.as_str(),
                        FPart::Value(_) => "",
                    })
                    .collect(),
                pos,
            ),
            _ => Expr::FStr(parts, pos),
        })
    }

    /// After `(`: an empty tuple, a generator, an expression in parentheses
    /// or a tuple.
    fn parenthesized(&mut self, pos: Pos) -> Result<Expr> {
        if self.eat_op(")") {
            return Ok(Expr::Tuple(Vec::new(), pos));
        }
        let first = self.star_or_expr()?;
        if self.at_word("for") {
            let comp = self.comprehension(first, pos)?;
            self.expect_op(")")?;
            return Ok(comp);
        }
        if self.eat_op(")") {
            return Ok(first);
        }
        let mut items = vec![first];
        while self.eat_op(",") {
            if self.at_op(")") {
                break;
            }
            items.push(self.star_or_expr()?);
        }
        self.expect_op(")")?;
        Ok(Expr::Tuple(items, pos))
    }

    /// After `[`: a list or a list comprehension.
    fn list(&mut self, pos: Pos) -> Result<Expr> {
        let mut items = Vec::new();
        while !self.eat_op("]") {
            let item = self.star_or_expr()?;
            if self.at_word("for") {
                let comp = self.comprehension(item, pos)?;
                self.expect_op("]")?;
                return Ok(comp);
            }
            items.push(item);
            if !self.eat_op(",") {
                self.expect_op("]")?;
                break;
            }
        }
        Ok(Expr::List(items, pos))
    }
}

/// The parts of a string: one text, or for an f-string the texts and the
/// expressions in its braces (a `!r` or `:spec` after one is dropped).
fn fstring_parts(value: &str, f: bool, pos: Pos) -> Result<Vec<FPart>> {
    if !f {
        return Ok(vec![FPart::Text(value.to_string())]);
    }
    let mut parts = Vec::new();
    let mut text = String::new();
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                text.push('{');
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
                text.push('}');
            }
            '{' => {
                let mut inner = String::new();
                let mut depth = 0;
                loop {
                    match chars.next() {
                        None => return Err(error_at(pos, "an f-string's { has no closing }")),
                        Some('}') if depth == 0 => break,
                        Some(c) => {
                            depth += i32::from(matches!(c, '(' | '[' | '{'))
                                - i32::from(matches!(c, ')' | ']' | '}'));
                            inner.push(c);
                        }
                    }
                }
                let unread = || {
                    error_at(
                        pos,
                        format!("cannot read {{{inner}}} in this f-string: write {{name}}"),
                    )
                };
                let (expr_text, rest) = split_replacement(&inner);
                if !rest.is_empty() || expr_text.trim_end().ends_with('=') {
                    return Err(error_at(pos, format!("{{{inner}}}: f-string formats (=, !r, :spec) are not read; write {{name}}")));
                }
                let mut parser = Parser {
                    tokens: tokens(expr_text).map_err(|_| unread())?,
                    next: 0,
                    depth: MAX_BLOCKS,
                };
                let expr = parser.expr().map_err(|_| unread())?;
                if !matches!(parser.peek(), Tok::Newline | Tok::End) {
                    return Err(unread());
                }
                if !text.is_empty() {
                    parts.push(FPart::Text(std::mem::take(&mut text)));
                }
                parts.push(FPart::Value(expr_at(expr, pos)));
            }
            c => text.push(c),
        }
    }
    if !text.is_empty() {
        parts.push(FPart::Text(text));
    }
    Ok(parts)
}

/// A replacement field's expression, and what follows it (`!r`, `:spec`):
/// the first `!` (not `!=`) or `:` outside brackets ends the expression.
fn split_replacement(inner: &str) -> (&str, &str) {
    let mut depth = 0i32;
    let bytes = inner.as_bytes();
    for (at, &b) in bytes.iter().enumerate() {
        match b {
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' => depth -= 1,
            b'!' if depth == 0 && bytes.get(at + 1) != Some(&b'=') => return inner.split_at(at),
            b':' if depth == 0 => return inner.split_at(at),
            _ => {}
        }
    }
    (inner, "")
}

/// `expr` read from inside an f-string, placed at the string's position.
fn expr_at(expr: Expr, pos: Pos) -> Expr {
    match expr {
        Expr::Name(name, _) => Expr::Name(name, pos),
        Expr::Number(number, _) => Expr::Number(number, pos),
        Expr::Str(text, _) => Expr::Str(text, pos),
        Expr::BinOp(left, op, right, _) => Expr::BinOp(
            Box::new(expr_at(*left, pos)),
            op,
            Box::new(expr_at(*right, pos)),
            pos,
        ),
        Expr::Attr(inner, name, _) => Expr::Attr(Box::new(expr_at(*inner, pos)), name, pos),
        Expr::Call { func, args, .. } => Expr::Call {
            func: Box::new(expr_at(*func, pos)),
            args: args
                .into_iter()
                .map(|arg| Arg {
                    value: expr_at(arg.value, pos),
                    ..arg
                })
                .collect(),
            pos,
        },
        _ => Expr::Other(pos),
    }
}
