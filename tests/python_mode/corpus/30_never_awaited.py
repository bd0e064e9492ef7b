import asyncio


async def net():
    print("net ran")
    return 1


async def main():
    net()
    await asyncio.sleep(0)
    print("main done")


asyncio.run(main())
