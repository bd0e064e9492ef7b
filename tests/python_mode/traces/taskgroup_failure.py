import asyncio


async def fails():
    await asyncio.sleep(0.1)
    raise ValueError("no")


async def waits():
    await asyncio.sleep(1)


async def main():
    try:
        async with asyncio.TaskGroup() as group:
            group.create_task(fails())
            group.create_task(waits())
    except* ValueError:
        print("caught")


asyncio.run(main())
