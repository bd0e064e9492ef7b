import asyncio


async def main():
    q = asyncio.PriorityQueue()
    for p, item in [(3, "low"), (1, "high"), (2, "mid")]:
        await q.put((p, item))
    while not q.empty():
        print(await q.get())
    lifo = asyncio.LifoQueue()
    for i in range(3):
        lifo.put_nowait(i)
    print([lifo.get_nowait() for _ in range(3)])


asyncio.run(main())
