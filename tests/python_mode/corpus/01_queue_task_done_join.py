import asyncio


async def producer(queue, n):
    for i in range(n):
        await queue.put(i)
        print("put", i)
        await asyncio.sleep(0.02)


async def consumer(name, queue):
    while True:
        item = await queue.get()
        print(name, "got", item)
        await asyncio.sleep(0)
        queue.task_done()


async def main():
    queue = asyncio.Queue()
    workers = [asyncio.create_task(consumer(f"c{i}", queue)) for i in range(2)]
    await producer(queue, 5)
    await queue.join()
    for w in workers:
        w.cancel()
    results = await asyncio.gather(*workers, return_exceptions=True)
    print([type(r).__name__ for r in results])


asyncio.run(main())
