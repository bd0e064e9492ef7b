# Runs asyncio on a virtual clock, so that what a program prints depends on
# asyncio's rules only, never on how busy the machine is: the loop's clock
# jumps to the next timer instead of waiting for it, `time.sleep` moves it
# on, and each reading moves it a picosecond, so that timers created later
# with the same delay fall due later (in creation order, as real time has
# them). Timers due within a microsecond fire in one loop turn.
import asyncio
import selectors
import time

_now = [0.0]


def _read_clock():
    _now[0] += 1e-12
    return _now[0]


def _blocking_sleep(seconds):
    _now[0] += seconds


class _JumpingSelector(selectors.DefaultSelector):
    def select(self, timeout=None):
        if timeout is None:
            return super().select(None)
        _now[0] += timeout
        return super().select(0)


class _VirtualLoop(asyncio.SelectorEventLoop):
    def __init__(self):
        super().__init__(_JumpingSelector())
        self._clock_resolution = 1e-6

    def time(self):
        return _read_clock()


class _VirtualPolicy(asyncio.DefaultEventLoopPolicy):
    def new_event_loop(self):
        return _VirtualLoop()


asyncio.set_event_loop_policy(_VirtualPolicy())
time.sleep = _blocking_sleep
time.time = time.perf_counter = time.monotonic = _read_clock

# 3.11's asyncio.wait wants tasks; the tutorial passes coroutines, which it
# wraps in the order given.
_wait = asyncio.wait


async def _wait_tasks(aws, **options):
    return await _wait([asyncio.ensure_future(aw) for aw in aws], **options)


asyncio.wait = _wait_tasks
