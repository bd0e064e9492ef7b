//! Teaching lints: steps that run but are likely not what the learner
//! means, each at its line and column in the program's text, with a
//! one-line why and what to write instead, named after the asyncio rule
//! where one exists.

use crate::model::i18n::Lang;
use crate::model::program::{Block, BlockKind, CheckedProgram, Step, Work};

/// `compute` units (about 1 ms each) past which holding the loop shows as
/// a stall: a long task, in the browser's words, is over 50 ms.
pub const LONG_COMPUTE_UNITS: u64 = 50;

/// What a lint is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// `block` holds the loop: `time.sleep` in async code.
    BlockingSleep,
    /// `call` makes a coroutine nobody awaits.
    NeverAwaited,
    /// `spawn` of a task the block never awaits.
    UnjoinedTask,
    /// `sleep 0`, which only yields once.
    SleepZero,
    /// A long `compute` on the loop.
    LongCompute,
}

impl Rule {
    /// The rule's name: the asyncio linters' code where one exists.
    pub fn name(self) -> &'static str {
        match self {
            Rule::BlockingSleep => "ASYNC251",
            Rule::NeverAwaited => "never-awaited",
            Rule::UnjoinedTask => "ASYNC300",
            Rule::SleepZero => "sleep-zero",
            Rule::LongCompute => "long-compute",
        }
    }

    /// Why it matters and what to write instead, in `lang`.
    pub fn text(self, lang: Lang) -> &'static str {
        match self {
            Rule::BlockingSleep => lang.pick(
                "block is time.sleep in async code: it holds the event loop, so no other task runs meanwhile. Write sleep to wait without blocking, or offload block to wait in a worker.",
                "block 相当于异步代码里的 time.sleep：它占住事件循环，期间其他任务都不能运行。想等待而不阻塞请写 sleep，或者用 offload block 在工作线程里等待。",
            ),
            Rule::NeverAwaited => lang.pick(
                "call makes a coroutine object and never runs it (Python warns \"coroutine … was never awaited\"). Write await to run it, or spawn to run it as a task.",
                "call 只创建协程对象而不会运行它（Python 会警告“coroutine … was never awaited”）。想运行它请写 await，或者用 spawn 把它作为任务运行。",
            ),
            Rule::UnjoinedTask => lang.pick(
                "This task is spawned and never awaited here: if it is still running when main ends, asyncio.run cancels it. Await it before the block ends.",
                "这个任务创建后在这里没有被 await：如果 main 结束时它还在运行，asyncio.run 会取消它。请在代码块结束前 await 它。",
            ),
            Rule::SleepZero => lang.pick(
                "sleep 0 does not wait for anything: it only lets the other ready tasks run once (a yield). Write yield if that is what you mean, or await the task you wait for.",
                "sleep 0 并不会等待任何东西：它只让其他就绪的任务运行一轮（即 yield）。如果这正是你的意思请写 yield，否则请 await 你要等待的任务。",
            ),
            Rule::LongCompute => lang.pick(
                "This compute holds the event loop for over 50 ms, which the page shows as a stall. Write offload compute to run it in a worker.",
                "这个 compute 会占住事件循环超过 50 毫秒，页面会因此卡顿。请写 offload compute 让它在工作线程里运行。",
            ),
        }
    }
}

/// A lint at its place in the program's text (both from 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lint {
    pub line: usize,
    pub col: usize,
    pub rule: Rule,
    /// The block whose step it is.
    pub block: String,
}

/// The lints of `program`, which was read from `source`, in text order.
pub fn lints(program: &CheckedProgram, source: &str) -> Vec<Lint> {
    let places = step_places(source);
    let mut found = Vec::new();
    for (block, places) in program.blocks.iter().zip(&places) {
        for (at, step) in block.steps.iter().enumerate() {
            if let (Some(rule), Some(&(line, col))) = (rule_of(block, at, step), places.get(at)) {
                found.push(Lint {
                    line,
                    col,
                    rule,
                    block: block.name.clone(),
                });
            }
        }
    }
    found.sort_by_key(|lint| (lint.line, lint.col));
    found
}

/// The rule a slice of the timeline that holds the loop with `work` (`amount`
/// ms or units) breaks, if any: the timeline marks it.
pub fn slice_rule(work: Work, amount: u64) -> Option<Rule> {
    match work {
        Work::Block => Some(Rule::BlockingSleep),
        Work::Compute => (amount > LONG_COMPUTE_UNITS).then_some(Rule::LongCompute),
    }
}

