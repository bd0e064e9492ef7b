import asyncio


async def after(delay, label):
    await asyncio.sleep(delay)
    return label


async def main():
    tasks = {asyncio.create_task(after(d, f"t{d}")) for d in (0.03, 0.01, 0.02)}
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    print("done", sorted(t.result() for t in done), "pending", len(pending))
    for t in pending:
        t.cancel()
    await asyncio.wait(pending)
    print("all cancelled", all(t.cancelled() for t in pending))


asyncio.run(main())
