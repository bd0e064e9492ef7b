//! A program: settings, and the tasks and coroutines whose steps it runs.

use std::collections::HashMap;

/// A parsed, checked program (see docs/format.md).
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

impl Program {
    /// The inputs of every block, by name. The program must be checked
    /// (no recursion), as [`crate::model::parse::parse`] guarantees.
    pub fn inputs(&self) -> std::collections::HashMap<&str, Inputs> {
        let mut done = std::collections::HashMap::new();
        for block in &self.blocks {
            self.inputs_of(block, &mut done);
        }
        done
    }

    fn inputs_of<'a>(
        &'a self,
        block: &'a Block,
        done: &mut std::collections::HashMap<&'a str, Inputs>,
    ) -> Inputs {
        if let Some(inputs) = done.get(block.name.as_str()) {
            return inputs.clone();
        }
        let mut copy = false;
        let mut known = std::collections::BTreeSet::new();
        let mut results = std::collections::BTreeSet::new();
        for step in &block.steps {
            for text in step.texts() {
                copy |= text.uses_copy();
                results.extend(
                    text.result_names()
                        .filter(|name| !known.contains(*name))
                        .map(str::to_string),
                );
            }
            if let Step::Sleep(a) | Step::Block(a) | Step::Compute(a) | Step::Offload(_, a) = step {
                copy |= a.per_copy != 0;
            }
            if let Some(callee) = step.target().and_then(|name| self.block(name)) {
                let callee_inputs = self.inputs_of(callee, done);
                copy |= callee_inputs.copy;
                if !matches!(step, Step::Call(_)) {
                    results.extend(
                        callee_inputs
                            .results
                            .into_iter()
                            .filter(|name| !known.contains(name)),
                    );
                }
            }
            if let Step::Await(name) = step {
                known.insert(name.clone());
            }
        }
        let inputs = Inputs {
            copy,
            results: results.into_iter().collect(),
        };
        done.insert(&block.name, inputs.clone());
        inputs
    }
}
