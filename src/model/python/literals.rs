//! Python literals: amounts as expressions of `i` or seconds, tuples,
//! strings and f-strings.

use std::fmt::Write;

use crate::model::program::{Amount, Segment, Text};

/// An amount in ms (or units) as a Python expression of `i`.
pub(super) fn ms_expr(amount: Amount) -> String {
    match (amount.base, amount.per_copy) {
        (base, 0) => base.to_string(),
        (0, step) => format!("{step} * i"),
        (base, step) if step < 0 => format!("{base} - {} * i", step.unsigned_abs()),
        (base, step) => format!("{base} + {step} * i"),
    }
}

/// An amount in ms as a Python expression in seconds.
pub(super) fn seconds(amount: Amount) -> String {
    match amount.per_copy {
        0 => format!("{}", f64::from(amount.base) / 1000.0),
        _ => format!("({}) / 1000", ms_expr(amount)),
    }
}

pub(super) fn tuple(args: &[String]) -> String {
    match args.len() {
        0 => String::new(),
        1 => format!("{},", args[0]),
        _ => args.join(", "),
    }
}

/// A Python string literal (plain text, no placeholders).
pub(super) fn py_str(text: &str) -> String {
    format!("\"{}\"", escape(text))
}

pub(super) fn escape(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            c if c.is_control() || c == '\u{2028}' || c == '\u{2029}' => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}

/// A text as a Python string: an f-string when it has placeholders.
pub(super) fn fstring(text: &Text) -> String {
    let has_placeholders = text.0.iter().any(|s| !matches!(s, Segment::Literal(_)));
    if !has_placeholders {
        let literal: String = text
            .0
            .iter()
            .map(|s| {
                if let Segment::Literal(l) = s {
                    l.as_str()
                } else {
                    ""
                }
            })
            .collect();
        return py_str(&literal);
    }
    let mut out = String::from("f\"");
    for segment in &text.0 {
        match segment {
            Segment::Literal(literal) => {
                out.push_str(&escape(literal).replace('{', "{{").replace('}', "}}"))
            }
            Segment::CopyIndex => out.push_str("{i}"),
            Segment::CopyNumber => out.push_str("{i + 1}"),
            Segment::Result(name) => {
                let _ = write!(out, "{{{name}_result}}");
            }
        }
    }
    out.push('"');
    out
}
