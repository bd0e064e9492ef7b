//! A program: settings, and the tasks and coroutines whose steps it runs.

use std::collections::HashMap;

/// A program: its settings and its blocks, as written; [`CheckedProgram`]
/// is one that passed the checks (see docs/format.md).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Program {
    pub title: Option<String>,
    pub mode: RunMode,
    /// Simulated network latency added before each `fetch`, in ms.
    pub latency_ms: u32,
    /// Size of the worker pool for `offload`; `None` means the browser's default.
    pub workers: Option<u32>,
    pub blocks: Vec<Block>,
}

/// A program that passed every check: [`crate::model::parse::parse`]
/// makes one. Every name its steps give is one of its
/// coroutines, nothing awaits itself, and a run of it stays within the
/// limits, so code that runs it finds its blocks with
/// [`CheckedProgram::block_of`], which cannot miss.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedProgram(Program);

impl CheckedProgram {
    /// `program`, which the model's checks have passed: only `parse` calls
    /// this, once they have.
    pub(super) fn new(program: Program) -> Self {
        Self(program)
    }

    /// The inputs of every block, by name (see [`Program::early_results`]).
    pub fn inputs(&self) -> std::collections::HashMap<&str, Inputs> {
        let early = self.0.early_results();
        let mut copy = vec![None; self.blocks.len()];
        self.0
            .blocks
            .iter()
            .enumerate()
            .map(|(at, block)| {
                let results: std::collections::BTreeSet<&str> =
                    early[at].iter().map(|e| e.name).collect();
                let inputs = Inputs {
                    copy: self.0.uses_copy(at, &mut copy),
                    results: results.into_iter().map(str::to_string).collect(),
                };
                (block.name.as_str(), inputs)
            })
            .collect()
    }

    /// The index of the block called `name`, which a step of this program gives.
    pub fn block_of(&self, name: &str) -> usize {
        self.0
            .block_index(name)
            .unwrap_or_else(|| unreachable!("a checked program's steps name its own blocks"))
    }
}

impl std::ops::Deref for CheckedProgram {
    type Target = Program;

    fn deref(&self) -> &Program {
        &self.0
    }
}

/// How `main` runs the top-level tasks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunMode {
    /// Await one task after another.
    Sequential,
    /// `asyncio.gather`: concurrent, results in input order.
    Gather,
    /// `asyncio.wait`: concurrent, a done set.
    Wait,
    /// `asyncio.as_completed`: results in completion order.
    AsCompleted,
    /// The first task to finish wins; the rest are cancelled.
    Race,
    /// Concurrent, at most N at once (a semaphore).
    Limit(u32),
    /// Gather, cancelled when this many ms have passed.
    Timeout(u32),
}

/// A `task` (run by `main`) or a `coroutine` (run when awaited or spawned).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub name: String,
    pub kind: BlockKind,
    pub steps: Vec<Step>,
}

/// Whether a block is a top-level task (with its number of copies) or a coroutine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Task { copies: u32 },
    Coroutine,
}

/// A whole number of ms or units, optionally growing with the copy index:
/// `base + per_copy * i`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Amount {
    pub base: u32,
    pub per_copy: i32,
}

/// Text with placeholders, as written between quotes.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Text(pub Vec<Segment>);

/// A piece of [`Text`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    Literal(String),
    /// `{i}`: the copy index, from 0.
    CopyIndex,
    /// `{n}`: the copy number, from 1.
    CopyNumber,
    /// `{name}`: the result of `await name`.
    Result(String),
}

/// Work that `offload` sends to the worker pool.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Work {
    Compute,
    Block,
}

impl Work {
    /// The word for it after `offload`.
    pub fn name(self) -> &'static str {
        match self {
            Work::Compute => "compute",
            Work::Block => "block",
        }
    }

    /// The work `name` means.
    pub fn named(name: &str) -> Option<Work> {
        [Work::Compute, Work::Block]
            .into_iter()
            .find(|work| work.name() == name)
    }
}

/// One step of a task or coroutine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    Print(Text),
    Sleep(Amount),
    Yield,
    Block(Amount),
    Compute(Amount),
    Offload(Work, Amount),
    Fetch { url: Text, select: Option<String> },
    CallSoon(Text),
    Spawn(String),
    Await(String),
    Call(String),
    Return(Text),
    Fail(Text),
}

impl Program {
    /// The block called `name`.
    pub fn block(&self, name: &str) -> Option<&Block> {
        self.blocks.iter().find(|block| block.name == name)
    }

    /// The index of the block called `name` in [`Program::blocks`].
    pub fn block_index(&self, name: &str) -> Option<usize> {
        self.blocks.iter().position(|block| block.name == name)
    }

