//! Exports a program as a runnable Python asyncio script (3.11+, standard
//! library only): a readable one for learners (and the Python tab that
//! shows it), and an instrumented one that prints one `EV <ms> <task>
//! <kind> <detail>` line per trace event.

use std::collections::{BTreeSet, HashMap};
use std::fmt::Write;

use super::program::{
    Amount, Block, BlockKind, CheckedProgram, Inputs, RunMode, Segment, Step, Text, Work,
};
use super::trace::{says, LOOP, MAIN};

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

    fn instrumented_header(&mut self) {
        let top: Vec<String> = self
            .program
            .task_instances()
            .into_iter()
            .map(|(name, _, _)| py_str(&name))
            .collect();
        let lines = [
            "import asyncio".to_string(),
            "import sys".into(),
            "import time".into(),
            "import warnings".into(),
            "from concurrent.futures import ThreadPoolExecutor".into(),
            String::new(),
            "SCALE = float(sys.argv[1]) if len(sys.argv) > 1 else 1.0".into(),
            format!("LATENCY = {}", self.program.latency_ms),
            format!(
                "_pool = ThreadPoolExecutor(max_workers={})",
                self.program.simulated_workers()
            ),
            format!(
                "_names = {{{}}}",
                [py_str(MAIN), py_str(LOOP)]
                    .into_iter()
                    .chain(top)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            "_tasks = []".into(),
            "_started = set()".into(),
            format!("_CANCELLED = {}", py_str(says::CANCELLED)),
            // Filled in with str.format: says::failed must have no other braces.
            format!("_FAILED = {}", py_str(&says::failed("{}"))),
            match self.program.mode {
                RunMode::Limit(n) => format!("_sem = asyncio.Semaphore({n})"),
                _ => "_sem = None".into(),
            },
            "_t0 = time.perf_counter()".into(),
        ];
        for line in lines {
            self.line(0, line);
        }
        self.out.push_str(INSTRUMENT_HELPERS);
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

    fn instrumented_main(&mut self) {
        let specs = self.top_specs();
        let create = "[_create(fn, args, name, True) for name, fn, args in TOP]";
        let mut lines = vec![
            format!("TOP = {specs}"),
            String::new(),
            String::new(),
            "async def main():".into(),
            "    global _t0".into(),
            "    _t0 = time.perf_counter()".into(),
            "    asyncio.current_task().set_name(\"main\")".into(),
            "    # Timers due within half a ms (scaled) of each other fire in one loop turn,"
                .into(),
            "    # as the simulator's whole-ms deadlines do.".into(),
            "    asyncio.get_running_loop()._clock_resolution = 0.5 * SCALE / 1000".into(),
            "    _ev(\"main\", \"start\")".into(),
            "    try:".into(),
        ];
        let gathered = |wait: &str| {
            vec![
                format!("tasks = {create}"),
                format!("_ev(\"main\", \"suspend\", \"{wait}\")"),
                "try:".into(),
                "    results = await asyncio.gather(*tasks)".into(),
                "finally:".into(),
                "    _ev(\"main\", \"resume\")".into(),
                "for name, value in results:".into(),
                "    _ev(\"main\", \"result\", f\"{name}: {value}\")".into(),
            ]
        };
        let body: Vec<String> = match self.program.mode {
            RunMode::Sequential => vec![
                "for name, fn, args in TOP:".into(),
                "    _, value = await _join(_create(fn, args, name, True))".into(),
                "    _ev(\"main\", \"result\", f\"{name}: {value}\")".into(),
            ],
            RunMode::Gather | RunMode::Limit(_) => gathered("gather"),
            RunMode::Timeout(ms) => {
                let inner = gathered("gather");
                let mut lines = vec![
                    inner[0].clone(),
                    inner[1].clone(),
                    "async with asyncio.timeout(".to_string()
                        + &ms.to_string()
                        + " * SCALE / 1000):",
                ];
                lines.extend(inner[2..6].iter().map(|l| format!("    {l}")));
                lines.extend(inner[6..].iter().cloned());
                lines
            }
            RunMode::Wait => vec![
                format!("tasks = {create}"),
                "_ev(\"main\", \"suspend\", \"wait\")".into(),
                "try:".into(),
                "    await asyncio.wait(tasks)".into(),
                "finally:".into(),
                "    _ev(\"main\", \"resume\")".into(),
                "for task in tasks:".into(),
                "    _ev(\"main\", \"result\", f\"{task.get_name()}: {_outcome(task)}\")".into(),
            ],
            RunMode::Race => vec![
                format!("tasks = {create}"),
                "_ev(\"main\", \"suspend\", \"race\")".into(),
                "try:".into(),
                "    done, _ = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)"
                    .into(),
                "finally:".into(),
                "    _ev(\"main\", \"resume\")".into(),
                "name, value = next(task for task in tasks if task in done).result()".into(),
                "_ev(\"main\", \"result\", f\"{name}: {value}\")".into(),
            ],
            RunMode::AsCompleted => vec![
                format!("tasks = {create}"),
                "for next_done in asyncio.as_completed(tasks):".into(),
                "    _ev(\"main\", \"suspend\", \"as_completed\")".into(),
                "    try:".into(),
                "        name, value = await next_done".into(),
                "    finally:".into(),
                "        _ev(\"main\", \"resume\")".into(),
                "    _ev(\"main\", \"result\", f\"{name}: {value}\")".into(),
            ],
        };
        lines.extend(body.into_iter().map(|l| format!("        {l}")));
        if let RunMode::Timeout(ms) = self.program.mode {
            lines.push("    except TimeoutError:".into());
            lines.push(format!(
                "        _ev(\"main\", \"failed\", {:?})",
                says::timeout(ms)
            ));
        }
        lines.extend(
            [
                "    except Exception as error:",
                "        _ev(\"main\", \"failed\", str(error))",
                "    else:",
                "        _ev(\"main\", \"done\", \"None\")",
                "    left = [task for task in _tasks if not task.done()]",
                "    for task in left:",
                "        task.cancel()",
                "    if left:",
                "        await asyncio.wait(left)",
                "",
                "",
                "asyncio.run(main(), debug=False)",
            ]
            .map(String::from),
        );
        for line in lines {
            self.line(0, line);
        }
    }
}

/// Helpers of the instrumented script: each prints the events the
/// simulator records at the same points.
const INSTRUMENT_HELPERS: &str = r#"

def _ev(task, kind, detail=""):
    ms = (time.perf_counter() - _t0) * 1000 / SCALE
    print(f"EV {ms:.3f} {task} {kind} {detail}".rstrip())


def _me():
    return asyncio.current_task().get_name()


def _warn(message, category, filename, lineno, file=None, line=None):
    _ev(_me(), "warning", str(message))


warnings.showwarning = _warn
warnings.simplefilter("always")


def _unique(base):
    name, k = base, 2
    while name in _names:
        name, k = f"{base}.{k}", k + 1
    _names.add(name)
    return name


def _note(task):
    if task.cancelled() and task.get_name() not in _started:
        _ev(task.get_name(), "cancelled")


def _create(fn, args, name, top):
    task = asyncio.create_task(_run(fn, args, top), name=name)
    task.add_done_callback(_note)
    _tasks.append(task)
    return task


def _outcome(task):
    if task.cancelled():
        return _CANCELLED
    if task.exception() is not None:
        return _FAILED.format(task.exception())
    return str(task.result()[1])


async def _run(fn, args, top):
    me = _me()
    _started.add(me)
    _ev(me, "start")
    held = False
    try:
        if top and _sem is not None:
            await _acquire(me)
            held = True
        value = await fn(*args)
    except asyncio.CancelledError:
        if held:
            _sem.release()
        _ev(me, "cancelled")
        raise
    except Exception as error:
        if held:
            _sem.release()
        _ev(me, "failed", str(error))
        raise
    if held:
        _sem.release()
    _ev(me, "done", str(value))
    return (me, value) if top else value


async def _acquire(me):
    if not _sem.locked():
        await _sem.acquire()
        return
    _ev(me, "suspend", "semaphore")
    try:
        await _sem.acquire()
    finally:
        _ev(me, "resume")


async def _suspended(detail, awaitable):
    me = _me()
    _ev(me, "suspend", detail)
    try:
        return await awaitable
    finally:
        _ev(me, "resume")


async def _sleep(ms):
    await _suspended(f"sleep {ms}", asyncio.sleep(ms * SCALE / 1000))


async def _yield():
    await _suspended("yield", asyncio.sleep(0))


def _hold(kind, amount):
    _ev(_me(), "block", f"{kind} {amount}")
    time.sleep(amount * SCALE / 1000)


async def _offload(kind, amount):
    loop = asyncio.get_running_loop()
    await _suspended(f"worker {kind} {amount}", loop.run_in_executor(_pool, time.sleep, amount * SCALE / 1000))


async def _fetch(url):
    await _suspended(f"fetch {url}", asyncio.sleep(LATENCY * SCALE / 1000))


async def _join(task):
    if task.done():
        return task.result()
    return await _suspended(f"join {task.get_name()}", task)
"#;

/// An amount in ms (or units) as a Python expression of `i`.
fn ms_expr(amount: Amount) -> String {
    match (amount.base, amount.per_copy) {
        (base, 0) => base.to_string(),
        (0, step) => format!("{step} * i"),
        (base, step) if step < 0 => format!("{base} - {} * i", step.unsigned_abs()),
        (base, step) => format!("{base} + {step} * i"),
    }
}

/// An amount in ms as a Python expression in seconds.
fn seconds(amount: Amount) -> String {
    match amount.per_copy {
        0 => format!("{}", f64::from(amount.base) / 1000.0),
        _ => format!("({}) / 1000", ms_expr(amount)),
    }
}

fn tuple(args: &[String]) -> String {
    match args.len() {
        0 => String::new(),
        1 => format!("{},", args[0]),
        _ => args.join(", "),
    }
}

/// A Python string literal (plain text, no placeholders).
fn py_str(text: &str) -> String {
    format!("\"{}\"", escape(text))
}

fn escape(text: &str) -> String {
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
fn fstring(text: &Text) -> String {
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
