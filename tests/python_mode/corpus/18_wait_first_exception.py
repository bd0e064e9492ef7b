import asyncio


async def fail_later():
    await asyncio.sleep(0.01)
    raise KeyError("k")


async def slow():
    await asyncio.sleep(0.05)
    return "slow"


async def main():
    tasks = [asyncio.create_task(fail_later()), asyncio.create_task(slow())]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
    print(len(done), len(pending), repr(tasks[0].exception()))
    print(await tasks[1])


asyncio.run(main())
