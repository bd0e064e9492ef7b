import asyncio


async def main():
    loop = asyncio.get_running_loop()
    for label, delay in [("c", 0.03), ("a", 0.01), ("b", 0.02), ("a2", 0.01)]:
        loop.call_later(delay, print, label)
    loop.call_soon(print, "soon")
    await asyncio.sleep(0.05)


asyncio.run(main())
