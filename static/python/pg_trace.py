"""Runs a learner's asyncio program on CPython's own event loop and records its trace.

The playground's Python worker (static/python-worker.js) and the native tests
(tests/python_mode.rs) call `run_program`. What each event comes from is in
docs/python-mode.md: a task factory and a Task subclass (creation, steps,
waits, results, cancellations), the loop's own scheduling methods (callbacks),
`sys.stdout` and `sys.stderr` (prints), `time.sleep` (holding the loop).
"""

import asyncio
import builtins
import collections.abc
import functools
import os
import reprlib
import sys
import time
import traceback
import types
import warnings

from asyncio import base_events

ASYNCIO_DIR = os.path.dirname(asyncio.__file__) + os.sep
MODULE_LANE = "<module>"
LOOP_LANE = "loop"
MAIN_LANE = "main"
# A step that runs this long without awaiting is shown as holding the loop.
LONG_STEP_S = 0.02
# How long events may wait in the worker before they are sent to the page,
# and how many events come between two looks at the clock for it.
FLUSH_EVERY_S = 0.05
FLUSH_CHECK_EVERY = 64
# Longest text kept for a print, a result or an error in an event.
MAX_DETAIL = 200
# The most output a run sends the page, in characters.
MAX_OUTPUT = 200_000


def short(text):
    """`text` cut to the length an event's detail keeps."""
    text = str(text)
    return text if len(text) <= MAX_DETAIL else text[: MAX_DETAIL - 1] + "…"


# Where a run differs from CPython or was cut short, in English and Chinese.
NOTES = {
    "threads": (
        "Python in the browser has no threads: each job of a thread pool (run_in_executor, to_thread) "
        "ran at once on the loop's thread. Its time.sleep waited in the job's own time without holding "
        "the loop, and what it printed appears when its thread would have printed it; CPU work in a job "
        "did hold the loop here.",
        "浏览器中的 Python 没有线程：线程池的每个任务（run_in_executor、to_thread）都立即在事件循环的线程上运行。"
        "任务里的 time.sleep 在任务自己的时间里等待，不占住事件循环；它打印的内容会在线程本该打印的时刻出现。"
        "任务中的 CPU 计算在这里会占住事件循环。",
    ),
    "processes": (
        "Python in the browser cannot start processes: the process pool's jobs ran as a thread pool's "
        "do, without the cost of starting processes.",
        "浏览器中的 Python 不能启动进程：进程池的任务在这里按线程池的方式运行，没有启动进程的开销。",
    ),
    "deadlock": (
        "Deadlock: every task waits and nothing is scheduled that could wake one (no timer, no callback). "
        "CPython would wait forever; the playground stopped the run.",
        "死锁：每个任务都在等待，也没有任何安排好的事情（定时器、回调）能唤醒它们。CPython 会永远等下去；游乐场停止了这次运行。",
    ),
    "output": (
        "The program wrote more than 200 000 characters: the page shows the first ones, and the run goes on.",
        "程序输出超过了 200 000 个字符：页面只显示前面的部分，运行仍在继续。",
    ),
    "events": (
        "The run made more events than a trace keeps: the log and timeline stop there, the output goes on.",
        "这次运行产生的事件超过了轨迹能保存的数量：日志和时间线到此为止，输出仍会继续。",
    ),
    "no-current-loop": (
        "asyncio.get_event_loop() outside a coroutine no longer makes a loop: since Python 3.14 it raises "
        "this RuntimeError (3.12 and 3.13 warned). Write asyncio.run(main()), or "
        "loop = asyncio.new_event_loop() before loop.run_until_complete(…).",
        "在协程之外调用 asyncio.get_event_loop() 不再创建事件循环：从 Python 3.14 起它会抛出这个 RuntimeError"
        "（3.12 和 3.13 只给出警告）。请写 asyncio.run(main())，或者先 loop = asyncio.new_event_loop() 再 "
        "loop.run_until_complete(…)。",
    ),
}


class Deadlock(BaseException):
    """Every task waits and nothing is scheduled that could wake one."""


