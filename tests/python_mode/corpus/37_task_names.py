import asyncio


async def work():
    await asyncio.sleep(0.01)
    return asyncio.current_task().get_name()


async def main():
    a = asyncio.create_task(work(), name="alpha")
    b = asyncio.create_task(work())
    b.set_name("beta")
    print(await a, await b)
    print(len(asyncio.all_tasks()))


asyncio.run(main())
