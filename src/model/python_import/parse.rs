//! Reads tokens into statements: the statements and expressions asyncio
//! examples are written with; anything else is an error naming it.

use super::ast::{Arg, Expr, FPart, Stmt};
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

    /// Expressions separated by commas: one, or a tuple.
    fn expr_list(&mut self) -> Result<Expr> {
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

    fn star_or_expr(&mut self) -> Result<Expr> {
        let pos = self.pos();
        if self.eat_op("*") {
            return Ok(Expr::Starred(Box::new(self.expr()?), pos));
        }
        self.expr()
    }

    /// An expression: comparisons, `not`, `and`/`or` and conditionals are
    /// read but not looked into.
    fn expr(&mut self) -> Result<Expr> {
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

    fn arith(&mut self) -> Result<Expr> {
        let mut left = self.term()?;
        while let Tok::Op(op @ ("+" | "-")) = self.peek().clone() {
            let pos = left.pos();
            self.next += 1;
            let right = self.term()?;
            left = Expr::BinOp(Box::new(left), op, Box::new(right), pos);
        }
        Ok(left)
    }

    fn term(&mut self) -> Result<Expr> {
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

    fn factor(&mut self) -> Result<Expr> {
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

    fn await_expr(&mut self) -> Result<Expr> {
        let pos = self.pos();
        if self.eat_word("await") {
            return Ok(Expr::Await(Box::new(self.primary()?), pos));
        }
        self.primary()
    }

    fn primary(&mut self) -> Result<Expr> {
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
    fn skip_to_close(&mut self, close: &str) -> Result<()> {
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

    fn call_args(&mut self) -> Result<Vec<Arg>> {
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

    fn comprehension(&mut self, elt: Expr, pos: Pos) -> Result<Expr> {
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

    fn atom(&mut self) -> Result<Expr> {
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
            Tok::Str { value, f } => {
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
            Tok::Op("(") => {
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
            Tok::Op("[") => {
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

#[cfg(test)]
mod tests;