class RealClock:
    """Wall-clock time; waiting holds the thread, as CPython's loop does."""

    virtual = False

    def __init__(self, hold, resolution=0.0):
        self._hold = hold
        self._perf = time.perf_counter
        self._resolution = resolution
        self.reset()

    def reset(self):
        """Time counts from here: the program's first line."""
        self._origin = self._perf()

    def now(self):
        elapsed = self._perf() - self._origin
        if self._resolution:
            return elapsed - elapsed % self._resolution
        return elapsed

    def wait(self, seconds):
        if seconds > 0:
            self._hold(seconds)


class VirtualClock:
    """Time that jumps to the next timer: the prediction of a program."""

    virtual = True

    def __init__(self):
        self._now = 0.0

    def reset(self):
        self._now = 0.0

    def now(self):
        return self._now

    def wait(self, seconds):
        if seconds > 0:
            self._now += seconds


class Recorder:
    """The run's events and output, sent to `emit` in batches."""

    def __init__(self, clock, emit, max_events):
        self.clock = clock
        self._emit = emit
        self._events = []
        self._output = []
        self._last_flush = clock.now()
        self._max_events = max_events
        self._sent = 0
        self._written = 0
        self.stepping = 0
        self.count = 0
        self.lane = MODULE_LANE
        self.notes = []
        self._lines = {"stdout": "", "stderr": ""}

    def add(self, lane, kind, detail="", at=None):
        """An event now, or at `at` (the clock's reading the caller already has)."""
        if self.count >= self._max_events:
            return
        self.count += 1
        t = self.clock.now() if at is None else at
        if len(detail) > MAX_DETAIL:
            detail = short(detail)
        self._events.append(posted(round(t * 1000, 3), lane, kind, detail))
        if self.count == self._max_events:
            self.note("events")
        elif self.count % FLUSH_CHECK_EVERY == 0:
            self.flush()

    def mark(self):
        """Where the next event goes: a long step's hold is put back there."""
        return (self._sent, len(self._events))

    def insert(self, at, lane, kind, detail, t):
        """An event put back at `at` (a mark), unless the events after it were sent."""
        sent, index = at
        if self.count < self._max_events and sent == self._sent:
            self.count += 1
            self._events.insert(index, posted(round(t * 1000, 3), lane, kind, detail))

    def note(self, key):
        """Tells the learner, once, where the run differs from CPython (NOTES)."""
        if key not in self.notes:
            self.notes.append(key)
            self._output.append(["note", *NOTES[key]])

    def write(self, stream, text):
        """Output as the program wrote it, up to MAX_OUTPUT characters; each
        finished stdout line is a print event."""
        self._written += len(text)
        if self._written > MAX_OUTPUT:
            self.note("output")
            return
        if self._output and self._output[-1][0] == stream:
            self._output[-1][1] += text
        else:
            self._output.append([stream, text])
        self.flush()
        if stream != "stdout":
            return
        lines = (self._lines[stream] + text).split("\n")
        self._lines[stream] = lines.pop()
        for line in lines:
            self.add(self.lane, "print", line)

    def end_lines(self):
        if self._lines["stdout"]:
            self.add(self.lane, "print", self._lines["stdout"])
            self._lines["stdout"] = ""

    def flush(self, force=False):
        """Sends what waits, every FLUSH_EVERY_S; not in a task's step unless
        forced (a long step's hold is put back among its events at its end)."""
        if self.stepping and not force:
            return
        now = self.clock.now()
        if not force and now - self._last_flush < FLUSH_EVERY_S:
            return
        self._last_flush = now
        if self._events or self._output:
            events, output = self._events, self._output
            self._events, self._output = [], []
            self._sent += 1
            self._emit(events, output)


# An event's kind and, for a suspension, its wait, as numbers: the form the
# page reads events in (`posted` in src/model/trace_export.rs; tests/python_mode.rs
# reads every kind back with it).
KINDS = {
    "start": 0, "resume": 1, "cancelled": 2, "print": 3, "callback": 4, "spawn": 5,
    "done": 7, "failed": 8, "warning": 9, "block": 10, "suspend": 13, "cancel": 14, "fetched": 15,
}
WAITS = {"sleep": 0, "yield": 1, "join": 2, "gather": 7, "wait": 8, "as_completed": 9}
WAIT_ON = 11


