//! The statements and expressions of the Python the importer reads: a
//! small part of Python's grammar, each node with where it was written.

use crate::model::parse_error::Pos;

/// A statement.
#[derive(Debug, Clone, PartialEq)]
pub enum Stmt {
    /// `def` or `async def` at any level.
    Def {
        name: String,
        params: Vec<String>,
        is_async: bool,
        body: Vec<Stmt>,
        pos: Pos,
    },
    /// `import …` and `from … import …`: nothing to run.
    Import,
    /// `name = value` (or `a, b = …`, kept as its first name).
    Assign {
        target: String,
        value: Expr,
        pos: Pos,
    },
    Expr(Expr),
    Return(Option<Expr>, Pos),
    Raise(Option<Expr>, Pos),
    /// `if test:` with its body (the else branch, if any, is `orelse`).
    If {
        test: Expr,
        body: Vec<Stmt>,
        orelse: Vec<Stmt>,
        pos: Pos,
    },
    For {
        var: String,
        iter: Expr,
        body: Vec<Stmt>,
        is_async: bool,
        pos: Pos,
    },
    /// `with` / `async with a as b, …:`.
    With {
        items: Vec<(Expr, Option<String>)>,
        is_async: bool,
        body: Vec<Stmt>,
        pos: Pos,
    },
    /// `try:` with its `finally` (its `except` bodies are read, not kept:
    /// nothing the importer reads raises).
    Try {
        body: Vec<Stmt>,
        finally: Vec<Stmt>,
        pos: Pos,
    },
    Pass,
}

/// An expression.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    Name(String, Pos),
    Number(String, Pos),
    Str(String, Pos),
    /// An f-string: literal parts and the expressions between braces.
    FStr(Vec<FPart>, Pos),
    Attr(Box<Expr>, String, Pos),
    Call {
        func: Box<Expr>,
        args: Vec<Arg>,
        pos: Pos,
    },
    Await(Box<Expr>, Pos),
    List(Vec<Expr>, Pos),
    Tuple(Vec<Expr>, Pos),
    /// `[elt for var in iter]` (and the same in parentheses).
    Comp {
        elt: Box<Expr>,
        var: String,
        iter: Box<Expr>,
        pos: Pos,
    },
    /// `*value` in a call or a list.
    Starred(Box<Expr>, Pos),
    BinOp(Box<Expr>, &'static str, Box<Expr>, Pos),
    /// Any other expression the importer never needs to look into:
    /// comparisons, subscripts, `lambda`, dicts.
    Other(Pos),
}

/// A call's argument: positional, or `name=value`.
#[derive(Debug, Clone, PartialEq)]
pub struct Arg {
    pub name: Option<String>,
    pub value: Expr,
}

/// A piece of an f-string.
#[derive(Debug, Clone, PartialEq)]
pub enum FPart {
    Text(String),
    Value(Expr),
}

impl Expr {
    /// Where the expression starts.
    pub fn pos(&self) -> Pos {
        match self {
            Expr::Name(_, pos)
            | Expr::Number(_, pos)
            | Expr::Str(_, pos)
            | Expr::FStr(_, pos)
            | Expr::Attr(_, _, pos)
            | Expr::Call { pos, .. }
            | Expr::Await(_, pos)
            | Expr::List(_, pos)
            | Expr::Tuple(_, pos)
            | Expr::Comp { pos, .. }
            | Expr::Starred(_, pos)
            | Expr::BinOp(_, _, _, pos)
            | Expr::Other(pos) => *pos,
        }
    }

    /// The dotted name an expression spells (`asyncio.sleep`), if it is one.
    pub fn dotted(&self) -> Option<String> {
        match self {
            Expr::Name(name, _) => Some(name.clone()),
            Expr::Attr(base, attr, _) => base.dotted().map(|base| format!("{base}.{attr}")),
            _ => None,
        }
    }
}
