import asyncio


async def important():
    await asyncio.sleep(0.05)
    print("important done")
    return 42


async def main():
    task = asyncio.create_task(important())
    try:
        await asyncio.wait_for(asyncio.shield(task), timeout=0.01)
    except TimeoutError:
        print("gave up waiting")
    print("result", await task)


asyncio.run(main())
