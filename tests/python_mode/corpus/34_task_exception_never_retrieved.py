import asyncio


async def explode():
    raise RuntimeError("boom")


async def main():
    task = asyncio.create_task(explode())
    await asyncio.sleep(0.01)
    print("task done:", task.done(), repr(task.exception()))


asyncio.run(main())
