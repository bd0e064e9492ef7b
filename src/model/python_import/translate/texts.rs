//! Amounts and texts: a step's number from an expression, and a print's
//! text from f-strings, `%` and `format`.

use std::collections::HashMap;

use super::super::ast::{Expr, FPart, Stmt};
use super::Bound;
use crate::model::parse_error::{error_at, Pos, Result};
use crate::model::program::{Amount, Segment, Text};

/// Seconds as written (`3`, `0.5`, `n`, `(900 - 100 * i) / 1000`) in whole
/// ms, read with integers: Rust's float parser would weigh more than the
/// importer.
pub(super) fn amount_of(expr: &Expr, bound: &HashMap<String, Bound>) -> Result<Amount> {
    let unread = || {
        error_at(expr.pos(), "write a number of seconds, or one that grows with the task's number, like (900 - 100 * i) / 1000")
    };
    let (base, per) = linear(expr, bound).ok_or_else(unread)?;
    // Millionths of a second to whole ms.
    if base % 1000 != 0 || per % 1000 != 0 {
        return Err(error_at(expr.pos(), "sleeps here are whole milliseconds"));
    }
    let (base, per) = (base / 1000, per / 1000);
    if !(0..=60_000).contains(&base) || per.abs() > 60_000 {
        return Err(error_at(expr.pos(), "sleeps are from 0 to 60 seconds here"));
    }
    Ok(Amount {
        base: base as u32,
        per_copy: per as i32,
    })
}

/// `expr` as `base + per * i` in millionths, `i` the copy index: numbers,
/// the task's number, and `+`, `-`, `*` and `/` by a number, exactly.
pub(super) fn linear(expr: &Expr, bound: &HashMap<String, Bound>) -> Option<(i64, i64)> {
    const ONE: i64 = 1_000_000;
    match expr {
        Expr::Number(n, _) => {
            let (negative, digits) = n
                .strip_prefix('-')
                .map_or((false, n.as_str()), |d| (true, d));
            let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
            let all_digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
            if !all_digits(whole)
                || !all_digits(fraction)
                || fraction.len() > 6
                || whole.len() > 9
                || (whole.is_empty() && fraction.is_empty())
            {
                return None;
            }
            let whole: i64 = if whole.is_empty() {
                0
            } else {
                whole.parse().ok()?
            };
            let fraction: i64 = format!("{fraction:0<6}").parse().ok()?;
            let value = whole * ONE + fraction;
            Some((if negative { -value } else { value }, 0))
        }
        Expr::Name(name, _) => match bound.get(name) {
            Some(Bound::Copy { first }) => Some((i64::from(*first) * ONE, ONE)),
            _ => None,
        },
        Expr::BinOp(left, op, right, _) => {
            let (a, b) = (linear(left, bound)?, linear(right, bound)?);
            match *op {
                "+" => Some((a.0.checked_add(b.0)?, a.1.checked_add(b.1)?)),
                "-" => Some((a.0.checked_sub(b.0)?, a.1.checked_sub(b.1)?)),
                "*" if a.1 == 0 || b.1 == 0 => {
                    let (k, (c, d)) = if a.1 == 0 { (a.0, b) } else { (b.0, a) };
                    let scale = |v: i64| v.checked_mul(k).filter(|p| p % ONE == 0).map(|p| p / ONE);
                    Some((scale(c)?, scale(d)?))
                }
                "/" if b.1 == 0 && b.0 != 0 => {
                    let divide =
                        |v: i64| v.checked_mul(ONE).filter(|p| p % b.0 == 0).map(|p| p / b.0);
                    Some((divide(a.0)?, divide(a.1)?))
                }
                _ => None,
            }
        }
        _ => None,
    }
}

