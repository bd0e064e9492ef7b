import asyncio


async def after(delay, label):
    await asyncio.sleep(delay)
    return label


async def main():
    aws = [after(0.03, "slow"), after(0.01, "fast"), after(0.02, "medium")]
    for next_done in asyncio.as_completed(aws):
        print(await next_done)


asyncio.run(main())
