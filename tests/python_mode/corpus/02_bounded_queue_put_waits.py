import asyncio


async def main():
    queue = asyncio.Queue(maxsize=2)

    async def fill():
        for i in range(5):
            await queue.put(i)
            print("put", i, "size", queue.qsize())

    async def drain():
        for _ in range(5):
            await asyncio.sleep(0.01)
            print("take", await queue.get())

    await asyncio.gather(fill(), drain())
    print("empty", queue.empty())


asyncio.run(main())
