import asyncio


async def slow():
    await asyncio.sleep(1)
    return "never"


async def main():
    try:
        async with asyncio.timeout(0.05):
            await slow()
    except TimeoutError:
        print("timed out")
    print("after")


asyncio.run(main())