def posted(t_ms, lane, kind, detail):
    """An event as `[t_ms, lane, kind, fields…]`, from its kind's name and its detail's text."""
    code = KINDS[kind]
    if kind == "suspend":
        word, _, rest = detail.partition(" ")
        if word == "sleep" and rest.isdigit():
            return [t_ms, lane, code, WAITS["sleep"], int(rest)]
        if word == "join" and rest:
            return [t_ms, lane, code, WAITS["join"], rest]
        if detail in WAITS and detail not in ("sleep", "join"):
            return [t_ms, lane, code, WAITS[detail]]
        return [t_ms, lane, code, WAIT_ON, detail]
    if kind == "block":
        work, _, amount = detail.partition(" ")
        return [t_ms, lane, code, 1 if work == "block" else 0, int(amount)]
    if kind == "fetched":
        status, size, items = detail.split(" ", 2)
        return [t_ms, lane, code, int(status), int(size), items]
    if kind in ("start", "resume", "cancelled"):
        return [t_ms, lane, code]
    return [t_ms, lane, code, detail]


class Stream:
    """`sys.stdout` or `sys.stderr`: what is written goes to the recorder."""

    def __init__(self, recorder, name):
        self._recorder = recorder
        self.name = name
        self.encoding = "utf-8"
        self.errors = "strict"

    def write(self, text):
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        self._recorder.write(self.name, text)
        return len(text)

    def writelines(self, lines):
        for line in lines:
            self.write(line)

    def flush(self):
        pass

    def isatty(self):
        return False

    def fileno(self):
        raise OSError("the playground's output has no file descriptor")

    @property
    def closed(self):
        return False

    def writable(self):
        return True

    def readable(self):
        return False


class Names:
    """Lane names: unique, as the playground names spawned tasks (`name`, `name.2`, …)."""

    def __init__(self):
        self._taken = {MODULE_LANE, LOOP_LANE}
        self._next = {}

    def take(self, name):
        candidate, k = name, self._next.get(name, 2)
        while candidate in self._taken:
            candidate = f"{name}.{k}"
            k += 1
        self._next[name] = k
        self._taken.add(candidate)
        return candidate

    def give_back(self, name):
        self._taken.discard(name)


class Step(collections.abc.Coroutine):
    """The learner's coroutine as its task steps it: each step is recorded."""

    def __init__(self, coro, tracer, lane):
        self._coro = coro
        self._tracer = tracer
        self.lane = lane
        self.started = False

    def send(self, value):
        try:
            return self._step(self._coro.send, value)
        except StopIteration:
            raise
        except BaseException as error:
            error.__traceback__ = without_tracer_frames(error.__traceback__)
            raise

    def throw(self, *exc):
        try:
            return self._step(self._coro.throw, *exc)
        except StopIteration:
            raise
        except BaseException as error:
            error.__traceback__ = without_tracer_frames(error.__traceback__)
            raise

    def close(self):
        return self._coro.close()

    def __await__(self):
        return self._coro.__await__()

    def __getattr__(self, name):
        return getattr(self._coro, name)

    def __repr__(self):
        return repr(self._coro)

    def _step(self, method, *args):
        tracer, recorder = self._tracer, self._tracer.recorder
        first = not self.started
        self.started = True
        outer = recorder.lane
        recorder.lane = self.lane
        began = recorder.clock.now()
        mark = recorder.mark()
        recorder.add(self.lane, "start" if first else "resume", at=began)
        outer_held, tracer.held = tracer.held, 0.0
        recorder.stepping += 1
        try:
            waited_on = method(*args)
        except StopIteration as stop:
            recorder.add(self.lane, "done", describe_value(stop.value), at=tracer.ended(self.lane, began, mark))
            raise
        except asyncio.CancelledError:
            recorder.add(self.lane, "cancelled", at=tracer.ended(self.lane, began, mark))
            raise
        except BaseException as error:
            recorder.add(self.lane, "failed", describe_error(error), at=tracer.ended(self.lane, began, mark))
            raise
        else:
            at = tracer.ended(self.lane, began, mark)
            recorder.add(self.lane, "suspend", tracer.describe_wait(self._coro, waited_on), at=at)
            return waited_on
        finally:
            recorder.lane = outer
            tracer.held = outer_held
            recorder.stepping -= 1


