//! The shapes of Python the reader looks for: the main guard, entry calls,
//! task calls, ranges, selectors, timeouts and what a statement shows.

use std::collections::HashMap;

use super::super::ast::{Arg, Expr, FPart, Stmt};
use super::texts::amount_of;
use super::{Bound, Reading};
use crate::model::parse_error::{error_at, Pos, Result};
use crate::model::program::Step;

/// `__name__ == "__main__"`, either way round.
pub(super) fn is_main_guard(test: &Expr) -> bool {
    let Expr::BinOp(left, "==", right, _) = test else {
        return false;
    };
    let name = |e: &Expr| matches!(e, Expr::Name(n, _) if n == "__name__");
    let main = |e: &Expr| matches!(e, Expr::Str(s, _) if s == "__main__");
    (name(left) && main(right)) || (main(left) && name(right))
}

/// What `asyncio.run(x)` or `loop.run_until_complete(x)` runs.
pub(super) fn entry_of(expr: &Expr) -> Option<&Expr> {
    let Expr::Call { func, args, .. } = expr else {
        return None;
    };
    let name = func.dotted()?;
    let runs = name == "asyncio.run" || name.ends_with(".run_until_complete");
    match args.as_slice() {
        [Arg { name: None, value }] if runs => Some(value),
        _ => None,
    }
}

pub(super) fn call_name(expr: &Expr) -> Option<String> {
    match expr {
        Expr::Call { func, .. } => func.dotted(),
        _ => None,
    }
}

/// The coroutine call inside `asyncio.create_task(…)` / `ensure_future(…)`
/// (and true), or the call itself (and false).
/// (A `name=` given to the task is its name in the trace, which the
/// program's own naming gives back.)
pub(super) fn task_call(expr: &Expr) -> (&Expr, bool) {
    match expr {
        Expr::Call { func, args, .. }
            if matches!(
                func.dotted().as_deref(),
                Some("asyncio.create_task" | "asyncio.ensure_future")
            ) =>
        {
            match args.as_slice() {
                [call] | [call, Arg { name: Some(_), .. }] if call.name.is_none() => {
                    (&call.value, true)
                }
                _ => (expr, false),
            }
        }
        other => (other, false),
    }
}

/// Whether `stmt` only reports results (prints, and loops of prints), as
/// the end of a `main` does after it has awaited its tasks: the program's
/// `main` reports them itself.
pub(super) fn reports(stmt: &Stmt) -> bool {
    match stmt {
        Stmt::Expr(expr) => call_name(expr).as_deref() == Some("print"),
        Stmt::For { body, .. } => body.iter().all(reports),
        // Picking the first task done: `winner = next(t for t in tasks if t in done)`.
        Stmt::Assign { value, .. } => call_name(value).as_deref() == Some("next"),
        _ => false,
    }
}

/// `range(N)` or `range(1, N + 1)`-like: the first value (0 or 1) and the count.
pub(super) fn range_of(iter: &Expr) -> Result<(u32, u32)> {
    let bad = || error_at(iter.pos(), "loop over range(N) or range(1, N)");
    let Expr::Call { func, args, .. } = iter else {
        return Err(bad());
    };
    if func.dotted().as_deref() != Some("range") {
        return Err(bad());
    }
    let number = |e: &Expr| match e {
        Expr::Number(n, _) => n.parse::<u32>().map_err(|_| bad()),
        _ => Err(bad()),
    };
    let (first, end) = match args.as_slice() {
        [end] => (0, number(&end.value)?),
        [start, end] => (number(&start.value)?, number(&end.value)?),
        _ => return Err(bad()),
    };
    if first > 1 || end <= first {
        return Err(error_at(
            iter.pos(),
            "loop over range(N) or range(1, N): the playground numbers copies from 0 or 1",
        ));
    }
    Ok((first, end - first))
}

/// `soup.select(".css")` (or lxml's `tree.cssselect(".css")`) of a page
/// fetched in `reading`: the selector goes into that fetch step, whose
/// position this is.
pub(super) fn select(call: &Expr, reading: &mut Reading) -> Result<usize> {
    let Expr::Call { func, args, pos } = call else {
        return Err(error_at(call.pos(), "select with soup.select(\".css\")"));
    };
    let (
        Expr::Attr(soup, _, _),
        [Arg {
            name: None,
            value: Expr::Str(css, _),
        }],
    ) = (func.as_ref(), args.as_slice())
    else {
        return Err(error_at(
            *pos,
            "select with one CSS selector: soup.select(\".css\")",
        ));
    };
    let at = match soup.as_ref() {
        Expr::Name(soup, _) => match reading.bound.get(soup) {
            Some(Bound::Fetched(at)) => *at,
            _ => return Err(error_at(*pos, format!("{soup} is not a page fetched here"))),
        },
        _ => return Err(error_at(*pos, "select from a name: soup.select(\".css\")")),
    };
    match reading.steps.get_mut(at) {
        Some(Step::Fetch {
            select: select @ None,
            ..
        }) => *select = Some(css.clone()),
        _ => {
            return Err(error_at(
                *pos,
                "one select per page fetched: the playground's fetch takes one CSS selector",
            ))
        }
    }
    Ok(at)
}