    /// Every block's index in [`Program::blocks`] by its name, for code that
    /// looks names up many times.
    pub fn block_indices(&self) -> HashMap<&str, usize> {
        self.blocks
            .iter()
            .enumerate()
            .map(|(at, block)| (block.name.as_str(), at))
            .collect()
    }

    /// The top-level tasks expanded into their copies, in the order `main`
    /// creates them: `(task name, block, copy index)`.
    pub fn task_instances(&self) -> Vec<(String, &Block, u32)> {
        self.blocks
            .iter()
            .filter_map(|block| match block.kind {
                BlockKind::Task { copies } => Some((block, copies)),
                BlockKind::Coroutine => None,
            })
            .flat_map(|(block, copies)| {
                (0..copies).map(move |i| (block.instance_name(copies, i), block, i))
            })
            .collect()
    }

    /// The ms a run of this program may hold the loop in all, at time
    /// scale 1: every `block` ms and `compute` unit (about a ms each) of
    /// every copy, with the coroutines it awaits inline and the tasks it
    /// spawns. An upper bound: a task that ends early holds less. Needs a
    /// checked program (no recursion).
    pub fn loop_holding_ms(&self) -> u64 {
        self.loop_holding_by_task()
            .map(|(_, held)| held)
            .fold(0, u64::saturating_add)
    }

    /// [`Program::loop_holding_ms`] of each top-level task, all its copies
    /// together: `(block index, ms)`, in the program's order.
    pub fn loop_holding_by_task(&self) -> impl Iterator<Item = (usize, u64)> + '_ {
        let index = self.block_indices();
        self.blocks
            .iter()
            .enumerate()
            .filter_map(move |(at, block)| match block.kind {
                BlockKind::Task { copies } => Some((
                    at,
                    (0..copies)
                        .map(|copy| self.holding_ms(&index, at, copy))
                        .fold(0, u64::saturating_add),
                )),
                BlockKind::Coroutine => None,
            })
    }

    /// The loop holding of one block run as copy `copy`.
    fn holding_ms(&self, index: &HashMap<&str, usize>, at: usize, copy: u32) -> u64 {
        let mut spawned = Vec::new();
        let mut held = 0u64;
        for step in &self.blocks[at].steps {
            let callee = match step {
                Step::Block(amount) | Step::Compute(amount) => {
                    held = held.saturating_add(amount.at(copy));
                    None
                }
                Step::Spawn(name) => {
                    spawned.push(name.as_str());
                    Some(name)
                }
                Step::Await(name) if !spawned.contains(&name.as_str()) => Some(name),
                _ => None,
            };
            if let Some(&callee) = callee.and_then(|name| index.get(name.as_str())) {
                held = held.saturating_add(self.holding_ms(index, callee, copy));
            }
        }
        held
    }

    /// How many workers the simulator assumes when the program sets none.
    pub const DEFAULT_WORKERS: u32 = 4;

    /// The pool size the simulator uses.
    pub fn simulated_workers(&self) -> u32 {
        self.workers.unwrap_or(Self::DEFAULT_WORKERS)
    }
}

impl Block {
    /// Whether this block is a top-level task.
    pub fn is_task(&self) -> bool {
        matches!(self.kind, BlockKind::Task { .. })
    }

    fn instance_name(&self, copies: u32, index: u32) -> String {
        if copies == 1 {
            self.name.clone()
        } else {
            format!("{}{index}", self.name)
        }
    }
}

impl Amount {
    /// A fixed amount.
    pub const fn fixed(base: u32) -> Self {
        Self { base, per_copy: 0 }
    }

    /// The amount for copy `index`; a checked program never makes it negative.
    pub fn at(self, index: u32) -> u64 {
        let value = i64::from(self.base) + i64::from(self.per_copy) * i64::from(index);
        value.max(0) as u64
    }
}

impl Text {
    /// Text without placeholders.
    pub fn literal(text: &str) -> Self {
        Self(vec![Segment::Literal(text.to_string())])
    }

    /// Fills in the placeholders: the copy `index` and results by name.
    pub fn render<'a>(&self, index: u32, result_of: impl Fn(&str) -> Option<&'a str>) -> String {
        let mut out = String::new();
        for segment in &self.0 {
            match segment {
                Segment::Literal(text) => out.push_str(text),
                Segment::CopyIndex => out.push_str(&index.to_string()),
                Segment::CopyNumber => out.push_str(&(index + 1).to_string()),
                Segment::Result(name) => out.push_str(result_of(name).unwrap_or("None")),
            }
        }
        out
    }

    /// Names whose results the text shows.
    pub fn result_names(&self) -> impl Iterator<Item = &str> {
        self.0.iter().filter_map(|segment| match segment {
            Segment::Result(name) => Some(name.as_str()),
            _ => None,
        })
    }

    /// Whether the text shows the copy index or number.
    pub fn uses_copy(&self) -> bool {
        self.0
            .iter()
            .any(|segment| matches!(segment, Segment::CopyIndex | Segment::CopyNumber))
    }
}

