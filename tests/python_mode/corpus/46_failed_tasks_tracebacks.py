import asyncio


async def broken(n):
    await asyncio.sleep(0.1 * n)
    raise ValueError(f"job {n} failed")


async def main():
    forgotten = asyncio.create_task(broken(1))
    awaited = asyncio.create_task(broken(2))
    await asyncio.sleep(0.5)
    print("forgotten done:", forgotten.done())
    try:
        await awaited
    except ValueError as error:
        print("caught:", error)
    del forgotten
    import gc
    gc.collect()
    print("main ends")


asyncio.run(main())
