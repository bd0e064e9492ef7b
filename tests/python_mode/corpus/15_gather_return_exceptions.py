import asyncio


async def fine(x):
    await asyncio.sleep(0.01)
    return x


async def broken(x):
    await asyncio.sleep(0.005)
    raise RuntimeError(f"broken {x}")


async def main():
    results = await asyncio.gather(fine(1), broken(2), fine(3), return_exceptions=True)
    for r in results:
        print(type(r).__name__, r)
    try:
        await asyncio.gather(fine(1), broken(2))
    except RuntimeError as e:
        print("first error:", e)


asyncio.run(main())
