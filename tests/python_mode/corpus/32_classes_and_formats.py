import asyncio
import random


class Account:
    def __init__(self, owner, balance):
        self.owner = owner
        self.balance = balance

    async def deposit(self, amount):
        await asyncio.sleep(0.001)
        self.balance += amount
        return self.balance


async def main():
    random.seed(7)
    acct = Account("ana", 10.0)
    amounts = [round(random.uniform(1, 5), 2) for _ in range(3)]
    for a in amounts:
        result = await acct.deposit(a)
        print(f"{acct.owner:>5}: {result=:.2f} ({a:.1f})")
    f = 1
    for i in range(1, 6):
        f *= i
    print(f"{f=} {f:08.3f} {'x'!r:^7}")


asyncio.run(main())
