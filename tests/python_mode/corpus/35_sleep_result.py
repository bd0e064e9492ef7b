import asyncio


async def main():
    value = await asyncio.sleep(0.01, result="slept")
    print(value)
    print(await asyncio.sleep(0))


asyncio.run(main())
