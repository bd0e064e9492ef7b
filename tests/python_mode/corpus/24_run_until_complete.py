import asyncio


async def compute(x):
    await asyncio.sleep(0.01)
    return x + 1


loop = asyncio.new_event_loop()
asyncio.set_event_loop(loop)
print(loop.run_until_complete(compute(1)))
print(loop.run_until_complete(asyncio.gather(compute(2), compute(3))))
loop.close()
print("closed", loop.is_closed())
