//! The table editor's model: the edits the table makes, each giving the
//! program's new text (or the typed step line that cannot be, and why), and
//! how a chip shows its step.

use crate::model::parse::{parse, parse_step};
use crate::model::print::{print, step_text};
use crate::model::program::{Amount, Block, BlockKind, Program, Step, Text};
use crate::model::steps::{self, Arg};

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

/// What a control of the table changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// A block's name, to the value.
    Rename,
    /// A task's copies, to the value (a number).
    Copies,
    /// A block's kind, to `task` or `coroutine`.
    Kind,
    /// A step's kind, to the keyword in the value.
    StepKind,
    /// A step, to the line in the value (its keyword and what follows).
    StepValue,
    Earlier,
    Later,
    Remove,
    AddStep,
    RemoveBlock,
    AddTask,
    AddCoroutine,
}

/// One edit the table makes: what it changes, of which block and step, and
/// the control's value.
#[derive(Debug, Clone, PartialEq)]
pub struct TableEdit {
    pub change: Change,
    pub block: usize,
    pub step: usize,
    pub value: String,
}

/// What an edit gives: the program's new text, or the typed step line
/// that does not parse and why.
#[derive(Debug, PartialEq)]
pub enum Edited {
    Text(String),
    Invalid { line: String, message: String },
}

impl TableEdit {
    /// An edit of `change` of step `step` of block `block`.
    pub fn new(change: Change, block: usize, step: usize, value: impl Into<String>) -> Self {
        Self {
            change,
            block,
            step,
            value: value.into(),
        }
    }

