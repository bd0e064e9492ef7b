import asyncio


class Resource:
    def __init__(self, name):
        self.name = name

    async def __aenter__(self):
        await asyncio.sleep(0.005)
        print("open", self.name)
        return self

    async def __aexit__(self, *exc):
        await asyncio.sleep(0.005)
        print("close", self.name)
        return False


class Countdown:
    def __init__(self, n):
        self.n = n

    def __aiter__(self):
        return self

    async def __anext__(self):
        if self.n == 0:
            raise StopAsyncIteration
        self.n -= 1
        await asyncio.sleep(0)
        return self.n


async def main():
    async with Resource("db") as r:
        async for k in Countdown(3):
            print(r.name, k)


asyncio.run(main())
