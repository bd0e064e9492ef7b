//! The table of steps: each step's keyword, what follows it, the asyncio
//! code it stands for and the value a new one starts from in the table
//! editor. Parsing, printing, the checks and the table editor read it.

use super::limits::{MAX_BLOCK_MS, MAX_COMPUTE_UNITS, MAX_WAIT_MS};
use super::program::{Amount, Step, Text};

/// What follows a step's keyword, and how the step is made from it.
#[derive(Clone, Copy)]
pub enum Arg {
    /// Nothing: `yield`.
    Nothing(fn() -> Step),
    /// An amount (`300`, `100*{i}`) of `what`, at most `max`.
    Amount {
        what: &'static str,
        max: u64,
        make: fn(Amount) -> Step,
    },
    /// A quoted text, with placeholders.
    Text(fn(Text) -> Step),
    /// The name of a coroutine.
    Name(fn(String) -> Step),
    /// `compute N` or `block MS`, at most `max`: the work a worker does.
    Offload { max: u64 },
    /// A quoted URL, then optionally `select "CSS"`.
    Fetch,
}

/// One kind of step.
pub struct StepKind {
    /// The word a step line starts with.
    pub keyword: &'static str,
    pub arg: Arg,
    /// What follows the keyword in a new step of this kind, in the table
    /// editor (a coroutine's name, for steps that name one, is the editor's).
    pub starts_with: &'static str,
    /// The Python the step stands for, as docs/format.md gives it; the
    /// table editor shows it beside each kind.
    pub python: &'static str,
}

/// What an amount of ms is called in messages.
pub const DURATION: &str = "a duration in ms";
/// What an amount of compute units is called in messages.
pub const UNITS: &str = "a number of units";

/// Every step, in the order the editor offers them, which is also the order
/// of [`Step`]'s variants ([`Step::kind`] finds a step's row by it).
pub const STEPS: [StepKind; 13] = [
    StepKind {
        keyword: "print",
        arg: Arg::Text(Step::Print),
        starts_with: "\"text\"",
        python: "print(f\"text\")",
    },
    StepKind {
        keyword: "sleep",
        arg: Arg::Amount {
            what: DURATION,
            max: MAX_WAIT_MS,
            make: Step::Sleep,
        },
        starts_with: "100",
        python: "await asyncio.sleep(MS/1000)",
    },
    StepKind {
        keyword: "yield",
        arg: Arg::Nothing(|| Step::Yield),
        starts_with: "",
        python: "await asyncio.sleep(0)",
    },
    StepKind {
        keyword: "block",
        arg: Arg::Amount {
            what: DURATION,
            max: MAX_BLOCK_MS,
            make: Step::Block,
        },
        starts_with: "100",
        python: "time.sleep(MS/1000)  # holds the loop",
    },
    StepKind {
        keyword: "compute",
        arg: Arg::Amount {
            what: UNITS,
            max: MAX_COMPUTE_UNITS,
            make: Step::Compute,
        },
        starts_with: "100",
        python: "compute(N)  # CPU work on the loop",
    },
    StepKind {
        keyword: "offload",
        arg: Arg::Offload { max: MAX_WAIT_MS },
        starts_with: "compute 100",
        python: "await loop.run_in_executor(pool, f)",
    },
    StepKind {
        keyword: "fetch",
        arg: Arg::Fetch,
        starts_with: "\"site/1.html\" select \".post .author\"",
        python: "await session.get(url)",
    },
    StepKind {
        keyword: "call_soon",
        arg: Arg::Text(Step::CallSoon),
        starts_with: "\"callback\"",
        python: "loop.call_soon(print, f\"text\")",
    },
    StepKind {
        keyword: "spawn",
        arg: Arg::Name(Step::Spawn),
        starts_with: "",
        python: "NAME_task = asyncio.create_task(NAME())",
    },
    StepKind {
        keyword: "await",
        arg: Arg::Name(Step::Await),
        starts_with: "",
        python: "await NAME_task, or await NAME()",
    },
    StepKind {
        keyword: "call",
        arg: Arg::Name(Step::Call),
        starts_with: "",
        python: "NAME()  # never awaited",
    },
    StepKind {
        keyword: "return",
        arg: Arg::Text(Step::Return),
        starts_with: "\"value\"",
        python: "return f\"value\"",
    },
    StepKind {
        keyword: "fail",
        arg: Arg::Text(Step::Fail),
        starts_with: "\"error\"",
        python: "raise Exception(f\"message\")",
    },
];

/// The kind of step written `keyword`.
pub fn find(keyword: &str) -> Option<&'static StepKind> {
    STEPS.iter().find(|kind| kind.keyword == keyword)
}

/// Every keyword, for messages: `print, sleep, …, fail`.
pub fn keywords() -> String {
    STEPS.map(|kind| kind.keyword).join(", ")
}

impl Step {
    /// This step's row of [`STEPS`] (rows are in the order of [`Step`]'s
    /// variants; the tests read each row's step back as that row).
    pub fn kind(&self) -> &'static StepKind {
        let row = match self {
            Step::Print(_) => 0,
            Step::Sleep(_) => 1,
            Step::Yield => 2,
            Step::Block(_) => 3,
            Step::Compute(_) => 4,
            Step::Offload(..) => 5,
            Step::Fetch { .. } => 6,
            Step::CallSoon(_) => 7,
            Step::Spawn(_) => 8,
            Step::Await(_) => 9,
            Step::Call(_) => 10,
            Step::Return(_) => 11,
            Step::Fail(_) => 12,
        };
        &STEPS[row]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::parse::parse_step;

    #[test]
    fn every_row_reads_its_own_new_step_back_as_its_kind() {
        for kind in &STEPS {
            let value = match kind.arg {
                Arg::Name(_) => "helper",
                _ => kind.starts_with,
            };
            let line = format!("{} {value}", kind.keyword);
            let step = parse_step(line.trim_end(), true).unwrap_or_else(|e| panic!("{line}: {e}"));
            assert_eq!(step.kind().keyword, kind.keyword);
        }
    }

    #[test]
    fn keywords_are_unique() {
        let mut seen: Vec<&str> = STEPS.iter().map(|kind| kind.keyword).collect();
        seen.sort_unstable();
        seen.dedup();
        assert_eq!(seen.len(), STEPS.len());
    }
}
