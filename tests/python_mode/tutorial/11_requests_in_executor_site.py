import asyncio, requests,aiohttp
import time
from concurrent.futures import ThreadPoolExecutor, ProcessPoolExecutor
from bs4 import BeautifulSoup
from requests.exceptions import RequestException

headers = {
	'User-Agent': 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/80.0.3987.116 Safari/537.36',
}

def crawl(i):
	url = f'site/{i}.html'
	try:
		html = requests.get(url, headers=headers)
		if html.status_code == 200:
			soup = BeautifulSoup(html.text, 'lxml')
			lis = soup.select(".post .author")
			for li in lis:
				print(li.get_text())
		return "ok"
	except RequestException:
		return None

async def main():
	loop = asyncio.get_event_loop() # 获取循环事件
	tasks = []
	with ThreadPoolExecutor(max_workers=10)as t:
		# 10 个线程,10 个任务
		for i in range(1, 10):
			tasks.append(loop.run_in_executor(t, crawl, i))
	# 		task.append(loop.run_in_executor(放入你的线程,爬虫函数,爬虫函数参数)

	# 以下代码可以不写
	# await asyncio.wait(tasks)
	# for result in await asyncio.wait(tasks):
	# 	print(result)# 当你执行的爬虫函数有返回信息时使用
	# 	pass

if __name__ == '__main__':
	start_time = time.time()
	loop = asyncio.get_event_loop()
	loop.run_until_complete(main())
	loop.close()
