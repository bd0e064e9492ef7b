//! Splits Python source into tokens, with INDENT and DEDENT as CPython's
//! tokenizer makes them (a tab moves to the next multiple of 8), so the
//! importer reports the same indentation errors Python would.

use crate::model::parse_error::{error_at, Pos, Result};

/// One token and where it starts.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    pub kind: Tok,
    pub pos: Pos,
}

/// What a token is.
#[derive(Debug, Clone, PartialEq)]
pub enum Tok {
    Name(String),
    Number(String),
    /// A string literal's value; `f` when it is an f-string (its braces are
    /// read later).
    Str {
        value: String,
        f: bool,
    },
    /// An operator or a bracket: `(`, `**`, `==`, `.`, …
    Op(&'static str),
    Newline,
    Indent,
    Dedent,
    End,
}

/// Brackets inside brackets, or blocks inside blocks, at most: the reader
/// goes down one level of its own per level.
const MAX_NESTING: usize = 64;

const OPS: [&str; 27] = [
    "**", "==", "!=", "<=", ">=", "->", "+=", "-=", "(", ")", "[", "]", "{", "}", ",", ":", ".",
    "=", "+", "-", "*", "/", "%", "<", ">", "@", ";",
];

/// Stands for a line break inside a triple-quoted string while the lines
/// it spans are read as one.
const BREAK_IN_STRING: char = '\u{1}';

/// The source's lines with their numbers; a triple-quoted string that spans
/// lines is kept on the line it starts, its breaks as [`BREAK_IN_STRING`].
fn logical_lines(source: &str) -> Vec<(usize, String)> {
    let mut lines = Vec::new();
    let mut current = String::new();
    let mut first_line = 1;
    let mut triple: Option<char> = None;
    for (index, line) in source.lines().enumerate() {
        if triple.is_none() {
            first_line = index + 1;
        } else {
            current.push(BREAK_IN_STRING);
        }
        current.push_str(line);
        let mut chars = line.chars().peekable();
        let mut single: Option<char> = None;
        while let Some(c) = chars.next() {
            match (triple, single, c) {
                (_, _, '\\') => {
                    chars.next();
                }
                (Some(q), _, c)
                    if c == q
                        && chars.next_if_eq(&q).is_some()
                        && chars.next_if_eq(&q).is_some() =>
                {
                    triple = None
                }
                (Some(_), _, _) => {}
                (None, Some(q), c) if c == q => single = None,
                (None, Some(_), _) => {}
                (None, None, '#') => break,
                (None, None, q @ ('"' | '\'')) => {
                    if chars.next_if_eq(&q).is_some() {
                        if chars.next_if_eq(&q).is_some() {
                            triple = Some(q);
                        }
                    } else {
                        single = Some(q);
                    }
                }
                _ => {}
            }
        }
        if triple.is_none() {
            lines.push((first_line, std::mem::take(&mut current)));
        }
    }
    if !current.is_empty() {
        lines.push((first_line, current));
    }
    lines
}

/// The tokens of `source`, ending with [`Tok::End`].
pub fn tokens(source: &str) -> Result<Vec<Token>> {
    let mut out = Vec::new();
    // Each level's width with tabs to multiples of 8, and with a tab as one
    // column: as CPython, indentation that the two disagree on is a TabError.
    let mut indents = vec![(0usize, 0usize)];
    let mut depth = 0usize;
    for (line_no, line) in logical_lines(source) {
        let line = line.as_str();
        let mut chars = line.char_indices().peekable();
        if depth == 0 {
            let (mut width, mut narrow) = (0, 0);
            while let Some(&(_, c)) = chars.peek() {
                match c {
                    ' ' => (width, narrow) = (width + 1, narrow + 1),
                    '\t' => (width, narrow) = ((width / 8 + 1) * 8, narrow + 1),
                    '\u{c}' => (width, narrow) = (0, 0),
                    _ => break,
                }
                chars.next();
            }
            let rest = chars.peek().map(|&(at, _)| &line[at..]).unwrap_or("");
            if rest.is_empty() || rest.starts_with('#') {
                continue;
            }
            let col = line[..line.len() - rest.len()].chars().count() + 1;
            let tab_error = || {
                error_at(
                    (line_no, col),
                    "inconsistent use of tabs and spaces in indentation (Python's TabError)",
                )
            };
            let top = *indents.last().expect("the first level stays");
            if width > top.0 {
                if narrow <= top.1 {
                    return Err(tab_error());
                }
                if indents.len() > MAX_NESTING {
                    return Err(error_at(
                        (line_no, col),
                        format!("blocks are nested more than {MAX_NESTING} deep"),
                    ));
                }
                indents.push((width, narrow));
                out.push(Token {
                    kind: Tok::Indent,
                    pos: (line_no, col),
                });
            }
            while width < indents.last().expect("the first level stays").0 {
                indents.pop();
                out.push(Token {
                    kind: Tok::Dedent,
                    pos: (line_no, col),
                });
            }
            let level = *indents.last().expect("the first level stays");
            if width == level.0 && narrow != level.1 {
                return Err(tab_error());
            }
            if width != level.0 {
                return Err(error_at(
                    (line_no, col),
                    "unindent does not match any outer indentation level (Python's IndentationError)",
                ));
            }
        }
        // The column of each byte that starts a character, counted once.
        let mut cols = vec![0; line.len() + 1];
        for (col, (at, _)) in line.char_indices().enumerate() {
            cols[at] = col + 1;
        }
        cols[line.len()] = line.chars().count() + 1;
        let col_of = |at: usize| cols[at];
        while let Some(&(at, c)) = chars.peek() {
            let pos = (line_no, col_of(at));
            if c.is_ascii_whitespace() || c == '\u{c}' {
                chars.next();
            } else if c == '#' || (c == '\\' && line[at..].trim_end() == "\\") {
                // A comment, or a backslash that continues the line.
                break;
            } else if is_name_char(c) && !c.is_ascii_digit() {
                let end = line[at..]
                    .find(|c: char| !is_name_char(c))
                    .map_or(line.len(), |n| at + n);
                let word = &line[at..end];
                let quote = line[end..]
                    .chars()
                    .next()
                    .filter(|q| *q == '"' || *q == '\'');
                let prefix = word.to_ascii_lowercase();
                if let (Some(_), "f" | "r" | "b" | "rb" | "br" | "fr" | "rf" | "u") =
                    (quote, prefix.as_str())
                {
                    while chars.peek().is_some_and(|&(i, _)| i < end) {
                        chars.next();
                    }
                    let value = string(&mut chars, line, pos)?;
                    let f = prefix.contains('f');
                    out.push(Token {
                        kind: Tok::Str { value, f },
                        pos,
                    });
                } else {
                    while chars.peek().is_some_and(|&(i, _)| i < end) {
                        chars.next();
                    }
                    out.push(Token {
                        kind: Tok::Name(word.to_string()),
                        pos,
                    });
                }
            } else if c.is_ascii_digit()
                || (c == '.' && line[at + 1..].starts_with(|d: char| d.is_ascii_digit()))
            {
                let end = line[at..]
                    .find(|c: char| !(c.is_ascii_alphanumeric() || c == '.' || c == '_'))
                    .map_or(line.len(), |n| at + n);
                while chars.peek().is_some_and(|&(i, _)| i < end) {
                    chars.next();
                }
                out.push(Token {
                    kind: Tok::Number(line[at..end].replace('_', "")),
                    pos,
                });
            } else if c == '"' || c == '\'' {
                let value = string(&mut chars, line, pos)?;
                out.push(Token {
                    kind: Tok::Str { value, f: false },
                    pos,
                });
            } else if let Some(op) = OPS.iter().find(|op| line[at..].starts_with(**op)) {
                for _ in 0..op.len() {
                    chars.next();
                }
                match *op {
                    "(" | "[" | "{" if depth >= MAX_NESTING => {
                        return Err(error_at(
                            pos,
                            format!("brackets are nested more than {MAX_NESTING} deep"),
                        ));
                    }
                    "(" | "[" | "{" => depth += 1,
                    ")" | "]" | "}" => depth = depth.saturating_sub(1),
                    _ => {}
                }
                out.push(Token {
                    kind: Tok::Op(op),
                    pos,
                });
            } else {
                return Err(error_at(pos, format!("unexpected character \"{c}\"")));
            }
        }
        let continued = line.trim_end().ends_with('\\');
        if depth == 0 && !continued && out.last().is_some_and(|t| t.kind != Tok::Newline) {
            out.push(Token {
                kind: Tok::Newline,
                pos: (line_no, line.chars().count() + 1),
            });
        }
    }
    let end = (source.lines().count() + 1, 1);
    if depth > 0 {
        return Err(error_at(end, "a bracket is never closed"));
    }
    for _ in 1..indents.len() {
        out.push(Token {
            kind: Tok::Dedent,
            pos: end,
        });
    }
    out.push(Token {
        kind: Tok::End,
        pos: end,
    });
    Ok(out)
}

/// Whether `c` may be in a name: ASCII letters, digits and `_`, and any
/// character beyond ASCII (Python's Unicode names, read without Unicode's
/// tables; punctuation there is an error Python would give too).
fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || !c.is_ascii()
}

