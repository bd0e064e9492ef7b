//! The table editor's model: the program as a table of blocks and step
//! chips, written as HTML by the worker, and the edits the table makes,
//! each giving the program's new text (or why a typed step cannot be).

use super::html::escape;
use super::i18n::{Lang, WorkerText};
use super::parse::{parse, parse_step};
use super::print::{print, step_text};
use super::program::{Amount, Block, BlockKind, Program, Step, Text};
use super::steps::{self, Arg, STEPS};

/// Separates the fields of a request's line (a typed value may hold tabs).
const FIELD: char = '\u{1f}';

/// A step line typed into a chip that does not parse: it stays in its chip,
/// marked, while the step's text is still `was`.
#[derive(Debug, Clone, PartialEq)]
pub struct Invalid {
    pub block: usize,
    pub step: usize,
    pub line: String,
    pub message: String,
    /// The step's text when the line was typed.
    pub was: String,
}

impl Invalid {
    /// This entry as one line of a request.
    pub fn line(&self) -> String {
        [
            &self.block.to_string(),
            &self.step.to_string(),
            &self.line,
            &self.message,
            &self.was,
        ]
        .map(|field| field.replace(['\n', FIELD], " "))
        .join(&FIELD.to_string())
    }

    fn read(line: &str) -> Option<Invalid> {
        let mut fields = line.split(FIELD);
        let mut text = || fields.next().map(str::to_string);
        Some(Invalid {
            block: text()?.parse().ok()?,
            step: text()?.parse().ok()?,
            line: text()?,
            message: text()?,
            was: text()?,
        })
    }
}

/// What the page asks the worker for the table: the page's language, the
/// chips holding typed lines that do not parse ([`Invalid::line`], as the
/// worker answered them) and the program's text.
pub fn table_request(lang: Lang, invalid: &[String], source: &str) -> String {
    let lines: String = invalid.iter().map(|line| format!("{line}\n")).collect();
    format!("{}\n{}\n{lines}{source}", lang.code(), invalid.len())
}

/// The start of the [`Invalid::line`]s of step `step` of block `block`.
pub fn invalid_prefix(block: &str, step: &str) -> String {
    format!("{block}{FIELD}{step}{FIELD}")
}

/// [`table_request`] read back: the invalid chips and the program's text.
pub fn read_table_request(rest: &str) -> Option<(Vec<Invalid>, &str)> {
    let (count, mut rest) = rest.split_once('\n')?;
    let mut invalid = Vec::new();
    for _ in 0..count.parse::<usize>().ok()? {
        let (line, after) = rest.split_once('\n')?;
        invalid.push(Invalid::read(line)?);
        rest = after;
    }
    Some((invalid, rest))
}

/// One edit the table makes: its name, block, step and value, as the
/// page reads them from the control's `data-` attributes.
#[derive(Debug, Clone, PartialEq)]
pub struct TableEdit {
    /// `rename`, `copies`, `kind`, `step-kind`, `step-value`, `earlier`,
    /// `later`, `remove`, `add-step`, `remove-block`, `add-task` or
    /// `add-coroutine`.
    pub edit: String,
    pub block: usize,
    pub step: usize,
    /// The control's value (a typed value follows its chip's keyword).
    pub value: String,
}

/// What an edit gives: the program's new text, or the typed step line
/// that does not parse and why.
#[derive(Debug, PartialEq)]
pub enum Edited {
    Text(String),
    Invalid { line: String, message: String },
}

impl Edited {
    /// The worker's answer to the page about `edit` of `program`: `text`
    /// and the new text, `invalid` and the chip's [`Invalid::line`], or
    /// `none`.
    pub fn answer(edit: &TableEdit, program: &Program) -> String {
        match edit.apply(program) {
            Some(Edited::Text(text)) => format!("text\n{text}"),
            Some(Edited::Invalid { line, message }) => {
                let was = step_text(&program.blocks[edit.block].steps[edit.step]);
                let invalid = Invalid {
                    block: edit.block,
                    step: edit.step,
                    line,
                    message,
                    was,
                };
                format!("invalid\n{}", invalid.line())
            }
            None => "none\n".into(),
        }
    }
}

impl TableEdit {
    /// This edit and the program's text as a request: one line each for
    /// the edit's fields, then the text (the page writes the same).
    pub fn request(&self, source: &str) -> String {
        format!(
            "{}\n{}\n{}\n{}\n{source}",
            self.edit,
            self.block,
            self.step,
            self.value.replace('\n', " ")
        )
    }

