import asyncio


async def main():
    try:
        name = input("name? ")
    except EOFError:
        name = "nobody"
    print("hello", name)


asyncio.run(main())
