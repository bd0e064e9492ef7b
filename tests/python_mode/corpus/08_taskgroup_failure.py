import asyncio

# A TaskGroup cancels its other tasks in no set order (it keeps them in a set).
stopped = []

async def ok(i):
    try:
        await asyncio.sleep(0.05)
        print("ok", i)
    except asyncio.CancelledError:
        stopped.append(i)
        raise


async def bad():
    await asyncio.sleep(0.01)
    raise ValueError("bad input")


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(ok(1))
            tg.create_task(bad())
            tg.create_task(ok(2))
    except* ValueError as group:
        print("caught", [str(e) for e in group.exceptions])
    print("cancelled", sorted(stopped))


asyncio.run(main())
