import asyncio


async def ticker(n):
    for i in range(n):
        await asyncio.sleep(0.005)
        yield i


async def main():
    async for t in ticker(4):
        print("tick", t)
    print([x async for x in ticker(3)])


asyncio.run(main())