/// The text `print` shows for `values` (joined with spaces), with
/// placeholders for the task's number and awaited results.
pub(super) fn text_of(values: &[&Expr], bound: &HashMap<String, Bound>) -> Result<Text> {
    let mut segments = Vec::new();
    for (at, value) in values.iter().enumerate() {
        if at > 0 {
            segments.push(Segment::Literal(" ".into()));
        }
        match value {
            Expr::Str(text, _) => segments.push(Segment::Literal(text.clone())),
            Expr::Number(number, pos) => {
                let plain = number == "0"
                    || (!number.starts_with('0') && number.bytes().all(|b| b.is_ascii_digit()));
                if !plain {
                    return Err(error_at(*pos, format!("write {number} as Python prints it: only whole numbers like 15 are shown as written")));
                }
                segments.push(Segment::Literal(number.clone()));
            }
            Expr::FStr(parts, _) => {
                for part in parts {
                    match part {
                        FPart::Text(text) => segments.push(Segment::Literal(text.clone())),
                        FPart::Value(expr) => segments.extend(name_segments(expr, bound)?),
                    }
                }
            }
            Expr::Tuple(items, _) => {
                // As Python shows a tuple: strings quoted, numbers not.
                segments.push(Segment::Literal("(".into()));
                for (at, item) in items.iter().enumerate() {
                    if at > 0 {
                        segments.push(Segment::Literal(", ".into()));
                    }
                    let quote = if matches!(item, Expr::Number(..)) {
                        ""
                    } else {
                        "'"
                    };
                    segments.push(Segment::Literal(quote.into()));
                    segments.extend(text_of(&[item], bound)?.0);
                    segments.push(Segment::Literal(quote.into()));
                }
                segments.push(Segment::Literal(")".into()));
            }
            Expr::BinOp(format, "%", values, pos) if matches!(format.as_ref(), Expr::Str(..)) => {
                let values: Vec<&Expr> = match values.as_ref() {
                    Expr::Tuple(items, _) => items.iter().collect(),
                    one => vec![one],
                };
                segments.extend(percent_formatted(&string_of(format), &values, *pos, bound)?);
            }
            Expr::Call { func, args, pos } if matches!(func.as_ref(), Expr::Attr(format, method, _) if method == "format" && matches!(format.as_ref(), Expr::Str(..))) =>
            {
                let format = match func.as_ref() {
                    Expr::Attr(format, ..) => string_of(format),
                    _ => String::new(),
                };
                if let Some(named) = args.iter().find(|a| a.name.is_some()) {
                    return Err(error_at(
                        named.value.pos(),
                        "format() with names is not read: write {} and pass the values in order",
                    ));
                }
                let values: Vec<&Expr> = args.iter().map(|a| &a.value).collect();
                segments.extend(formatted(&format, &values, *pos, bound)?);
            }
            other => segments.extend(name_segments(other, bound)?),
        }
    }
    Ok(Text(merge(segments)))
}

pub(super) fn name_segments(expr: &Expr, bound: &HashMap<String, Bound>) -> Result<Vec<Segment>> {
    // `i + 1` from 0, or `i - 1` from 1: the task's number counted from 1
    // or from 0 (`{n}`, `{i}`).
    const ONE: i64 = 1_000_000;
    if matches!(expr, Expr::BinOp(..)) && integral(expr) {
        match linear(expr, bound) {
            Some((0, ONE)) => return Ok(vec![Segment::CopyIndex]),
            Some((ONE, ONE)) => return Ok(vec![Segment::CopyNumber]),
            // Arithmetic of whole numbers: `{2 * 3}` shows 6.
            Some((value, 0)) if value % ONE == 0 => {
                return Ok(vec![Segment::Literal((value / ONE).to_string())])
            }
            _ => {}
        }
    }
    if matches!(expr, Expr::BinOp(..)) && !integral(expr) {
        return Err(error_at(
            expr.pos(),
            "this arithmetic makes a float, which Python shows with a point (2.0): write the number to show",
        ));
    }
    let Expr::Name(name, pos) = expr else {
        return Err(error_at(
            expr.pos(),
            "only names, strings and numbers can be shown here",
        ));
    };
    match bound.get(name) {
        Some(Bound::Copy { first: 0 }) => Ok(vec![Segment::CopyIndex]),
        Some(Bound::Copy { .. }) => Ok(vec![Segment::CopyNumber]),
        Some(Bound::Result(callee)) => Ok(vec![Segment::Result(callee.clone())]),
        Some(Bound::Text(text)) => Ok(text.clone()),
        _ => Err(error_at(
            *pos,
            format!("{name} has no value the playground knows here"),
        )),
    }
}

/// The text of a string literal (empty for anything else).
pub(super) fn string_of(expr: &Expr) -> String {
    match expr {
        Expr::Str(text, _) => text.clone(),
        _ => String::new(),
    }
}

/// Whether `expr` is arithmetic Python does in integers: no division and
/// no number written with a point or an exponent (either makes a float,
/// which Python shows as `2.0`).
pub(super) fn integral(expr: &Expr) -> bool {
    match expr {
        Expr::BinOp(left, op, right, _) => !op.contains('/') && integral(left) && integral(right),
        Expr::Number(n, _) => n
            .trim_start_matches('-')
            .bytes()
            .all(|b| b.is_ascii_digit()),
        _ => true,
    }
}

/// Whether `expr` is a whole number: one written so, the task's number, or
/// arithmetic of those without a division.
pub(super) fn whole_number(expr: &Expr, bound: &HashMap<String, Bound>) -> bool {
    match expr {
        Expr::Number(n, _) => n.bytes().all(|b| b.is_ascii_digit()),
        Expr::Name(name, _) => matches!(bound.get(name), Some(Bound::Copy { .. })),
        _ => integral(expr) && linear(expr, bound).is_some(),
    }
}

