//! What a Python run (CPython in the Python worker, docs/python-mode.md) tells the page:
//! its output as the program wrote it, its events, and how it ended.

use super::i18n::Lang;
use super::trace::Event;
use super::trace_export::read_event;

/// The longest a Python run may take on the wall clock, in ms, from the
/// moment its program starts (loading Python is not counted).
pub const MAX_PYTHON_RUN_MS: u32 = 60_000;
/// The longest the virtual-clock run that predicts a Python program may
/// take on the wall clock, in ms.
pub const MAX_PYTHON_PREDICTION_MS: u32 = 10_000;

/// Where a piece of output went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stream {
    Stdout,
    Stderr,
}

/// Output as the program wrote it: what CPython in a terminal shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    pub stream: Stream,
    pub text: String,
}

/// Where a Python run did not do what CPython does, or was cut short.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PythonNote {
    /// A thread pool's jobs ran on the loop's thread (Pyodide has no threads).
    Threads,
    /// A process pool's jobs ran as the thread pool's do.
    Processes,
    /// Every task waited and nothing could wake one: CPython would hang.
    Deadlock,
    /// The run made more events than a trace keeps.
    Events,
}

impl PythonNote {
    /// The note the worker names `name`, if it is one.
    pub fn named(name: &str) -> Option<PythonNote> {
        Some(match name {
            "threads" => PythonNote::Threads,
            "processes" => PythonNote::Processes,
            "deadlock" => PythonNote::Deadlock,
            "events" => PythonNote::Events,
            _ => return None,
        })
    }

    /// What the learner is told.
    pub fn text(self, lang: Lang) -> &'static str {
        match self {
            PythonNote::Threads => lang.pick(
                "Python in the browser has no threads: each job of a thread pool (run_in_executor, to_thread) ran at once on the loop's thread. Its time.sleep waited in the job's own time without holding the loop, and what it printed appears when its thread would have printed it; CPU work in a job did hold the loop here.",
                "浏览器中的 Python 没有线程：线程池的每个任务（run_in_executor、to_thread）都立即在事件循环的线程上运行。任务里的 time.sleep 在任务自己的时间里等待，不占住事件循环；它打印的内容会在线程本该打印的时刻出现。任务中的 CPU 计算在这里会占住事件循环。",
            ),
            PythonNote::Processes => lang.pick(
                "Python in the browser cannot start processes: the process pool's jobs ran as a thread pool's do here, without the cost of starting processes.",
                "浏览器中的 Python 不能启动进程：进程池的任务在这里按线程池的方式运行，没有启动进程的开销。",
            ),
            PythonNote::Deadlock => lang.pick(
                "Deadlock: every task waits and nothing is scheduled that could wake one (no timer, no callback). CPython would wait forever; the playground stopped the run.",
                "死锁：每个任务都在等待，也没有任何安排好的事情（定时器、回调）能唤醒它们。CPython 会永远等下去；游乐场停止了这次运行。",
            ),
            PythonNote::Events => lang.pick(
                "The run made more events than a trace keeps: the log and timeline stop there, the output goes on.",
                "这次运行产生的事件超过了轨迹能保存的数量：日志和时间线到此为止，输出仍会继续。",
            ),
        }
    }
}

/// How a Python run ended, as the worker reports it.
#[derive(Debug, Clone, PartialEq)]
pub struct PythonEnd {
    /// The error the program ended with (`ValueError: …`), if any.
    pub error: Option<String>,
    /// When the program ended, in ms since its first line.
    pub total_ms: f64,
}

/// The event an event of the Python worker stands for (`[t_ms, lane, kind, detail]`).
pub fn python_event(t_ms: f64, lane: &str, kind: &str, detail: &str) -> Option<Event> {
    if !t_ms.is_finite() || lane.is_empty() {
        return None;
    }
    read_event(t_ms, lane, kind, detail)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::trace::{EventKind, Wait};

    #[test]
    fn the_workers_events_read_as_the_pages() {
        let read = |kind: &str, detail: &str| python_event(1.5, "consumer", kind, detail).map(|e| e.kind);
        assert_eq!(read("suspend", "Queue.get"), Some(EventKind::Suspend(Wait::On("Queue.get".into()))));
        assert_eq!(read("suspend", "sleep 300"), Some(EventKind::Suspend(Wait::Sleep(300))));
        assert_eq!(read("suspend", "join main"), Some(EventKind::Suspend(Wait::Join("main".into()))));
        assert_eq!(read("cancel", "worker"), Some(EventKind::Cancel("worker".into())));
        assert_eq!(read("suspend", ""), None);
        assert_eq!(read("explode", "x"), None);
        assert_eq!(python_event(f64::NAN, "main", "start", ""), None);
        assert_eq!(python_event(0.0, "", "start", ""), None);
    }

    #[test]
    fn every_note_says_something_in_both_languages() {
        for name in ["threads", "processes", "deadlock", "events"] {
            let note = PythonNote::named(name).expect("a note");
            assert!(!note.text(Lang::En).is_empty() && !note.text(Lang::Zh).is_empty());
        }
        assert_eq!(PythonNote::named("other"), None);
    }
}
