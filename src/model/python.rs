//! Exports a program as a runnable Python asyncio script (3.11+, standard
//! library only): a readable one for learners (and the Python tab that
//! shows it), and an instrumented one that prints one `EV <ms> <task>
//! <kind> <detail>` line per trace event.

use std::collections::{BTreeSet, HashMap};
use std::fmt::Write;

use super::program::{Amount, Block, BlockKind, CheckedProgram, Inputs, RunMode, Step, Work};
use super::trace::says;

/// The script a learner copies: plain asyncio, `print` for output.
pub fn to_python(program: &CheckedProgram) -> String {
    Export::new(program, false).script()
}

/// The script the cross-check runs: the same program, printing `EV` lines
/// with times divided by the scale given as its first argument.
pub fn to_instrumented_python(program: &CheckedProgram) -> String {
    Export::new(program, true).script()
}

struct Export<'p> {
    program: &'p CheckedProgram,
    instrument: bool,
    inputs: HashMap<&'p str, Inputs>,
    out: String,
}

impl<'p> Export<'p> {
    fn new(program: &'p CheckedProgram, instrument: bool) -> Self {
        Self {
            program,
            instrument,
            inputs: program.inputs(),
            out: String::new(),
        }
    }

    fn line(&mut self, indent: usize, text: impl AsRef<str>) {
        let _ = writeln!(self.out, "{}{}", "    ".repeat(indent), text.as_ref());
    }

    fn uses(&self, pick: impl Fn(&Step) -> bool) -> bool {
        self.program.blocks.iter().flat_map(|b| &b.steps).any(pick)
    }

    fn script(mut self) -> String {
        let title = self
            .program
            .title
            .clone()
            .unwrap_or_else(|| "untitled".into());
        self.line(
            0,
            format!(
                "# {} — exported by Coroutine Playground.",
                title.replace(['\r', '\n'], " ")
            ),
        );
        self.line(0, "# Python 3.11+, standard library only.");
        if self.instrument {
            self.instrumented_header();
        } else {
            self.readable_header();
        }
        for block in &self.program.blocks {
            self.function(block);
        }
        self.main();
        self.out
    }

    fn readable_header(&mut self) {
        self.line(0, "import asyncio");
        let blocking = self.uses(|s| matches!(s, Step::Block(_)));
        let computing =
            self.uses(|s| matches!(s, Step::Compute(_) | Step::Offload(Work::Compute, _)));
        let offloading = self.uses(|s| matches!(s, Step::Offload(..)));
        if blocking || self.uses(|s| matches!(s, Step::Offload(Work::Block, _))) {
            self.line(0, "import time");
        }
        if offloading {
            self.line(0, "from concurrent.futures import ProcessPoolExecutor");
        }
        if computing {
            self.line(0, "");
            self.line(0, "");
            self.line(0, "def compute(units):");
            self.line(1, "\"\"\"CPU-bound work: about 1 ms per unit.\"\"\"");
            self.line(1, "total = 0");
            self.line(1, "for k in range(units * 20_000):");
            self.line(2, "total = (total * 31 + k) % 1_000_003");
            self.line(1, "return total");
        }
        if self.uses(|s| matches!(s, Step::Fetch { .. })) {
            self.line(0, "");
            self.line(0, "");
            self.line(0, "async def fetch(url, select=None):");
            self.line(1, "\"\"\"In the playground this fetches the bundled page and applies the CSS selector.");
            self.line(0, "");
            self.line(1, "With aiohttp and BeautifulSoup it would be:");
            self.line(2, "async with session.get(url) as response:");
            self.line(
                3,
                "soup = BeautifulSoup(await response.text(), \"html.parser\")",
            );
            self.line(3, "return [tag.get_text() for tag in soup.select(select)]");
            self.line(1, "\"\"\"");
            self.line(
                1,
                format!(
                    "await asyncio.sleep({})  # the network latency",
                    seconds(Amount::fixed(self.program.latency_ms))
                ),
            );
        }
        if offloading {
            self.line(0, "");
            self.line(
                0,
                format!(
                    "pool = ProcessPoolExecutor(max_workers={})",
                    self.program.simulated_workers()
                ),
            );
        }
    }

    /// Parameters of a block's function: `i` and the results it shows.
    fn params(&self, name: &str) -> Vec<String> {
        let inputs = &self.inputs[name];
        let copy = inputs.copy.then(|| "i".to_string());
        copy.into_iter()
            .chain(inputs.results.iter().map(|r| format!("{r}_result")))
            .collect()
    }

    /// Arguments for calling `callee` where `known` results are in scope.
    fn args(&self, callee: &str, known: &BTreeSet<String>) -> Vec<String> {
        let inputs = &self.inputs[callee];
        let copy = inputs.copy.then(|| "i".to_string());
        let results = inputs.results.iter().map(|r| {
            if known.contains(r) {
                format!("{r}_result")
            } else {
                "None".into()
            }
        });
        copy.into_iter().chain(results).collect()
    }

