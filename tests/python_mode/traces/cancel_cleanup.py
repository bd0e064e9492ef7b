import asyncio


async def sleeper():
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        print("cleanup")
        raise


async def main():
    task = asyncio.create_task(sleeper())
    await asyncio.sleep(0.1)
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        print("cancelled")


asyncio.run(main())
