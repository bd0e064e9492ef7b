import asyncio


async def num(n):
    print("start", n)
    await asyncio.sleep(0)
    print("end", n)
    return n


async def main():
    tasks = [asyncio.create_task(num(i)) for i in range(5)]
    print("created")
    print(await asyncio.gather(*tasks))


asyncio.run(main())
