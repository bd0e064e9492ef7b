import asyncio

counter = 0


async def add(name, lock):
    global counter
    for _ in range(3):
        async with lock:
            value = counter
            await asyncio.sleep(0.005)
            counter = value + 1
            print(name, "->", counter)


async def main():
    lock = asyncio.Lock()
    await asyncio.gather(add("a", lock), add("b", lock))
    print("total", counter, "locked", lock.locked())


asyncio.run(main())
