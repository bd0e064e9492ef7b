import asyncio


async def runner(i, barrier):
    await asyncio.sleep(0.01 * i)
    print("arrived", i)
    pos = await barrier.wait()
    print("passed", i, pos)


async def main():
    barrier = asyncio.Barrier(3)
    await asyncio.gather(*(runner(i, barrier) for i in range(3)))
    print("broken", barrier.broken)


asyncio.run(main())
