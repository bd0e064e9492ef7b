//! The instrumented export the cross-check runs: a header of helpers that
//! print an `EV` line per event, and a `main` that records as the
//! simulator does.

use super::literals::py_str;
use super::Export;
use crate::model::program::RunMode;
use crate::model::trace::{says, LOOP, MAIN};

/// Helpers of the instrumented script: each prints the events the
/// simulator records at the same points.
const INSTRUMENT_HELPERS: &str = include_str!("instrument_helpers.py");

impl Export<'_> {
    pub(super) fn instrumented_header(&mut self) {
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
        // Two blank lines before the helpers' first def, as PEP 8 spaces them.
        self.out.push_str("\n\n");
        self.out.push_str(INSTRUMENT_HELPERS);
    }

    pub(super) fn instrumented_main(&mut self) {
        let specs = self.top_specs();
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
        lines.extend(
            main_body(self.program.mode)
                .into_iter()
                .map(|l| format!("        {l}")),
        );
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

/// The body of the instrumented `main`'s `try` in `mode`: it creates the
/// top-level tasks, waits for them as the mode does and records each result.
fn main_body(mode: RunMode) -> Vec<String> {
    let create = "[_create(fn, args, name, True) for name, fn, args in TOP]";
    let gathered = || {
        vec![
            format!("tasks = {create}"),
            "_ev(\"main\", \"suspend\", \"gather\")".into(),
            "try:".into(),
            "    results = await asyncio.gather(*tasks)".into(),
            "finally:".into(),
            "    _ev(\"main\", \"resume\")".into(),
            "for name, value in results:".into(),
            "    _ev(\"main\", \"result\", f\"{name}: {value}\")".into(),
        ]
    };
    match mode {
        RunMode::Sequential => vec![
            "for name, fn, args in TOP:".into(),
            "    _, value = await _join(_create(fn, args, name, True))".into(),
            "    _ev(\"main\", \"result\", f\"{name}: {value}\")".into(),
        ],
        RunMode::Gather | RunMode::Limit(_) => gathered(),
        RunMode::Timeout(ms) => {
            let inner = gathered();
            let mut lines = vec![
                inner[0].clone(),
                inner[1].clone(),
                format!("async with asyncio.timeout({ms} * SCALE / 1000):"),
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
            "    done, _ = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)".into(),
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
    }
}
