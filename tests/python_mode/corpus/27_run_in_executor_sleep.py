import asyncio
import time
from concurrent.futures import ThreadPoolExecutor


def blocking_io(i):
    time.sleep(0.05)
    return f"io {i}"


async def main():
    loop = asyncio.get_running_loop()
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=3) as pool:
        results = await asyncio.gather(*(loop.run_in_executor(pool, blocking_io, i) for i in range(3)))
    elapsed = time.perf_counter() - start
    print(results)
    print("in parallel:", elapsed < 0.14)


asyncio.run(main())