    fn function(&mut self, block: &Block) {
        self.line(0, "");
        self.line(0, "");
        self.line(
            0,
            format!(
                "async def {}({}):",
                block.name,
                self.params(&block.name).join(", ")
            ),
        );
        let mut known: BTreeSet<String> = self.inputs[block.name.as_str()]
            .results
            .iter()
            .cloned()
            .collect();
        let mut spawned: BTreeSet<&str> = BTreeSet::new();
        if block.steps.is_empty() {
            self.line(1, "pass");
        }
        for step in &block.steps {
            self.step(step, &mut known, &mut spawned);
        }
    }

    fn step<'b>(
        &mut self,
        step: &'b Step,
        known: &mut BTreeSet<String>,
        spawned: &mut BTreeSet<&'b str>,
    ) {
        let ev = self.instrument;
        let line = match step {
            Step::Print(text) if ev => format!("_ev(_me(), \"print\", {})", fstring(text)),
            Step::Print(text) => format!("print({})", fstring(text)),
            Step::Sleep(amount) if ev => format!("await _sleep({})", ms_expr(*amount)),
            Step::Sleep(amount) => format!("await asyncio.sleep({})", seconds(*amount)),
            Step::Yield if ev => "await _yield()".into(),
            Step::Yield => "await asyncio.sleep(0)  # give every other ready task a turn".into(),
            Step::Block(amount) if ev => format!("_hold(\"block\", {})", ms_expr(*amount)),
            Step::Compute(amount) if ev => format!("_hold(\"compute\", {})", ms_expr(*amount)),
            Step::Block(amount) => {
                format!("time.sleep({})  # blocks the whole loop", seconds(*amount))
            }
            Step::Compute(amount) => format!(
                "compute({})  # holds the loop while it runs",
                ms_expr(*amount)
            ),
            Step::Offload(work, amount) if ev => {
                format!("await _offload(\"{}\", {})", work.name(), ms_expr(*amount))
            }
            Step::Offload(Work::Compute, amount) => {
                format!(
                    "await asyncio.get_running_loop().run_in_executor(pool, compute, {})",
                    ms_expr(*amount)
                )
            }
            Step::Offload(Work::Block, amount) => {
                format!(
                    "await asyncio.get_running_loop().run_in_executor(pool, time.sleep, {})",
                    seconds(*amount)
                )
            }
            Step::Fetch { url, .. } if ev => format!("await _fetch({})", fstring(url)),
            Step::Fetch { url, select } => {
                let select = select.as_deref().map_or_else(|| "None".into(), py_str);
                format!("await fetch({}, {select})", fstring(url))
            }
            Step::CallSoon(text) if ev => format!(
                "asyncio.get_running_loop().call_soon(_ev, \"loop\", \"callback\", {})",
                fstring(text)
            ),
            Step::CallSoon(text) => format!(
                "asyncio.get_running_loop().call_soon(print, {})",
                fstring(text)
            ),
            Step::Spawn(name) => {
                spawned.insert(name);
                let call = format!("{name}({})", self.args(name, known).join(", "));
                if ev {
                    self.line(
                        1,
                        format!(
                            "{name}_task = _create({name}, ({}), _unique(\"{name}\"), False)",
                            tuple(&self.args(name, known))
                        ),
                    );
                    format!("_ev(_me(), \"spawn\", {name}_task.get_name())")
                } else {
                    format!("{name}_task = asyncio.create_task({call})")
                }
            }
            Step::Await(name) if spawned.contains(name.as_str()) => {
                known.insert(name.clone());
                if ev {
                    format!("{name}_result = await _join({name}_task)")
                } else {
                    format!("{name}_result = await {name}_task")
                }
            }
            Step::Await(name) => {
                let call = format!("{name}({})", self.args(name, known).join(", "));
                known.insert(name.clone());
                if ev {
                    self.line(1, format!("_ev(_me(), \"enter\", \"{name}\")"));
                    self.line(1, format!("{name}_result = await {call}"));
                    format!("_ev(_me(), \"exit\", f\"{name} returned {{{name}_result}}\")")
                } else {
                    format!("{name}_result = await {call}")
                }
            }
            Step::Call(name) => format!(
                "{name}({})  # never awaited: it never runs",
                self.args(name, known).join(", ")
            ),
            Step::Return(text) => format!("return {}", fstring(text)),
            Step::Fail(text) => format!("raise Exception({})", fstring(text)),
        };
        self.line(1, line);
    }

    /// The instrumented script's task list: `[("hello0", hello, (0,)), …]`.
    fn top_specs(&self) -> String {
        let mut parts = Vec::new();
        for block in &self.program.blocks {
            let BlockKind::Task { copies } = block.kind else {
                continue;
            };
            let takes_copy = self.inputs[block.name.as_str()].copy;
            let name = &block.name;
            parts.push(match (copies, takes_copy) {
                (1, false) => format!("[(\"{name}\", {name}, ())]"),
                (1, true) => format!("[(\"{name}\", {name}, (0,))]"),
                (n, false) => format!("[(f\"{name}{{i}}\", {name}, ()) for i in range({n})]"),
                (n, true) => format!("[(f\"{name}{{i}}\", {name}, (i,)) for i in range({n})]"),
            });
        }
        parts.join(" + ")
    }

    fn main(&mut self) {
        self.line(0, "");
        self.line(0, "");
        if self.instrument {
            self.instrumented_main();
        } else {
            self.readable_main();
        }
    }

    /// Each top-level task's creation, as the learner would write it:
    /// `(copies, create_task expression, the label of its result's line)`,
    /// `i` the copy number.
    fn readable_tasks(&self, wrap: impl Fn(&str) -> String) -> Vec<(u32, String, String)> {
        let mut tasks = Vec::new();
        for block in &self.program.blocks {
            let BlockKind::Task { copies } = block.kind else {
                continue;
            };
            let name = &block.name;
            let takes_copy = self.inputs[name.as_str()].copy;
            let call = match (copies, takes_copy) {
                (_, false) => format!("{name}()"),
                (1, true) => format!("{name}(0)"),
                (_, true) => format!("{name}(i)"),
            };
            // A Python string literal of the task's name, then of its line.
            let (task_name, report) = if copies == 1 {
                (format!("\"{name}\""), format!("\"{name} ->\""))
            } else {
                (format!("f\"{name}{{i}}\""), format!("f\"{name}{{i}} ->\""))
            };
            let create = format!("asyncio.create_task({}, name={task_name})", wrap(&call));
            tasks.push((copies, create, report));
        }
        tasks
    }

    fn readable_main(&mut self) {
        if let RunMode::Limit(n) = self.program.mode {
            self.line(0, format!("semaphore = asyncio.Semaphore({n})"));
            self.line(0, "");
            self.line(0, "");
            self.line(0, "async def limited(coroutine):");
            self.line(1, format!("async with semaphore:  # at most {n} at once"));
            self.line(2, "return await coroutine");
            self.line(0, "");
            self.line(0, "");
        }
        self.line(0, "async def main():");
        let wrap = |call: &str| match self.program.mode {
            RunMode::Limit(_) => format!("limited({call})"),
            _ => call.to_string(),
        };
        let tasks = self.readable_tasks(wrap);
        if self.program.mode == RunMode::Sequential {
            for (copies, create, label) in tasks {
                let report = format!("print({label}, await {create})");
                if copies == 1 {
                    self.line(1, report);
                } else {
                    self.line(1, format!("for i in range({copies}):"));
                    self.line(2, report);
                }
            }
        } else {
            let lists: Vec<String> = tasks
                .iter()
                .map(|(copies, create, _)| match copies {
                    1 => format!("[{create}]"),
                    n => format!("[{create} for i in range({n})]"),
                })
                .collect();
            self.line(1, format!("tasks = {}", lists.join(" + ")));
            let body: Vec<String> = match self.program.mode {
                RunMode::Gather | RunMode::Limit(_) => vec!["results = await asyncio.gather(*tasks)".into(), "print(results)".into()],
                RunMode::Wait => vec![
                    "done, pending = await asyncio.wait(tasks)  # done is a set: it has no order".into(),
                    "for task in tasks:".into(),
                    "    print(task.get_name(), \"->\", task.exception() or task.result())".into(),
                ],
                RunMode::AsCompleted => vec!["for next_done in asyncio.as_completed(tasks):".into(), "    print(await next_done)".into()],
                RunMode::Race => vec![
                    "done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)".into(),
                    "winner = next(task for task in tasks if task in done)".into(),
                    "print(winner.get_name(), \"->\", winner.result())  # asyncio.run cancels the rest".into(),
                ],
                RunMode::Timeout(ms) => vec![
                    "try:".into(),
                    format!("    async with asyncio.timeout({}):", seconds(Amount::fixed(ms))),
                    "        results = await asyncio.gather(*tasks)".into(),
                    "    print(results)".into(),
                    "except TimeoutError:".into(),
                    format!("    print({:?})", says::timeout(ms)),
                ],
                RunMode::Sequential => unreachable!("handled above"),
            };
            for line in body {
                self.line(1, line);
            }
        }
        self.line(0, "");
        self.line(0, "");
        self.line(0, "asyncio.run(main())");
    }
}

mod instrumented;
mod literals;

use literals::{fstring, ms_expr, py_str, seconds, tuple};