def without_tracer_frames(tb):
    """`tb` without the tracer's own frames, as the traceback of an untraced run reads (a bare
    `raise` after it adds none of the frame it leaves)."""
    kept = []
    while tb is not None:
        if tb.tb_frame.f_code.co_filename != __file__:
            kept.append(tb)
        tb = tb.tb_next
    rebuilt = None
    for tb in reversed(kept):
        rebuilt = types.TracebackType(rebuilt, tb.tb_frame, tb.tb_lasti, tb.tb_lineno)
    return rebuilt


SHORT_REPR = reprlib.Repr()
SHORT_REPR.maxstring = SHORT_REPR.maxother = MAX_DETAIL


def describe_value(value):
    """`value` as `repr` shows it, cut short; a `__repr__` that fails says so instead."""
    try:
        return SHORT_REPR.repr(value)
    except Exception as error:
        return f"<{type(value).__name__}: repr failed with {type(error).__name__}>"


def describe_error(error):
    text = str(error)
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def awaited_chain(coro):
    """The coroutines and generators `coro` awaits, outermost first."""
    node = coro
    while node is not None:
        code = (
            getattr(node, "cr_code", None)
            or getattr(node, "gi_code", None)
            or getattr(node, "ag_code", None)
        )
        if code is None:
            return
        frame = (
            getattr(node, "cr_frame", None)
            or getattr(node, "gi_frame", None)
            or getattr(node, "ag_frame", None)
        )
        yield code, frame
        node = (
            getattr(node, "cr_await", None)
            or getattr(node, "gi_yieldfrom", None)
            or getattr(node, "ag_await", None)
        )


def api_name(qualname):
    """The asyncio call a library frame belongs to, as learners write it."""
    if "as_completed" in qualname or "_AsCompleted" in qualname:
        return "as_completed"
    if qualname.startswith("TaskGroup."):
        return "TaskGroup"
    if qualname.startswith("Timeout."):
        return "timeout"
    return qualname.split(".<locals>")[0]


class Task(asyncio.Task):
    """A task whose cancellations say who asked for them; called Task, as what CPython prints
    of a task (its repr, "Task exception was never retrieved") names its class."""

    def cancel(self, msg=None):
        tracer = Tracer.current
        if tracer is not None and not self.done():
            step = getattr(self, "_pg_step", None)
            if step is not None:
                tracer.recorder.add(tracer.recorder.lane, "cancel", step.lane)
        return super().cancel(msg)


class Tracer:
    """One run's tracing: the clock, the recorder and the lanes of its tasks."""

    # The run's tracer while its tasks are traced (None for an untraced run,
    # which the benchmark compares with a traced one).
    current = None
    # The run's tracer, traced or not: its clock is the loop's.
    running = None

    def __init__(self, clock, recorder):
        self.clock = clock
        self.recorder = recorder
        self.names = Names()
        self.held = 0.0
        self.main_next = False

    def ended(self, lane, began, mark):
        """A step ended now (returned): one that ran long without awaiting held the loop."""
        now = self.clock.now()
        ran = now - began - self.held
        if not self.clock.virtual and ran >= LONG_STEP_S:
            self.recorder.insert((mark[0], mark[1] + 1), lane, "block", f"compute {round(ran * 1000)}", began)
        return now

    def lane_of(self, task):
        step = getattr(task, "_pg_step", None)
        return step.lane if step is not None else task.get_name()

    def describe_wait(self, coro, waited_on):
        """What a task waits on, from the future it yielded and its await chain."""
        if waited_on is None:
            return "yield"
        if isinstance(waited_on, asyncio.Task):
            return f"join {self.lane_of(waited_on)}"
        label = getattr(waited_on, "_pg_wait", None)
        if label:
            return label
        for code, frame in awaited_chain(coro):
            if code.co_filename.startswith(ASYNCIO_DIR):
                name = api_name(getattr(code, "co_qualname", code.co_name))
                if name == "sleep" and frame is not None:
                    delay = frame.f_locals.get("delay", 0)
                    ms = round(delay * 1000) if isinstance(delay, (int, float)) else 0
                    return f"sleep {ms}" if ms > 0 else "yield"
                return name
        if type(waited_on).__name__ == "_GatheringFuture":
            return "gather"
        return "future"

    def task_factory(self, loop, coro, **kwargs):
        if coro_name(coro) in CLEANUP and getattr(coro, "cr_code", None) is not None:
            self.main_next = False
            return asyncio.Task(coro, loop=loop, **kwargs)
        step = self.new_step(loop, coro, kwargs.get("name"))
        task = Task(step, loop=loop, **kwargs)
        task._pg_step = step
        return task

    def new_step(self, loop, coro, name):
        """The coroutine of a new task, wrapped to record its steps; its
        creation is recorded on the task (or `loop`) that made it."""
        recorder = self.recorder
        if self.main_next:
            self.main_next = False
            lane = self.names.take(MAIN_LANE)
        else:
            lane = self.names.take(str(name) if name is not None else coro_name(coro))
        if recorder.lane != MODULE_LANE or loop.is_running():
            recorder.add(recorder.lane, "spawn", lane)
        return Step(coro, self, lane)

    def call_as_lane(self, lane, callback, describe):
        """`callback` wrapped so that what it does is the loop's, and recorded."""
        tracer = self

        @functools.wraps(callback)
        def traced(*args):
            recorder = tracer.recorder
            outer = recorder.lane
            recorder.lane = lane
            recorder.add(lane, "callback", describe(args))
            try:
                return callback(*args)
            finally:
                recorder.lane = outer
                recorder.flush()

        return traced


