import asyncio
import contextvars

request_id = contextvars.ContextVar("request_id", default="-")


async def handle(n):
    request_id.set(f"req-{n}")
    await asyncio.sleep(0.01 * (3 - n))
    print("handled", n, request_id.get())


async def main():
    await asyncio.gather(*(handle(i) for i in range(3)))
    print("main sees", request_id.get())


asyncio.run(main())
