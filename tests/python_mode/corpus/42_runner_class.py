import asyncio


async def hello(n):
    await asyncio.sleep(0.005)
    return f"hello {n}"


with asyncio.Runner() as runner:
    print(runner.run(hello(1)))
    print(runner.run(hello(2)))
print("runner closed")
