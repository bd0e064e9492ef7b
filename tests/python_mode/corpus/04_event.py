import asyncio


async def waiter(name, event):
    print(name, "waits")
    await event.wait()
    print(name, "woke")


async def main():
    event = asyncio.Event()
    tasks = [asyncio.create_task(waiter(f"w{i}", event)) for i in range(3)]
    await asyncio.sleep(0.02)
    print("setting")
    event.set()
    await asyncio.gather(*tasks)
    print("is_set", event.is_set())


asyncio.run(main())
