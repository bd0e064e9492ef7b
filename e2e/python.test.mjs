// Python in: the tutorial's code pasted in the Python view, opened by a #py/ link, shared and
// loaded by a host, runs on the page's loop as CPython runs it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { finished, open, shotsDir, useSite } from "./harness.mjs";

const ctx = useSite();
const fourHellos = await readFile(new URL("../tests/fixtures/tutorial/09_four_hellos.py", import.meta.url), "utf8");
const helloThenWorld = [0, 1, 2, 3].map((i) => `printed "hello ${i}"`).concat([0, 1, 2, 3].map((i) => `printed "world ${i}"`));

/** The page's link fragment for Python, as the page writes it. */
const pyLink = (python) => `#py/${encodeURIComponent(python)}`;

/** Runs the page's program to its end and checks it printed the four hellos, then the worlds, in about one wait. */
async function assertFourHellos(page) {
  const ms = await finished(page);
  assert.deepEqual(await page.locator(".log-line .what.print").allTextContents(), helloThenWorld);
  assert.ok(ms >= 3000 && ms < 4500, `four 3 s sleeps at once took ${ms} ms`);
}

test("the tutorial's four hellos pasted in the Python view run: hello 0-3, then world 0-3, in about 3 s", async () => {
  const { page, errors } = await open(ctx.browser, ctx.site.url);
  await page.getByRole("tab", { name: "From Python" }).click();
  const python = page.locator("#python-text");
  await python.fill(fourHellos);
  await page.locator(".import-notes li", { hasText: "Python 3.11 refuses that" }).waitFor();
  await page.getByRole("tab", { name: "Text" }).click();
  assert.match(await page.locator("#program-text").inputValue(), /task hello x4/);
  await page.getByRole("tab", { name: "From Python" }).click();
  assert.equal(await python.inputValue(), fourHellos, "the view keeps what the learner wrote");
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await assertFourHellos(page);
  assert.equal(decodeURIComponent(new URL(page.url()).hash.slice("#py/".length)), fourHellos, "the link carries the Python");
  await page.screenshot({ path: `${shotsDir}python-view.png`, fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});

test("a #py/ link opens the Python view and runs the same, at once with ?autorun=1", async () => {
  const { page, errors } = await open(ctx.browser, `${ctx.site.url}?autorun=1${pyLink(fourHellos)}`);
  assert.equal(await page.locator("#python-text").inputValue(), fourHellos);
  await assertFourHellos(page);
  assert.deepEqual(errors, []);
  await page.close();
});

test("Share links to the Python the learner wrote, and the link opens it", async () => {
  const { page } = await open(ctx.browser, ctx.site.url);
  await page.getByRole("tab", { name: "From Python" }).click();
  const python = "import asyncio\n\nasync def main():\n    print(\"50% done\")\n    await asyncio.sleep(0.2)\n\nasyncio.run(main())\n";
  await page.locator("#python-text").fill(python);
  await page.locator("button.run:not([disabled])").waitFor();
  await page.getByRole("button", { name: "Share" }).click();
  const href = await page.getByLabel("Link to this program").inputValue();
  assert.match(href, /#py\//);
  const opened = await open(ctx.browser, href);
  assert.equal(await opened.page.locator("#python-text").inputValue(), python);
  await opened.page.getByRole("button", { name: "Run", exact: true }).click();
  await finished(opened.page);
  assert.deepEqual(await opened.page.locator(".log-line .what.print").allTextContents(), ['printed "50% done"']);
  await opened.page.close();
  await page.close();
});

test("Python the page does not read shows the error at its line, in Chinese too, and cannot run", async () => {
  const { page, errors } = await open(ctx.browser, `${ctx.site.url}?lang=zh`);
  await page.getByRole("tab", { name: "从 Python 导入" }).click();
  await page.locator("#python-text").fill("import asyncio\n\nasync def main():\n    await asyncio.sleep(1)\n    x = yield_now()\n\nasyncio.run(main())\n");
  const error = page.locator("#python-error");
  await error.filter({ hasText: "5" }).waitFor();
  assert.match(await error.locator(".error-line").textContent(), /yield_now/);
  assert.equal(await page.locator("button.run").isDisabled(), true);
  await page.locator("#python-text").fill(fourHellos);
  await page.locator(".import-notes li", { hasText: "Python 3.11 会拒绝" }).waitFor();
  assert.equal(await page.locator("button.run").isDisabled(), false);
  await page.screenshot({ path: `${shotsDir}python-view-zh.png`, fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});

test("an aiohttp and BeautifulSoup crawler of the bundled site runs: each page fetched once, its authors in the log", async () => {
  const { page, errors } = await open(ctx.browser, ctx.site.url);
  await page.getByRole("tab", { name: "From Python" }).click();
  const crawler = [
    "import asyncio",
    "import aiohttp",
    "from bs4 import BeautifulSoup",
    "",
    "async def crawl(i):",
    "    async with aiohttp.ClientSession() as session:",
    '        async with session.get(f"site/{i}.html") as response:',
    "            print(response.status)",
    '            soup = BeautifulSoup(await response.text(), "html.parser")',
    '    for author in soup.select(".post .author"):',
    "        print(author.get_text())",
    '    print("page %d crawled" % i)',
    "",
    "async def main():",
    "    await asyncio.gather(*[crawl(i) for i in range(1, 4)])",
    "",
    "asyncio.run(main())",
    "",
  ].join("\n");
  await page.locator("#python-text").fill(crawler);
  await page.locator(".import-notes li", { hasText: "fetched line" }).waitFor();
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await finished(page);
  const fetched = await page.locator(".log-line .what.fetched").allTextContents();
  assert.equal(fetched.length, 3, fetched.join("\n"));
  for (const line of fetched) assert.match(line, /^got HTTP 200, \d+ bytes; selected: \S/);
  const printed = await page.locator(".log-line .what.print").allTextContents();
  assert.deepEqual(printed.sort(), [1, 2, 3].map((i) => `printed "page ${i} crawled"`));
  assert.deepEqual(errors, []);
  await page.close();
});
