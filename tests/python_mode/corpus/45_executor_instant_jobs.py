import asyncio
from concurrent.futures import ThreadPoolExecutor


async def main():
    loop = asyncio.get_running_loop()
    print(await loop.run_in_executor(None, sum, [1, 2, 3]))
    print(await asyncio.to_thread(len, "abc"))
    with ThreadPoolExecutor(max_workers=2) as pool:
        print(pool.submit(pow, 2, 10).result())
        print(await loop.run_in_executor(pool, max, 4, 9))


asyncio.run(main())
