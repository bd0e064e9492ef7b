import asyncio
import time
from concurrent.futures import ThreadPoolExecutor


def job(i):
    time.sleep(0.03)
    return i


async def main():
    loop = asyncio.get_running_loop()
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=2) as pool:
        print(await asyncio.gather(*(loop.run_in_executor(pool, job, i) for i in range(4))))
    elapsed = time.perf_counter() - start
    print("two rounds:", 0.055 < elapsed < 0.3)


asyncio.run(main())
