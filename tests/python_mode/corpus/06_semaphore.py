import asyncio


async def job(i, sem):
    async with sem:
        print("start", i)
        # Each job sleeps 20 ms longer than the one before: no two wake in one loop turn by chance.
        await asyncio.sleep(0.02 * (i + 1))
        print("end", i)
        return i * i


async def main():
    sem = asyncio.Semaphore(2)
    print(await asyncio.gather(*(job(i, sem) for i in range(5))))


asyncio.run(main())