/// A quoted string from its opening quote, with Python's common escapes.
fn string(
    chars: &mut std::iter::Peekable<std::str::CharIndices<'_>>,
    line: &str,
    pos: Pos,
) -> Result<String> {
    let (at, quote) = chars.next().expect("called at a quote");
    let triple = line[at..].starts_with(&quote.to_string().repeat(3));
    if triple {
        chars.next();
        chars.next();
    }
    let mut value = String::new();
    loop {
        let Some((i, c)) = chars.next() else {
            return Err(error_at(pos, "this string has no closing quote"));
        };
        if c == quote && (!triple || line[i..].starts_with(&quote.to_string().repeat(3))) {
            if triple {
                chars.next();
                chars.next();
            }
            return Ok(value);
        }
        if c == '\\' {
            match chars.next().map(|(_, e)| e) {
                Some('n') => value.push('\n'),
                Some(BREAK_IN_STRING) => {}
                Some('t') => value.push('\t'),
                Some(other) => value.push(other),
                None => value.push('\\'),
            }
        } else if c == BREAK_IN_STRING {
            value.push('\n');
        } else {
            value.push(c);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(source: &str) -> Vec<Tok> {
        tokens(source)
            .unwrap()
            .into_iter()
            .map(|t| t.kind)
            .collect()
    }

    #[test]
    fn blocks_are_indents_and_dedents() {
        let got = kinds("async def f():\n\tprint('hi')\nf()\n");
        assert_eq!(got[5], Tok::Op(":"));
        assert_eq!(got[6], Tok::Newline);
        assert_eq!(got[7], Tok::Indent);
        assert!(got.contains(&Tok::Dedent));
        assert_eq!(got.last(), Some(&Tok::End));
    }

    #[test]
    fn f_strings_and_brackets_across_lines() {
        let got = kinds("x = f'a {i}' + (1,\n  2)\n");
        assert!(got.contains(&Tok::Str {
            value: "a {i}".into(),
            f: true
        }));
        assert_eq!(got.iter().filter(|t| **t == Tok::Newline).count(), 1);
    }

    #[test]
    fn a_triple_quoted_string_spans_lines_and_later_lines_keep_their_numbers() {
        let got = tokens("def f():\n    \"\"\"Two\n    lines.\"\"\"\n    x\n").unwrap();
        let two_lines = Tok::Str {
            value: "Two\n    lines.".into(),
            f: false,
        };
        assert!(got.iter().any(|t| t.kind == two_lines));
        let x = got
            .iter()
            .find(|t| t.kind == Tok::Name("x".into()))
            .unwrap();
        assert_eq!(x.pos, (4, 5));
    }

    #[test]
    fn tabs_and_spaces_that_disagree_are_python_s_tab_error() {
        // A tab then four spaces, then eight spaces then four: the same
        // width with tabs at 8, not with a tab as one column.
        let error = tokens("if x:\n\t    a\n            b\n").unwrap_err();
        assert_eq!((error.line, error.col), (3, 13));
        assert!(error.message.contains("TabError"), "{}", error.message);
        assert!(tokens("if x:\n\ta\n\tb\n").is_ok());
    }

    #[test]
    fn a_dedent_to_no_outer_level_is_python_s_error() {
        let error = tokens("if x:\n\t\ty\n    z\n").unwrap_err();
        assert_eq!((error.line, error.col), (3, 5));
        assert!(error.message.contains("unindent"), "{}", error.message);
    }
}