/// Whether a `for` loops over what a selector picked: a name kept from
/// `soup.select(…)`, or the call itself (whose selector goes into its fetch).
pub(super) fn picked(iter: &Expr, reading: &mut Reading) -> Result<bool> {
    match iter {
        Expr::Name(name, _) => Ok(matches!(reading.bound.get(name), Some(Bound::Selected(_)))),
        Expr::Call { func, .. } if matches!(func.as_ref(), Expr::Attr(_, method, _) if method == "select" || method == "cssselect") => {
            select(iter, reading).map(|_| true)
        }
        _ => Ok(false),
    }
}

/// The ms of a timeout of `seconds`.
pub(super) fn timeout_ms(seconds: &Expr) -> Result<u32> {
    let ms = amount_of(seconds, &HashMap::new())?;
    if ms.per_copy != 0 || ms.base == 0 {
        return Err(error_at(
            seconds.pos(),
            "the timeout is a number of seconds above 0",
        ));
    }
    Ok(ms.base)
}

/// The fetch step whose response `call` reads: `response.text()`,
/// `.read()` or `.json()`.
pub(super) fn fetched_read(call: &Expr, bound: &HashMap<String, Bound>) -> Option<usize> {
    let Expr::Call { func, args, .. } = call else {
        return None;
    };
    let Expr::Attr(response, method, _) = func.as_ref() else {
        return None;
    };
    let Expr::Name(response, _) = response.as_ref() else {
        return None;
    };
    match bound.get(response) {
        Some(Bound::Fetched(at))
            if args.is_empty() && ["text", "read", "json"].contains(&method.as_str()) =>
        {
            Some(*at)
        }
        _ => None,
    }
}

/// Whether `expr` shows something a fetch got (`response.status`,
/// `len(lis)`, `text`): the log's fetched line shows it instead.
pub(super) fn mentions_fetched(expr: &Expr, bound: &HashMap<String, Bound>) -> bool {
    match expr {
        Expr::Name(name, _) => matches!(
            bound.get(name),
            Some(Bound::Fetched(_) | Bound::Selected(_))
        ),
        Expr::Attr(inner, ..) => mentions_fetched(inner, bound),
        Expr::Call { func, args, .. } => {
            mentions_fetched(func, bound) || args.iter().any(|a| mentions_fetched(&a.value, bound))
        }
        Expr::BinOp(left, _, right, _) => {
            mentions_fetched(left, bound) || mentions_fetched(right, bound)
        }
        Expr::Tuple(items, _) => items.iter().any(|item| mentions_fetched(item, bound)),
        Expr::FStr(parts, _) => parts
            .iter()
            .any(|part| matches!(part, FPart::Value(value) if mentions_fetched(value, bound))),
        _ => false,
    }
}

/// Whether `stmt`, in a loop over what a selector picked, only shows the
/// item `var` (`print(li.get_text())`) or does nothing.
pub(super) fn shows(stmt: &Stmt, var: &str) -> bool {
    fn of_item(expr: &Expr, var: &str) -> bool {
        match expr {
            Expr::Name(name, _) => name == var,
            Expr::Attr(inner, ..) => of_item(inner, var),
            Expr::Call { func, .. } => of_item(func, var),
            _ => false,
        }
    }
    match stmt {
        Stmt::Pass => true,
        Stmt::Expr(Expr::Call { func, args, .. }) => {
            func.dotted().as_deref() == Some("print") && args.iter().all(|a| of_item(&a.value, var))
        }
        _ => false,
    }
}

/// What a callback given to `call_soon` prints: `print, "a", b` or
/// `functools.partial(print, "a", b)`.
pub(super) fn printed_by<'a>(values: &[&'a Expr]) -> Option<Vec<&'a Expr>> {
    match values {
        [Expr::Name(print, _), rest @ ..] if print == "print" => Some(rest.to_vec()),
        [Expr::Call { func, args, .. }]
            if matches!(
                func.dotted().as_deref(),
                Some("functools.partial" | "partial")
            ) && args.iter().all(|a| a.name.is_none()) =>
        {
            let (callback, rest) = args.split_first()?;
            (callback.value.dotted().as_deref() == Some("print"))
                .then(|| rest.iter().map(|a| &a.value).collect())
        }
        _ => None,
    }
}

pub(super) fn single<'a>(values: &[&'a Expr], pos: Pos) -> Result<&'a Expr> {
    match values {
        [value] => Ok(value),
        _ => Err(error_at(pos, "expected one argument")),
    }
}