def coro_name(coro):
    return getattr(coro, "__name__", None) or type(coro).__name__


# What asyncio.run and its Runner run after main: not the learner's tasks.
CLEANUP = {"shutdown_asyncgens", "shutdown_default_executor"}


# How a task schedules its own steps (CPython's C tasks).
TASK_STEPS = frozenset({"TaskStepMethWrapper", "TaskWakeupMethWrapper"})


def is_learners(callback):
    """Whether the loop runs `callback` for the learner, not for asyncio itself."""
    inner = callback
    while isinstance(inner, functools.partial):
        inner = inner.func
    owner = getattr(inner, "__self__", None)
    if owner is not None and isinstance(owner, (asyncio.Future, asyncio.AbstractEventLoop)):
        return False
    if type(inner).__name__ in TASK_STEPS:
        return False
    module = getattr(inner, "__module__", None) or type(inner).__module__ or ""
    return not module.startswith(("asyncio", "_asyncio", "concurrent", "pg_"))


def describe_call(callback, args):
    inner, bound = callback, list(args)
    keywords = {}
    while isinstance(inner, functools.partial):
        bound = list(inner.args) + bound
        keywords = {**inner.keywords, **keywords}
        inner = inner.func
    name = getattr(inner, "__qualname__", None) or describe_value(inner)
    shown = [describe_value(a) for a in bound] + [f"{k}={describe_value(v)}" for k, v in keywords.items()]
    return f"{name}({', '.join(shown)})"


