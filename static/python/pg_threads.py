"""Thread and process pools where CPython has no threads (Pyodide).

A job runs at once on the loop's thread. Its `time.sleep` (and the network
waits of pg_web) pass in the job's own time instead of holding the loop, and
what it prints, and its result, arrive when its thread would have delivered
them. A pool keeps its `max_workers` limit: a job waits for a free worker.
"""

import concurrent.futures

from pg_trace import describe_value
import functools
import itertools
import os

_tracer = None
_job = None
_pending = []
_saved = {}


class Job:
    """One function run in a pool: what it did, at which time of its own."""

    def __init__(self, lane, start, clock):
        self.lane = lane
        self.start = start
        self.slept = 0.0
        self._clock = clock
        self._began = clock.now()
        self.actions = []
        self.delivered = 0
        self.end = start
        self.outcome = None
        self.on_end = []

    def at(self):
        """The job's time now: its start, its sleeps and the CPU it used."""
        return self.start + self.slept + (self._clock.now() - self._began)

    def act(self, kind, *payload):
        self.actions.append((self.at(), kind, payload))

    def run(self, func):
        global _job
        outer, _job = _job, self
        self.act("event", "start", "")
        try:
            value = func()
        except BaseException as error:
            self.outcome = ("error", error)
            self.act("event", "failed", f"{type(error).__name__}: {error}")
        else:
            self.outcome = ("result", value)
            self.act("event", "done", describe_value(value))
        finally:
            _job = outer
        self.end = self.at()
        self.actions.append((self.end, "end", ()))

    def deliver(self, until):
        """Does what the job did up to `until` (its printing, its end)."""
        recorder = _tracer.recorder
        while self.delivered < len(self.actions) and self.actions[self.delivered][0] <= until + 1e-9:
            t, kind, payload = self.actions[self.delivered]
            self.delivered += 1
            if kind == "event":
                recorder.add(self.lane, payload[0], payload[1])
            elif kind == "write":
                outer, recorder.lane = recorder.lane, self.lane
                recorder.write(*payload)
                recorder.lane = outer
            elif kind == "end":
                for finish in self.on_end:
                    finish(self.outcome)
        if self.delivered == len(self.actions) and self in _pending:
            _pending.remove(self)

    def next_time(self):
        return self.actions[self.delivered][0] if self.delivered < len(self.actions) else None


class JobStream:
    """`sys.stdout` or `sys.stderr` inside a job: held until the job's time comes."""

    def __init__(self, real, name):
        self._real = real
        self.name = name
        self.encoding = "utf-8"

    def write(self, text):
        if _job is None:
            return self._real.write(text)
        _job.act("write", self.name, text)
        return len(text)

    def writelines(self, lines):
        for line in lines:
            self.write(line)

    def flush(self):
        pass

    def isatty(self):
        return False

    def __getattr__(self, name):
        return getattr(self._real, name)


def in_job():
    """Whether a pool's job is running."""
    return _job is not None


def job_event(kind, detail):
    """Records an event in the running job's own time; False when no job runs."""
    if _job is None:
        return False
    _job.act("event", kind, detail)
    return True


def job_sleep(seconds):
    """`time.sleep` in a job: the job's thread waits, the loop does not."""
    _job.act("event", "suspend", f"sleep {round(seconds * 1000)}")
    _job.slept += seconds
    _job.act("event", "resume", "")