/// The rule step `at` of `block` breaks, if any.
fn rule_of(block: &Block, at: usize, step: &Step) -> Option<Rule> {
    let copies = match block.kind {
        BlockKind::Task { copies } => copies,
        BlockKind::Coroutine => 1,
    };
    match step {
        Step::Block(_) => Some(Rule::BlockingSleep),
        Step::Call(_) => Some(Rule::NeverAwaited),
        Step::Sleep(amount) if (0..copies).all(|copy| amount.at(copy) == 0) => {
            Some(Rule::SleepZero)
        }
        Step::Compute(amount) if (0..copies).any(|copy| amount.at(copy) > LONG_COMPUTE_UNITS) => {
            Some(Rule::LongCompute)
        }
        Step::Spawn(name)
            if !block.steps[at..]
                .iter()
                .any(|later| matches!(later, Step::Await(joined) if joined == name)) =>
        {
            Some(Rule::UnjoinedTask)
        }
        _ => None,
    }
}

/// Where each block's steps are written, block by block in text order:
/// a step is an indented line under a block's header, at its first
/// character (comments and blank lines are not steps).
fn step_places(source: &str) -> Vec<Vec<(usize, usize)>> {
    let mut blocks: Vec<Vec<(usize, usize)>> = Vec::new();
    for (at, line) in source.lines().enumerate() {
        let code = line.trim_start();
        if code.is_empty() || code.starts_with('#') {
            continue;
        }
        let indent = line.chars().count() - code.chars().count();
        let header = code.split(char::is_whitespace).next().unwrap_or_default();
        if indent > 0 {
            if let Some(steps) = blocks.last_mut() {
                steps.push((at + 1, indent + 1));
            }
        } else if header == "task" || header == "coroutine" {
            blocks.push(Vec::new());
        }
    }
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::i18n::tests::assert_full_width_punctuation;
    use crate::model::parse::parse;
    use crate::model::presets::catalog;

    fn rules(source: &str) -> Vec<(usize, usize, &'static str)> {
        lints(&parse(source).unwrap(), source)
            .into_iter()
            .map(|lint| (lint.line, lint.col, lint.rule.name()))
            .collect()
    }

    #[test]
    fn each_rule_is_found_at_its_step_and_not_where_it_does_not_apply() {
        for (source, expected) in [
            ("task t\n  block 100\n", vec![(2, 3, "ASYNC251")]),
            ("task t\n  sleep 100\n  offload block 100\n", vec![]),
            (
                "task t\n  call c\ncoroutine c\n  yield\n",
                vec![(2, 3, "never-awaited")],
            ),
            ("task t\n  await c\ncoroutine c\n  yield\n", vec![]),
            (
                "task t\n  spawn c\n  sleep 10\ncoroutine c\n  yield\n",
                vec![(2, 3, "ASYNC300")],
            ),
            (
                "task t\n  spawn c\n  sleep 10\n  await c\ncoroutine c\n  yield\n",
                vec![],
            ),
            ("task t\n    sleep 0\n", vec![(2, 5, "sleep-zero")]),
            ("task t x3\n  sleep 100*{i}\n", vec![]),
            ("task t\n  yield\n", vec![]),
            ("task t\n  compute 51\n", vec![(2, 3, "long-compute")]),
            (
                "task t x3\n  compute 20+20*{i}\n",
                vec![(2, 3, "long-compute")],
            ),
            ("task t\n  compute 50\n  offload compute 500\n", vec![]),
        ] {
            assert_eq!(rules(source), expected, "{source}");
        }
    }

    #[test]
    fn places_skip_comments_blank_lines_and_settings() {
        let source = "# a demo\ntitle \"x\"\nrun gather\n\ntask a   # first\n  # not a step\n\n  print \"a\"\n\tblock 5\ncoroutine\tb\n\u{3000}\u{3000}block 1\n";
        assert_eq!(
            rules(source),
            [(9, 2, "ASYNC251"), (11, 3, "ASYNC251")],
            "a tab after coroutine, and columns counted in characters"
        );
    }

    #[test]
    fn the_blocking_preset_is_linted_and_the_others_only_where_they_teach_a_mistake() {
        for preset in catalog() {
            for source in [preset.source.en, preset.source.zh] {
                let found = rules(source);
                match preset.id {
                    "blocking-sleep" => {
                        assert!(found.iter().all(|l| l.2 == "ASYNC251") && !found.is_empty())
                    }
                    _ => assert!(
                        found.iter().all(|l| l.2 != "ASYNC251"),
                        "{}: {found:?}",
                        preset.id
                    ),
                }
            }
        }
    }

    #[test]
    fn a_slice_holding_the_loop_is_marked_as_its_step_is_linted() {
        assert_eq!(slice_rule(Work::Block, 1), Some(Rule::BlockingSleep));
        assert_eq!(slice_rule(Work::Compute, 51), Some(Rule::LongCompute));
        assert_eq!(slice_rule(Work::Compute, 50), None);
    }

    #[test]
    fn every_rule_is_written_in_both_languages() {
        for rule in [
            Rule::BlockingSleep,
            Rule::NeverAwaited,
            Rule::UnjoinedTask,
            Rule::SleepZero,
            Rule::LongCompute,
        ] {
            assert_ne!(rule.text(Lang::En), rule.text(Lang::Zh));
            assert_full_width_punctuation(rule.text(Lang::Zh));
        }
    }
}
