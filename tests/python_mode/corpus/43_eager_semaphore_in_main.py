import asyncio


async def fetch(i, sem):
    async with sem:
        await asyncio.sleep(0.01)
        return i


async def main():
    sem = asyncio.Semaphore(3)
    results = await asyncio.gather(*(fetch(i, sem) for i in range(6)))
    print(sum(results), sem.locked())


if __name__ == "__main__":
    asyncio.run(main())