    /// What the table keeps of this edit when it gives a line that does
    /// not parse: the line, marked in its chip while the step reads as it
    /// does in `program`.
    pub fn invalid(&self, program: &Program, line: String, message: String) -> Option<Invalid> {
        let step = program.blocks.get(self.block)?.steps.get(self.step)?;
        Some(Invalid {
            block: self.block,
            step: self.step,
            line,
            message,
            was: step_text(step),
        })
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
        match self.change {
            Change::AddTask => edited(&|p| add_block(p, BlockKind::Task { copies: 1 }, "task")),
            Change::AddCoroutine => edited(&|p| add_block(p, BlockKind::Coroutine, "coroutine")),
            _ if block.is_none() => None,
            Change::Rename => edited(&|p| p.blocks[b].name = self.value.trim().to_string()),
            Change::Copies => {
                let copies = self.value.trim().parse().ok()?;
                edited(&|p| p.blocks[b].kind = BlockKind::Task { copies })
            }
            Change::Kind => {
                let kind = if self.value == "task" {
                    BlockKind::Task { copies: 1 }
                } else {
                    BlockKind::Coroutine
                };
                edited(&|p| p.blocks[b].kind = kind)
            }
            Change::AddStep => edited(&|p| p.blocks[b].steps.push(Step::Sleep(Amount::fixed(100)))),
            Change::RemoveBlock => edited(&|p| {
                p.blocks.remove(b);
            }),
            _ if !has_step => None,
            Change::Remove => edited(&|p| {
                p.blocks[b].steps.remove(s);
            }),
            Change::Earlier if s > 0 => edited(&|p| p.blocks[b].steps.swap(s, s - 1)),
            Change::Later if s + 1 < program.blocks[b].steps.len() => {
                edited(&|p| p.blocks[b].steps.swap(s, s + 1))
            }
            Change::StepKind => {
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
            Change::StepValue => Some(with_line(program, b, s, self.value.clone())),
            Change::Earlier | Change::Later => None,
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

/// What a chip shows of `step` of block `block`: the line typed into it
/// when one in `invalid` is still about this step, else the step's text,
/// as its keyword and what follows; and why the typed line cannot be.
pub fn chip_line<'a>(
    step: &Step,
    block: usize,
    index: usize,
    invalid: &'a [Invalid],
) -> (String, Option<&'a Invalid>) {
    let text = step_text(step);
    let typed = invalid
        .iter()
        .rev()
        .find(|i| i.block == block && i.step == index && i.was == text);
    (typed.map_or(text, |typed| typed.line.clone()), typed)
}

/// Whether a step of `keyword` has a value to type after it.
pub fn takes_value(keyword: &str) -> bool {
    !steps::find(keyword).is_some_and(|kind| matches!(kind.arg, Arg::Nothing(_)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::presets::find;

    fn edit(change: Change, block: usize, step: usize, value: &str) -> TableEdit {
        TableEdit::new(change, block, step, value)
    }

    fn applied(source: &str, change: TableEdit) -> Option<Edited> {
        change.apply(&parse(source).expect("the program parses"))
    }

    const TWO: &str =
        "run gather\n\ntask a\n  sleep 10\n  print \"x\"\n\ncoroutine c\n  return \"1\"\n";

    #[test]
    fn every_edit_changes_the_text_as_the_table_shows_it() {
        use Change::*;
        let text = |change: TableEdit| match applied(TWO, change.clone()) {
            Some(Edited::Text(text)) => text,
            other => panic!("{change:?}: {other:?}"),
        };
        assert!(text(edit(Rename, 0, 0, "b")).contains("task b\n"));
        assert!(text(edit(Copies, 0, 0, "3")).contains("task a x3\n"));
        assert!(text(edit(Kind, 0, 0, "coroutine")).contains("coroutine a\n"));
        assert!(text(edit(Kind, 1, 0, "task")).contains("task c\n"));
        assert!(text(edit(StepValue, 0, 0, "sleep 500")).contains("  sleep 500\n"));
        assert!(text(edit(StepKind, 0, 0, "await")).contains("  await c\n"));
        assert!(text(edit(StepKind, 0, 1, "yield")).contains("  sleep 10\n  yield\n"));
        assert!(text(edit(Later, 0, 0, "")).contains("  print \"x\"\n  sleep 10\n"));
        assert!(text(edit(Earlier, 0, 1, "")).contains("  print \"x\"\n  sleep 10\n"));
        assert!(!text(edit(Remove, 0, 0, "")).contains("sleep 10"));
        assert!(text(edit(AddStep, 0, 0, "")).contains("  print \"x\"\n  sleep 100\n"));
        assert!(!text(edit(RemoveBlock, 1, 0, "")).contains("coroutine c"));
        assert!(text(edit(AddTask, 0, 0, "")).contains("task task1\n  print \"hi\"\n"));
        assert!(text(edit(AddCoroutine, 0, 0, "")).contains("coroutine coroutine1\n"));
    }

    #[test]
    fn an_edit_of_what_is_not_there_does_nothing_and_a_bad_line_says_why() {
        use Change::*;
        for change in [
            edit(Rename, 5, 0, "x"),
            edit(Remove, 0, 9, ""),
            edit(Earlier, 0, 0, ""),
            edit(Later, 0, 1, ""),
            edit(Copies, 0, 0, "many"),
            edit(StepKind, 0, 0, "explode"),
        ] {
            assert_eq!(applied(TWO, change.clone()), None, "{change:?}");
        }
        match applied(TWO, edit(StepValue, 0, 0, "sleep abc")) {
            Some(Edited::Invalid { line, message }) => {
                assert!(line == "sleep abc" && !message.is_empty())
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_chip_shows_its_typed_line_while_its_step_reads_as_when_it_was_typed() {
        let program = find("hello-world").unwrap().program();
        let step = &program.blocks[0].steps[0];
        let typing = edit(Change::StepValue, 0, 0, "sleep <x>");
        let typed = typing
            .invalid(&program, "sleep <x>".into(), "not a number".into())
            .unwrap();
        assert_eq!(chip_line(step, 0, 0, &[]), (step_text(step), None));
        assert_eq!(
            chip_line(step, 0, 0, std::slice::from_ref(&typed)),
            ("sleep <x>".to_string(), Some(&typed))
        );
        let other = Invalid {
            was: "print \"other\"".into(),
            ..typed.clone()
        };
        assert_eq!(chip_line(step, 0, 0, &[other]).1, None);
        assert_eq!(chip_line(step, 0, 1, &[typed]).1, None);
        assert!(!takes_value("yield") && takes_value("sleep") && takes_value("nonsense"));
    }
}
