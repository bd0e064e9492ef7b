import asyncio


async def producer(queue):
    await queue.put("a")
    await queue.put("b")


async def consumer(queue):
    for _ in range(2):
        print(await queue.get())


async def main():
    queue = asyncio.Queue(maxsize=1)
    await asyncio.gather(producer(queue), consumer(queue))


asyncio.run(main())
