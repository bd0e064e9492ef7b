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