    /// A request read back: the edit and the program's text.
    pub fn read(request: &str) -> Option<(TableEdit, &str)> {
        let mut parts = request.splitn(5, '\n');
        let mut next = || parts.next();
        let edit = next()?.to_string();
        let block = next()?.parse().ok()?;
        let step = next()?.parse().ok()?;
        let value = next()?.to_string();
        Some((
            TableEdit {
                edit,
                block,
                step,
                value,
            },
            next().unwrap_or_default(),
        ))
    }

    /// The edit applied to `program`; `None` for an edit of a block or step
    /// that is not there.
    pub fn apply(&self, program: &Program) -> Option<Edited> {
        let (b, s) = (self.block, self.step);
        let block = program.blocks.get(b);
        let has_step = block.is_some_and(|block| s < block.steps.len());
        // An edit of a block may leave a program that does not parse (a
        // blank or taken name, no task left): the text view then says what
        // is wrong, and the table asks to fix it there.
        let edited = |change: &dyn Fn(&mut Program)| {
            let mut next = program.clone();
            change(&mut next);
            Some(Edited::Text(print(&next)))
        };
        match self.edit.as_str() {
            "add-task" => edited(&|p| add_block(p, BlockKind::Task { copies: 1 }, "task")),
            "add-coroutine" => edited(&|p| add_block(p, BlockKind::Coroutine, "coroutine")),
            _ if block.is_none() => None,
            "rename" => edited(&|p| p.blocks[b].name = self.value.trim().to_string()),
            "copies" => {
                let copies = self.value.trim().parse().ok()?;
                edited(&|p| p.blocks[b].kind = BlockKind::Task { copies })
            }
            "kind" => {
                let kind = if self.value == "task" {
                    BlockKind::Task { copies: 1 }
                } else {
                    BlockKind::Coroutine
                };
                edited(&|p| p.blocks[b].kind = kind)
            }
            "add-step" => edited(&|p| p.blocks[b].steps.push(Step::Sleep(Amount::fixed(100)))),
            "remove-block" => edited(&|p| {
                p.blocks.remove(b);
            }),
            _ if !has_step => None,
            "remove" => edited(&|p| {
                p.blocks[b].steps.remove(s);
            }),
            "earlier" if s > 0 => edited(&|p| p.blocks[b].steps.swap(s, s - 1)),
            "later" if s + 1 < program.blocks[b].steps.len() => {
                edited(&|p| p.blocks[b].steps.swap(s, s + 1))
            }
            "step-kind" => {
                let kind = steps::find(&self.value)?;
                let first_coroutine = program
                    .blocks
                    .iter()
                    .find(|block| !block.is_task())
                    .map_or("", |block| &block.name);
                let value = match kind.arg {
                    Arg::Name(_) => first_coroutine,
                    _ => kind.starts_with,
                };
                Some(with_line(
                    program,
                    b,
                    s,
                    format!("{} {value}", kind.keyword),
                ))
            }
            "step-value" => Some(with_line(program, b, s, self.value.clone())),
            _ => None,
        }
    }
}

/// A block of `kind` named `prefix` and the first free number, saying hi.
fn add_block(program: &mut Program, kind: BlockKind, prefix: &str) {
    let name = (1..)
        .map(|k| format!("{prefix}{k}"))
        .find(|name| program.block(name).is_none())
        .unwrap_or_default();
    program.blocks.push(Block {
        name,
        kind,
        steps: vec![Step::Print(Text::literal("hi"))],
    });
}

/// The program's text with step `s` of block `b` written as `line`, or
/// the line and why it cannot be there.
fn with_line(program: &Program, b: usize, s: usize, line: String) -> Edited {
    let line = line.trim_end().to_string();
    let written = parse_step(&line, program.blocks[b].is_task()).and_then(|step| {
        let mut next = program.clone();
        next.blocks[b].steps[s] = step;
        let text = print(&next);
        parse(&text).map(|_| text)
    });
    match written {
        Ok(text) => Edited::Text(text),
        Err(error) => Edited::Invalid {
            line,
            message: error.message,
        },
    }
}

