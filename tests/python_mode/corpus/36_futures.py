import asyncio


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    loop.call_later(0.02, fut.set_result, "from the loop")
    print("waiting")
    print(await fut)
    fut2 = loop.create_future()
    fut2.add_done_callback(lambda f: print("callback saw", f.result()))
    fut2.set_result(5)
    await asyncio.sleep(0)


asyncio.run(main())
