import asyncio


async def step(name, delay):
    await asyncio.sleep(delay)
    print("step", name)
    return name


async def pipeline(tag):
    a = await step(f"{tag}-a", 0.01)
    b = await step(f"{tag}-b", 0.01)
    return a + "+" + b


async def main():
    print(await asyncio.gather(pipeline("x"), pipeline("y")))
    try:
        await asyncio.wait_for(pipeline("z"), timeout=0.015)
    except TimeoutError:
        print("z timed out")


asyncio.run(main())
