import asyncio


async def worker():
    try:
        while True:
            print("working")
            await asyncio.sleep(0.1)
    except asyncio.CancelledError:
        print("cleaning up")
        await asyncio.sleep(0.01)
        print("cleaned")
        raise


async def main():
    task = asyncio.create_task(worker())
    await asyncio.sleep(0.25)
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        print("main saw cancel", task.cancelled())


asyncio.run(main())