/// `format % values` as Python's `%` shows it: `%s`, `%d` (of numbers)
/// and `%%`.
pub(super) fn percent_formatted(
    format: &str,
    values: &[&Expr],
    pos: Pos,
    bound: &HashMap<String, Bound>,
) -> Result<Vec<Segment>> {
    let mut values = values.iter();
    let (mut segments, mut chars) = (Vec::new(), format.chars());
    while let Some(c) = chars.next() {
        match c {
            '%' => match chars.next() {
                Some('%') => segments.push(Segment::Literal("%".into())),
                Some(conversion @ ('s' | 'd')) => {
                    let value = values.next().ok_or_else(|| {
                        error_at(pos, "the % format shows more values than it is given: Python raises TypeError")
                    })?;
                    if conversion == 'd' && !whole_number(value, bound) {
                        return Err(error_at(value.pos(), "%d shows a number: the task's number or a whole number; write %s for text"));
                    }
                    segments.extend(text_of(&[value], bound)?.0);
                }
                _ => return Err(error_at(pos, "only %s, %d and %% are read in a % format")),
            },
            c => segments.push(Segment::Literal(c.to_string())),
        }
    }
    if values.next().is_some() {
        return Err(error_at(
            pos,
            "the % format is given more values than it shows: Python raises TypeError",
        ));
    }
    Ok(segments)
}

/// `format.format(values)` as Python shows it: `{}` or `{0}` for each
/// value, `{{` and `}}` for braces.
pub(super) fn formatted(
    format: &str,
    values: &[&Expr],
    pos: Pos,
    bound: &HashMap<String, Bound>,
) -> Result<Vec<Segment>> {
    let (mut segments, mut chars) = (Vec::new(), format.chars().peekable());
    let (mut next, mut numbered) = (0usize, false);
    while let Some(c) = chars.next() {
        match c {
            '{' | '}' if chars.peek() == Some(&c) => {
                chars.next();
                segments.push(Segment::Literal(c.to_string()));
            }
            '{' => {
                let mut field = String::new();
                loop {
                    match chars.next() {
                        Some('}') => break,
                        Some(c) => field.push(c),
                        None => return Err(error_at(pos, "a { in format() has no }: Python raises ValueError; write {{ for a brace")),
                    }
                }
                let field = if field.bytes().all(|b| b.is_ascii_digit()) {
                    field
                } else {
                    return Err(error_at(pos, format!("{{{field}}} is not read in format(): write {{}} or {{0}}, with no names or format specs")));
                };
                let at = match (field.as_str(), field.parse::<usize>()) {
                    ("", _) if !numbered => {
                        next += 1;
                        next - 1
                    }
                    (_, Ok(at)) if next == 0 => {
                        numbered = true;
                        at
                    }
                    ("", _) | (_, Ok(_)) => return Err(error_at(pos, "format() mixes {} and {0}: Python raises ValueError")),
                    _ => return Err(error_at(pos, format!("{{{field}}} is not read in format(): write {{}} or {{0}}, with no names or format specs"))),
                };
                let value = values.get(at).ok_or_else(|| {
                    error_at(pos, "format() is given fewer values than the text shows: Python raises IndexError")
                })?;
                segments.extend(text_of(&[value], bound)?.0);
            }
            '}' => {
                return Err(error_at(
                    pos,
                    "a single } in format(): Python raises ValueError; write }}",
                ))
            }
            c => segments.push(Segment::Literal(c.to_string())),
        }
    }
    Ok(segments)
}

/// Joins neighbouring literals.
pub(super) fn merge(segments: Vec<Segment>) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::new();
    for segment in segments {
        match (out.last_mut(), segment) {
            (_, Segment::Literal(next)) if next.is_empty() => {}
            (Some(Segment::Literal(last)), Segment::Literal(next)) => last.push_str(&next),
            (_, segment) => out.push(segment),
        }
    }
    out
}

pub(super) fn stmt_pos(stmt: &Stmt) -> Pos {
    match stmt {
        Stmt::Def { pos, .. }
        | Stmt::Assign { pos, .. }
        | Stmt::If { pos, .. }
        | Stmt::For { pos, .. }
        | Stmt::With { pos, .. }
        | Stmt::Try { pos, .. }
        | Stmt::Return(_, pos)
        | Stmt::Raise(_, pos) => *pos,
        Stmt::Expr(expr) => expr.pos(),
        Stmt::Import | Stmt::Pass => (1, 1),
    }
}
