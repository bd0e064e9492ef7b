import asyncio
import aiohttp
from bs4 import BeautifulSoup
headers = {
	'User-Agent': 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/80.0.3987.116 Safari/537.36',
}

async def crawl(i):
	url = f'site/{i}.html'
	async with aiohttp.ClientSession(headers = headers)as session:
		async with session.get(url)as response:
			print(response.status)
			text = await response.text()
			print('start', i)
	soup = BeautifulSoup(text, 'lxml')
	lis = soup.select(".post .author")
	for li in lis:
		print(li.get_text())
if __name__ == '__main__':
	tasks = [crawl(i) for i in range(1, 10)]
	loop = asyncio.get_event_loop()
	loop.run_until_complete(asyncio.wait(tasks))
    loop.close()
