import asyncio
import time


async def blocking(i):
    print("start", i)
    time.sleep(0.03)
    print("end", i)


async def main():
    t = time.perf_counter()
    await asyncio.gather(blocking(0), blocking(1), blocking(2))
    print("took at least 0.09 s:", time.perf_counter() - t >= 0.085)


asyncio.run(main())
