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
				pass
			# 	print(li.get_text())
		return "ok"
	except RequestException:
		return None

if __name__ == '__main__':
	start_time_1 = time.time()
	for i in range(1, 10):
		crawl(i)
	print("单线程时间:>>>", round(time.time() - start_time_1, 1))

	start_time_2 = time.time()
	with ThreadPoolExecutor(max_workers=10)as t:
		for i in range(1, 10):
			t.submit(crawl, i)
	print("线程池时间:>>>", round(time.time() - start_time_2, 1))

	start_time_3 = time.time()
	with ProcessPoolExecutor(max_workers=10)as t:
		for i in range(1, 10):
			t.submit(crawl, i)
	print("进程池时间:>>>", round(time.time() - start_time_3, 1))
