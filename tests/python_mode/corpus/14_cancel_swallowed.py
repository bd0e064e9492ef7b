import asyncio


async def stubborn():
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        print("ignoring cancel")
    return "finished anyway"


async def main():
    task = asyncio.create_task(stubborn())
    await asyncio.sleep(0)
    task.cancel("stop now")
    print(await task, task.cancelled())


asyncio.run(main())
