import asyncio


async def slow(x):
    await asyncio.sleep(x)
    return x


async def main():
    print(await asyncio.wait_for(slow(0.01), timeout=0.5))
    try:
        await asyncio.wait_for(slow(1), timeout=0.03)
    except asyncio.TimeoutError:
        print("too slow")


asyncio.run(main())
