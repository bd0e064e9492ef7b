import asyncio
import functools


def callback(label, *, suffix="!"):
    print("callback", label + suffix)


async def main():
    loop = asyncio.get_running_loop()
    loop.call_later(0.02, callback, "later")
    loop.call_soon(callback, "soon")
    loop.call_soon(functools.partial(callback, "partial", suffix="?"))
    print("registered")
    await asyncio.sleep(0.05)
    print("done")


asyncio.run(main())
