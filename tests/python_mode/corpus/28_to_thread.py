import asyncio
import time


def slow_add(a, b):
    time.sleep(0.03)
    return a + b


async def ticker():
    for i in range(3):
        print("tick", i)
        await asyncio.sleep(0.01)


async def main():
    result, _ = await asyncio.gather(asyncio.to_thread(slow_add, 2, 3), ticker())
    print("sum", result)


asyncio.run(main())
