import asyncio


async def tick(loop):
    for i in range(3):
        print("tick", i)
        await asyncio.sleep(0.01)
    loop.stop()


loop = asyncio.new_event_loop()
loop.create_task(tick(loop))
loop.call_later(0.005, print, "timer fired")
loop.run_forever()
print("stopped, running:", loop.is_running())
loop.close()