impl Step {
    /// The texts a step carries.
    pub fn texts(&self) -> Vec<&Text> {
        match self {
            Step::Print(text) | Step::CallSoon(text) | Step::Return(text) | Step::Fail(text) => {
                vec![text]
            }
            Step::Fetch { url, .. } => vec![url],
            _ => Vec::new(),
        }
    }

    /// The amount of ms or units a step carries, if any.
    pub fn amount(&self) -> Option<Amount> {
        match self {
            Step::Sleep(a) | Step::Block(a) | Step::Compute(a) | Step::Offload(_, a) => Some(*a),
            _ => None,
        }
    }

    /// The coroutine a step names, if any.
    pub fn target(&self) -> Option<&str> {
        match self {
            Step::Spawn(name) | Step::Await(name) | Step::Call(name) => Some(name),
            _ => None,
        }
    }
}

/// What a block needs from whoever runs it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Inputs {
    /// It shows `{i}`/`{n}` or uses them in an amount, itself or through what it runs.
    pub copy: bool,
    /// Results it shows before it awaits them itself, in name order.
    pub results: Vec<String>,
}

/// A result a block shows before it has awaited the coroutine that makes
/// it, so whoever runs the block must provide it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EarlyResult<'a> {
    /// The step that shows it, by its position in the block.
    pub step: usize,
    pub name: &'a str,
    /// The coroutine it is shown through (awaited or spawned by that step),
    /// or `None` when the step shows it itself.
    pub via: Option<&'a str>,
}

impl Program {
    /// For each block, by index: the results it shows before it has awaited
    /// the coroutine that makes them, itself or through a coroutine it awaits
    /// or spawns (`call` runs nothing), each name once, at the step that first
    /// shows it (a callee's in the order it shows them). A task has nobody to
    /// provide them (a check), a coroutine takes them as parameters (the
    /// Python export): the one analysis of what a block needs. The program
    /// must not recurse, which the checks make sure of before they ask.
    pub(super) fn early_results(&self) -> Vec<Vec<EarlyResult<'_>>> {
        let mut memo = vec![None; self.blocks.len()];
        (0..self.blocks.len())
            .map(|at| self.early_results_of(at, &mut memo))
            .collect()
    }

    fn early_results_of<'a>(
        &'a self,
        at: usize,
        memo: &mut Vec<Option<Vec<EarlyResult<'a>>>>,
    ) -> Vec<EarlyResult<'a>> {
        if let Some(done) = &memo[at] {
            return done.clone();
        }
        let mut known = std::collections::BTreeSet::new();
        let mut early = Vec::new();
        for (step_at, step) in self.blocks[at].steps.iter().enumerate() {
            let shown = step.texts().into_iter().flat_map(Text::result_names);
            let mut wanted: Vec<(&str, Option<&str>)> = shown.map(|name| (name, None)).collect();
            if let Step::Await(target) | Step::Spawn(target) = step {
                if let Some(callee) = self.block_index(target) {
                    let through = self.early_results_of(callee, memo);
                    wanted.extend(through.iter().map(|e| (e.name, Some(target.as_str()))));
                }
            }
            // Each name once, where it is first shown: a list bounded by the
            // program's names, however often coroutines run one another.
            for (name, via) in wanted {
                if !known.contains(name) && !early.iter().any(|e: &EarlyResult| e.name == name) {
                    early.push(EarlyResult {
                        step: step_at,
                        name,
                        via,
                    });
                }
            }
            if let Step::Await(target) = step {
                known.insert(target.as_str());
            }
        }
        memo[at] = Some(early.clone());
        early
    }

    /// Whether block `at` shows `{i}`/`{n}` or uses them in an amount, itself
    /// or through what it runs.
    fn uses_copy(&self, at: usize, memo: &mut Vec<Option<bool>>) -> bool {
        if let Some(done) = memo[at] {
            return done;
        }
        let uses = self.blocks[at].steps.iter().any(|step| {
            step.texts().iter().any(|text| text.uses_copy())
                || step.amount().is_some_and(|a| a.per_copy != 0)
                || step
                    .target()
                    .and_then(|name| self.block_index(name))
                    .is_some_and(|callee| self.uses_copy(callee, memo))
        });
        memo[at] = Some(uses);
        uses
    }
}