class Pool(concurrent.futures.Executor):
    """A thread pool whose jobs run as described above."""

    _numbers = itertools.count()
    kind = "ThreadPoolExecutor"

    def __init__(self, max_workers=None, thread_name_prefix="", initializer=None, initargs=(), **_):
        if max_workers is None:
            max_workers = min(32, (os.cpu_count() or 1) + 4)
        if max_workers <= 0:
            raise ValueError("max_workers must be greater than 0")
        self._max_workers = max_workers
        self._prefix = thread_name_prefix or f"{self.kind}-{next(Pool._numbers)}"
        self._free_at = []
        self._jobs = []
        self._shutdown = False
        self._initializer = (initializer, initargs)

    def start(self, func, on_end):
        """Runs `func` as a job on the first free worker; `on_end` gets its
        outcome when the job's time comes (at once, if that is now)."""
        if self._shutdown:
            raise RuntimeError("cannot schedule new futures after shutdown")
        _tracer.recorder.note("threads")
        now = _tracer.clock.now()
        if len(self._free_at) < self._max_workers:
            worker = len(self._free_at)
            self._free_at.append(now)
        else:
            worker = min(range(len(self._free_at)), key=self._free_at.__getitem__)
        lane = _tracer.names.take(f"{self._prefix}_{worker}")
        job = Job(lane, max(now, self._free_at[worker]), _tracer.clock)
        job.on_end.append(on_end)
        init, args = self._initializer
        job.run(functools.partial(_with_initializer, init, args, func) if init else func)
        self._free_at[worker] = job.end
        self._jobs.append(job)
        _pending.append(job)
        job.deliver(now)
        return job

    def submit(self, fn, /, *args, **kwargs):
        future = JobFuture()
        future.job = self.start(functools.partial(fn, *args, **kwargs), functools.partial(settle, future))
        return future

    def shutdown(self, wait=True, *, cancel_futures=False):
        self._shutdown = True
        if wait:
            drain(self._jobs)


class ProcessPool(Pool):
    """A process pool, run as the thread pool is (Pyodide cannot start processes)."""

    kind = "ProcessPoolExecutor"

    def start(self, func, on_end):
        _tracer.recorder.note("processes")
        return super().start(func, on_end)


def _with_initializer(init, args, func):
    init(*args)
    return func()


class JobFuture(concurrent.futures.Future):
    """A pool's future: asking for its result waits for the job's time."""

    job = None

    def result(self, timeout=None):
        drain([self.job])
        return super().result(timeout)

    def exception(self, timeout=None):
        drain([self.job])
        return super().exception(timeout)


def settle(future, outcome):
    """Gives a job's result or error to `future`, unless it was cancelled meanwhile."""
    if future.done():
        return
    kind, value = outcome
    if kind == "result":
        future.set_result(value)
    else:
        future.set_exception(value)


def drain(jobs):
    """Waits, holding the loop, until `jobs` have done everything, in time order."""
    jobs = [job for job in jobs if job.next_time() is not None]
    while jobs:
        job = min(jobs, key=Job.next_time)
        t = job.next_time()
        _tracer.clock.wait(t - _tracer.clock.now())
        job.deliver(t)
        jobs = [job for job in jobs if job.next_time() is not None]


def drain_all():
    """At the program's end: CPython waits for every pool thread to finish."""
    drain(list(_pending))


def run_in_executor(loop, executor, func, args):
    """`loop.run_in_executor`: the job's result arrives in an asyncio future."""
    if executor is None:
        executor = loop._default_executor
        if executor is None:
            executor = loop._default_executor = Pool(thread_name_prefix="asyncio")
    if not isinstance(executor, Pool):
        from asyncio import base_events

        return base_events.BaseEventLoop.run_in_executor(loop, executor, func, *args)
    future = loop.create_future()
    job = executor.start(functools.partial(func, *args), functools.partial(settle, future))
    future._pg_wait = f"thread {job.lane}"
    for t in sorted({action[0] for action in job.actions[job.delivered:]}):
        loop.call_at(t, job.deliver, t)
    return future


def install(tracer):
    """Puts the pools in place of concurrent.futures' for one run."""
    global _tracer
    _tracer = tracer
    _pending.clear()
    _saved.update(
        thread=concurrent.futures.ThreadPoolExecutor,
        process=concurrent.futures.ProcessPoolExecutor,
    )
    concurrent.futures.ThreadPoolExecutor = Pool
    concurrent.futures.ProcessPoolExecutor = ProcessPool
    import sys

    sys.stdout, sys.stderr = JobStream(sys.stdout, "stdout"), JobStream(sys.stderr, "stderr")


def uninstall():
    concurrent.futures.ThreadPoolExecutor = _saved["thread"]
    concurrent.futures.ProcessPoolExecutor = _saved["process"]