/// The table of `program` as HTML, every text escaped: a row per block
/// (name, kind, copies), its steps as chips (kind, value, move and remove
/// buttons), and buttons to add steps and blocks. Each control says its
/// edit in `data-edit`, its block and step in `data-b` and `data-s`, and
/// where the keyboard focus returns to after the table is rewritten in
/// `data-focus`. A chip in `invalid` whose step still reads as it did shows
/// the typed line, marked.
pub fn table_html(program: &Program, invalid: &[Invalid], lang: Lang) -> String {
    let t = |key: WorkerText| escape(key.text(lang));
    let control = |edit: &str, b: usize, s: usize| {
        format!("data-edit=\"{edit}\" data-b=\"{b}\" data-s=\"{s}\" data-focus=\"{edit}.{b}.{s}\"")
    };
    let mut html = String::from("<div class=\"table-editor\">");
    for (b, block) in program.blocks.iter().enumerate() {
        let name = escape(&block.name);
        let option = |value: &str, label: WorkerText, chosen: bool| {
            format!(
                "<option value=\"{value}\"{}>{}</option>",
                if chosen { " selected" } else { "" },
                t(label)
            )
        };
        html += &format!(
            "<div class=\"block-row\" data-block=\"{name}\"><div class=\"block-head\"><label>{}<input class=\"block-name\" value=\"{name}\" {}></label><label>{}<select {}>{}{}</select></label>",
            t(WorkerText::Name),
            control("rename", b, 0),
            t(WorkerText::BlockKind),
            control("kind", b, 0),
            option("task", WorkerText::TaskKind, block.is_task()),
            option("coroutine", WorkerText::CoroutineKind, !block.is_task()),
        );
        if let BlockKind::Task { copies } = block.kind {
            html += &format!(
                "<label>{}<input class=\"copies\" type=\"number\" min=\"1\" max=\"10000\" value=\"{copies}\" {}></label>",
                t(WorkerText::Copies),
                control("copies", b, 0)
            );
        }
        html += &format!(
            "<button class=\"remove-block\" {}>{}</button></div><ol class=\"chips\">",
            control("remove-block", b, 0),
            t(WorkerText::RemoveBlock)
        );
        for (s, step) in block.steps.iter().enumerate() {
            let text = step_text(step);
            let typed = invalid
                .iter()
                .rev()
                .find(|i| i.block == b && i.step == s && i.was == text);
            let shown = typed.map_or(text.as_str(), |typed| typed.line.as_str());
            let (keyword, value) = shown.split_once(' ').unwrap_or((shown, ""));
            let (class, title) = match typed {
                Some(typed) => (" invalid", format!(" title=\"{}\"", escape(&typed.message))),
                None => ("", String::new()),
            };
            html += &format!(
                "<li><span class=\"chip{class}\"{title}><select aria-label=\"{}\" {}>",
                t(WorkerText::StepKind),
                control("step-kind", b, s)
            );
            for kind in STEPS.iter() {
                let chosen = if kind.keyword == keyword {
                    " selected"
                } else {
                    ""
                };
                html += &format!(
                    "<option value=\"{0}\" title=\"{1}\"{chosen}>{0}</option>",
                    kind.keyword,
                    escape(kind.python)
                );
            }
            html += "</select>";
            if !steps::find(keyword).is_some_and(|kind| matches!(kind.arg, Arg::Nothing(_))) {
                html += &format!(
                    "<input aria-label=\"{}\" value=\"{}\" size=\"{}\" data-kind=\"{}\" {}>",
                    t(WorkerText::StepValue),
                    escape(value),
                    value.chars().count().clamp(3, 28),
                    escape(keyword),
                    control("step-value", b, s)
                );
            }
            let last = s + 1 == block.steps.len();
            for (edit, key, sign, disabled) in [
                ("earlier", WorkerText::MoveEarlier, "‹", s == 0),
                ("later", WorkerText::MoveLater, "›", last),
                ("remove", WorkerText::RemoveStep, "×", false),
            ] {
                let class = if edit == "remove" { "remove" } else { "move" };
                html += &format!(
                    "<button class=\"{class}\" aria-label=\"{0}\" title=\"{0}\"{1} {2}>{sign}</button>",
                    t(key),
                    if disabled { " disabled" } else { "" },
                    control(edit, b, s)
                );
            }
            html += "</span></li>";
        }
        html += &format!(
            "<li><button class=\"add-step\" {}>{}</button></li></ol></div>",
            control("add-step", b, 0),
            t(WorkerText::AddStep)
        );
    }
    html + &format!(
        "<div class=\"add-blocks\"><button {}>{}</button><button {}>{}</button></div></div>",
        control("add-task", 0, 0),
        t(WorkerText::AddTask),
        control("add-coroutine", 0, 0),
        t(WorkerText::AddCoroutine)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::presets::find;

    fn edit(edit: &str, block: usize, step: usize, value: &str) -> TableEdit {
        TableEdit {
            edit: edit.into(),
            block,
            step,
            value: value.into(),
        }
    }

    fn applied(source: &str, change: TableEdit) -> Option<Edited> {
        let program = parse(source).expect("the program parses");
        let request = change.request(source);
        let (read, text) = TableEdit::read(&request).expect("the request reads back");
        assert_eq!((&read, text), (&change, source));
        read.apply(&program)
    }

    const TWO: &str =
        "run gather\n\ntask a\n  sleep 10\n  print \"x\"\n\ncoroutine c\n  return \"1\"\n";

    #[test]
    fn every_edit_changes_the_text_as_the_table_shows_it() {
        let text = |change: TableEdit| match applied(TWO, change.clone()) {
            Some(Edited::Text(text)) => text,
            other => panic!("{change:?}: {other:?}"),
        };
        assert!(text(edit("rename", 0, 0, "b")).contains("task b\n"));
        assert!(text(edit("copies", 0, 0, "3")).contains("task a x3\n"));
        assert!(text(edit("kind", 0, 0, "coroutine")).contains("coroutine a\n"));
        assert!(text(edit("kind", 1, 0, "task")).contains("task c\n"));
        assert!(text(edit("step-value", 0, 0, "sleep 500")).contains("  sleep 500\n"));
        assert!(text(edit("step-kind", 0, 0, "await")).contains("  await c\n"));
        assert!(text(edit("step-kind", 0, 1, "yield")).contains("  sleep 10\n  yield\n"));
        assert!(text(edit("later", 0, 0, "")).contains("  print \"x\"\n  sleep 10\n"));
        assert!(text(edit("earlier", 0, 1, "")).contains("  print \"x\"\n  sleep 10\n"));
        assert!(!text(edit("remove", 0, 0, "")).contains("sleep 10"));
        assert!(text(edit("add-step", 0, 0, "")).contains("  print \"x\"\n  sleep 100\n"));
        assert!(!text(edit("remove-block", 1, 0, "")).contains("coroutine c"));
        assert!(text(edit("add-task", 0, 0, "")).contains("task task1\n  print \"hi\"\n"));
        assert!(text(edit("add-coroutine", 0, 0, "")).contains("coroutine coroutine1\n"));
    }

    #[test]
    fn an_edit_of_what_is_not_there_does_nothing_and_a_bad_line_says_why() {
        for change in [
            edit("rename", 5, 0, "x"),
            edit("remove", 0, 9, ""),
            edit("earlier", 0, 0, ""),
            edit("later", 0, 1, ""),
            edit("copies", 0, 0, "many"),
            edit("explode", 0, 0, ""),
        ] {
            assert_eq!(applied(TWO, change.clone()), None, "{change:?}");
        }
        match applied(TWO, edit("step-value", 0, 0, "sleep abc")) {
            Some(Edited::Invalid { line, message }) => {
                assert!(line == "sleep abc" && !message.is_empty())
            }
            other => panic!("{other:?}"),
        }
        assert!(TableEdit::read("rename\nx\n0\nv\n").is_none());
    }

    #[test]
    fn the_table_shows_each_block_and_step_with_typed_lines_that_still_apply() {
        let program = find("hello-world").unwrap().program();
        let html = table_html(&program, &[], Lang::En);
        assert_eq!(
            html.matches("class=\"block-row\"").count(),
            program.blocks.len()
        );
        let chips: usize = program.blocks.iter().map(|b| b.steps.len()).sum();
        assert_eq!(html.matches("<span class=\"chip").count(), chips);
        let typed = |was: &str| Invalid {
            block: 0,
            step: 0,
            line: "sleep <x>".into(),
            message: "not a number".into(),
            was: was.into(),
        };
        let first = step_text(&program.blocks[0].steps[0]);
        let shown = table_html(&program, &[typed(&first)], Lang::En);
        assert!(
            shown.contains("chip invalid") && shown.contains("&lt;x&gt;") && !shown.contains("<x>")
        );
        assert!(!table_html(&program, &[typed("print \"other\"")], Lang::En).contains("invalid"));
        let request = table_request(Lang::Zh, &[typed(&first).line()], "task a\n  yield\n");
        assert!(typed(&first).line().starts_with(&invalid_prefix("0", "0")));
        let (lang, rest) = request.split_once('\n').unwrap();
        assert_eq!(
            (lang, read_table_request(rest)),
            ("zh", Some((vec![typed(&first)], "task a\n  yield\n")))
        );
    }
}