class PlaygroundLoop(base_events.BaseEventLoop):
    """CPython's base event loop with no sockets: waiting is the clock's."""

    def __init__(self):
        super().__init__()
        self._selector = Selector(self)
        # Timers this close are due together: CPython's on Linux (a browser's
        # clock reports a coarser resolution).
        self._clock_resolution = 1e-9
        tracer = Tracer.current
        if tracer is not None:
            super().set_task_factory(tracer.task_factory)

    def reach(self, due):
        """The loop's time is at least `due` from now on."""
        self._pg_last = max(getattr(self, "_pg_last", due), due)

    def time(self):
        """The clock, strictly increasing between readings: a browser's clock
        is coarse (100 µs), and timers set at equal times would leave the
        heap's order, where CPython's nanosecond clock keeps them in the
        order they were set."""
        tracer = Tracer.running
        now = tracer.clock.now() if tracer is not None else super().time()
        self._pg_last = now = max(now, getattr(self, "_pg_last", now - 1) + 1e-9)
        return now

    def _process_events(self, event_list):
        pass

    def _write_to_self(self):
        pass

    def set_task_factory(self, factory):
        tracer = Tracer.current
        if tracer is None or factory is None:
            return super().set_task_factory(factory if tracer is None else tracer.task_factory)

        def traced(loop, coro, **kwargs):
            step = tracer.new_step(loop, coro, kwargs.get("name"))
            task = factory(loop, step, **kwargs)
            if isinstance(task, Task):
                task._pg_step = step
            return task

        return super().set_task_factory(traced)

    def run_forever(self):
        """While the loop turns, what no task does is the loop's (its callbacks)."""
        tracer = Tracer.current
        if tracer is None:
            return super().run_forever()
        outer, tracer.recorder.lane = tracer.recorder.lane, LOOP_LANE
        try:
            return super().run_forever()
        finally:
            tracer.recorder.lane = outer

    def run_until_complete(self, future):
        tracer = Tracer.current
        if tracer is not None:
            step = getattr(future, "_pg_step", None)
            if step is not None and not step.started and step.lane != MAIN_LANE:
                tracer.names.give_back(step.lane)
                step.lane = tracer.names.take(MAIN_LANE)
            elif asyncio.iscoroutine(future):
                tracer.main_next = True
        try:
            return super().run_until_complete(future)
        finally:
            if tracer is not None:
                tracer.main_next = False

    def call_soon(self, callback, *args, context=None):
        return super().call_soon(self._traced(callback, args), *args, context=context)

    def call_at(self, when, callback, *args, context=None):
        return super().call_at(when, self._traced(callback, args), *args, context=context)

    def call_later(self, delay, callback, *args, context=None):
        return self.call_at(self.time() + delay, callback, *args, context=context)

    def _traced(self, callback, args):
        tracer = Tracer.current
        if tracer is None or type(callback).__name__ in TASK_STEPS:
            return callback
        if not is_learners(callback):
            return callback
        return tracer.call_as_lane(LOOP_LANE, callback, lambda a: describe_call(callback, a))

    async def shutdown_default_executor(self, timeout=None):
        self._executor_shutdown_called = True
        if self._default_executor is not None:
            self._default_executor.shutdown(wait=True)

    def run_in_executor(self, executor, func, *args):
        from pg_threads import run_in_executor

        self._check_closed()
        return run_in_executor(self, executor, func, args)


class Selector:
    """What the base loop waits on between turns: only the clock."""

    def __init__(self, loop):
        self._loop = loop

    def select(self, timeout):
        tracer = Tracer.running
        if timeout is None:
            raise Deadlock()
        if tracer is not None and timeout > 0:
            # Waiting `timeout` moves the loop's time on by at least that much,
            # as a nanosecond clock does: a coarse clock read after the wait
            # could say the timer is not due yet, and the timers due together
            # in CPython would fire on different turns.
            due = self._loop.time() + timeout
            tracer.recorder.flush(force=True)
            tracer.clock.wait(timeout)
            self._loop.reach(due)
        return []

    def close(self):
        pass

    def get_map(self):
        return {}


def policy_class():
    for name in ("BaseDefaultEventLoopPolicy", "_BaseDefaultEventLoopPolicy"):
        base = getattr(asyncio.events, name, None)
        if base is not None:
            return base
    raise RuntimeError("asyncio has no default event loop policy class")


class Policy(policy_class()):
    """Every new event loop is a PlaygroundLoop."""

    _loop_factory = PlaygroundLoop


def cpython_run(main, *, debug=None, loop_factory=None):
    """CPython's asyncio.run, where the host replaced it (Pyodide runs it on its own loop)."""
    if asyncio.events._get_running_loop() is not None:
        raise RuntimeError("asyncio.run() cannot be called from a running event loop")
    with asyncio.Runner(debug=debug, loop_factory=loop_factory) as runner:
        return runner.run(main)


def install_policy():
    genuine = asyncio.runners.run
    if not genuine.__code__.co_filename.startswith(ASYNCIO_DIR):
        genuine = cpython_run
    asyncio.run = genuine
    # Pyodide marks its own loop as running for the whole session.
    asyncio.events._set_running_loop(None)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        setter = getattr(asyncio.events, "_set_event_loop_policy", None) or asyncio.set_event_loop_policy
        setter(Policy())


def blocking_sleep(tracer):
    """`time.sleep` as CPython's: it holds the loop (recorded as such)."""
    from pg_threads import in_job, job_sleep

    def sleep(seconds):
        if not isinstance(seconds, (int, float)):
            raise TypeError(f"'{type(seconds).__name__}' object cannot be interpreted as an integer")
        if seconds < 0:
            raise ValueError("sleep length must be non-negative")
        if in_job():
            return job_sleep(seconds)
        recorder = tracer.recorder
        lane = recorder.lane
        recorder.add(lane, "block", f"block {round(seconds * 1000)}")
        recorder.flush(force=True)
        tracer.clock.wait(seconds)
        tracer.held += seconds
        recorder.add(lane, "resume")

    return sleep


