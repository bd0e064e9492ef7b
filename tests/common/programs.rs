//! Generated programs for the checks against CPython and against the live
//! run: a seeded generator over every run mode and the steps both can run,
//! and the timer-tie rule that leaves out programs no one can order.

use coroutine_playground::model::parse::parse;
use coroutine_playground::model::program::RunMode;
use coroutine_playground::model::simulate::simulate;
use coroutine_playground::model::trace::{EventKind, Wait};

/// The steps a generated program may hold besides print, yield, sleep
/// (0 too), call_soon, spawn and await, call, return and fail.
#[derive(Debug, Clone, Copy)]
pub struct Mix {
    /// `block`: real time the simulator counts exactly, the live run does not.
    pub block: bool,
}

/// A small deterministic generator of valid programs; the same seed makes
/// the same programs on every machine.
pub struct Generator {
    state: u64,
    mix: Mix,
}

impl Generator {
    pub fn new(seed: u64, mix: Mix) -> Self {
        Self { state: seed, mix }
    }

    fn next(&mut self, below: u64) -> u64 {
        self.state = self
            .state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.state >> 33) % below
    }

    /// The `index`th program: its mode goes round every mode in turn.
    pub fn program(&mut self, index: usize) -> String {
        let modes = [
            "sequential",
            "gather",
            "wait",
            "as_completed",
            "race",
            "limit 2",
            "timeout 12",
        ];
        let mut out = format!("run {}\n", modes[index % modes.len()]);
        let coroutines = self.next(3) as usize;
        for c in 0..coroutines {
            out.push_str(&format!("coroutine c{c}\n"));
            for _ in 0..1 + self.next(3) {
                out.push_str(&self.step(c + 1, coroutines, false));
            }
            out.push_str(&format!("  return \"c{c} result\"\n"));
        }
        for t in 0..1 + self.next(3) {
            out.push_str(&format!("task t{t} x{}\n", 1 + self.next(3)));
            for _ in 0..1 + self.next(4) {
                out.push_str(&self.step(0, coroutines, true));
            }
            if self.next(6) == 0 {
                out.push_str("  fail \"t{i} fails\"\n");
            } else {
                out.push_str("  return \"t{i} ok\"\n");
            }
        }
        out
    }

    /// A step; coroutines may only await ones after them, so there is no recursion.
    fn step(&mut self, first_callable: usize, coroutines: usize, in_task: bool) -> String {
        let callable = (first_callable < coroutines).then(|| {
            format!(
                "c{}",
                first_callable + self.next((coroutines - first_callable) as u64) as usize
            )
        });
        match (self.next(12), callable) {
            (0, _) => "  print \"hi {i}\"\n".into(),
            (1, _) if in_task => format!("  sleep {}+{}*{{i}}\n", 1 + self.next(6), self.next(3)),
            (1 | 2, _) => format!("  sleep {}\n", 1 + self.next(6)),
            (3, _) => "  yield\n".into(),
            (4, _) if self.mix.block => format!("  block {}\n", 1 + self.next(2)),
            (4, _) => "  print \"step {i}\"\n".into(),
            (5, _) => "  call_soon \"cb {i}\"\n".into(),
            (6, Some(name)) => format!("  await {name}\n"),
            (7, Some(name)) => {
                format!("  spawn {name}\n  sleep {}\n  await {name}\n", self.next(4))
            }
            (8, Some(name)) => format!("  call {name}\n"),
            (9, _) => "  sleep 0\n".into(),
            (10, Some(name)) => format!("  spawn {name}\n  print \"left {name} running\"\n"),
            (11, _) => "  call_soon \"late {i}\"\n  yield\n".into(),
            _ => format!("  sleep {}\n", 1 + self.next(5)),
        }
    }
}

/// Whether two timers set at different times are due at the same time.
/// CPython orders such a tie by how late its loop woke when each was set,
/// and the browser by how late its own timers came, which no scale of the
/// durations changes, so the order is not the program's to predict.
pub fn has_timer_tie(source: &str) -> bool {
    let program = parse(source).expect("generated and written programs parse");
    let mut timers: Vec<(f64, f64)> = simulate(&program)
        .iter()
        .filter_map(|event| match event.kind {
            EventKind::Suspend(Wait::Sleep(ms)) if ms > 0 => {
                Some((event.t_ms, event.t_ms + ms as f64))
            }
            _ => None,
        })
        .collect();
    if let RunMode::Timeout(ms) = program.mode {
        timers.push((0.0, f64::from(ms)));
    }
    timers.iter().enumerate().any(|(i, (set, due))| {
        timers[..i]
            .iter()
            .any(|(other_set, other_due)| other_due == due && other_set != set)
    })
}
