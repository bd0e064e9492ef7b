import asyncio


async def main():
    cond = asyncio.Condition()
    items = []

    async def consume(name):
        async with cond:
            await cond.wait_for(lambda: items)
            print(name, "took", items.pop(0))

    async def produce():
        for i in range(3):
            await asyncio.sleep(0.01)
            async with cond:
                items.append(i)
                cond.notify()

    await asyncio.gather(consume("x"), consume("y"), consume("z"), produce())


asyncio.run(main())