def no_input(prompt=""):
    """`input()`: CPython with no input shows the prompt, then raises EOFError."""
    sys.stdout.write(str(prompt))
    raise EOFError(
        "input() cannot read here: the playground has no keyboard input. "
        "Put the value in the program instead."
    )


def run_program(
    source,
    *,
    emit,
    hold=None,
    fetch=None,
    virtual=False,
    trace=True,
    max_events=200_000,
    filename="main.py",
    resolution=0.0,
):
    """Runs `source` as `__main__` with its trace recorded (with `trace=False`,
    on the same loop and clock without tracing its tasks: the benchmark's
    baseline); returns how it ended. `resolution` coarsens the wall clock as
    a browser's is (the native tests use it)."""
    clock = VirtualClock() if virtual else RealClock(hold, resolution)
    recorder = Recorder(clock, emit, max_events if trace else 0)
    tracer = Tracer(clock, recorder)
    saved = (sys.stdout, sys.stderr, time.sleep, builtins.input, time.time, time.monotonic, time.perf_counter)
    Tracer.running = tracer
    Tracer.current = tracer if trace else None
    install_policy()
    sys.stdout, sys.stderr = Stream(recorder, "stdout"), Stream(recorder, "stderr")
    time.sleep = blocking_sleep(tracer)
    builtins.input = no_input
    if virtual:
        wall = time.time()
        time.time = lambda: wall + clock.now()
        time.monotonic = time.perf_counter = clock.now
    import pg_threads
    import pg_web

    pg_threads.install(tracer)
    pg_web.install(fetch)
    ended = {"error": None, "exit_code": 0}
    module = {"__name__": "__main__", "__file__": filename, "__builtins__": builtins}
    try:
        code = compile(source, filename, "exec")
        clock.reset()
        exec(code, module)
    except SystemExit as stop:
        ended["exit_code"] = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
        if stop.code is not None and not isinstance(stop.code, int):
            print(stop.code, file=sys.stderr)
    except Deadlock:
        ended["error"] = "deadlock"
        recorder.note("deadlock")
        recorder.add(MODULE_LANE, "failed", "deadlock")
    except BaseException as error:
        ended["error"] = describe_error(error)
        ended["exit_code"] = 1
        print_error(error)
        recorder.add(MODULE_LANE, "failed", ended["error"])
        if isinstance(error, RuntimeError) and "no current event loop" in str(error):
            recorder.note("no-current-loop")
    finally:
        pg_threads.drain_all()
        finalize(module)
        recorder.end_lines()
        pg_threads.uninstall()
        sys.stdout, sys.stderr, time.sleep, builtins.input, time.time, time.monotonic, time.perf_counter = saved
        Tracer.current = Tracer.running = None
        recorder.flush(force=True)
    ended["total_ms"] = round(clock.now() * 1000, 3)
    ended["notes"] = recorder.notes
    return ended


def finalize(module):
    """What CPython does as the interpreter exits: the program's objects go,
    and coroutines never awaited say so (from `sys:1`, no line of the program)."""
    import gc

    def show(message, category, filename, lineno, file=None, line=None):
        sys.stderr.write(f"sys:1: {category.__name__}: {message}\n")

    with warnings.catch_warnings():
        warnings.showwarning = show
        module.clear()
        gc.collect()


def print_error(error):
    """The traceback CPython prints, without the playground's own frames."""
    report = traceback.TracebackException(type(error), error, error.__traceback__)
    seen = set()

    def drop_own_frames(part):
        if part is None or id(part) in seen:
            return
        seen.add(id(part))
        own = (__file__, getattr(sys.modules.get("pg_threads"), "__file__", None))
        part.stack = traceback.StackSummary.from_list([f for f in part.stack if f.filename not in own])
        drop_own_frames(part.__cause__)
        drop_own_frames(part.__context__)
        for inner in getattr(part, "exceptions", None) or []:
            drop_own_frames(inner)

    drop_own_frames(report)
    sys.stderr.write("".join(report.format()))
