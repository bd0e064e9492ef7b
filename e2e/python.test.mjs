// Python mode: Python pasted in the "From Python" view, opened by a #py/ link or loaded by a
// host runs in CPython (Pyodide, in a worker of its own), with its output as CPython prints it and
// its tasks in the log and timeline; where the importer reads it, it turns into a task list.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { finished, open, shotsDir, useSite } from "./harness.mjs";

const ctx = useSite();
const fourHellos = await readFile(new URL("../tests/fixtures/tutorial/09_four_hellos.py", import.meta.url), "utf8");
// The four hellos as Python 3.11+ writes them (the tutorial's asyncio.wait of coroutines and its
// get_event_loop() at the top level are errors since 3.11 and 3.14).
const modernHellos = [
  "import asyncio",
  "",
  "async def hello(i):",
  "    print('hello', i)",
  "    await asyncio.sleep(1)",
  "    print('world', i)",
  "",
  "async def main():",
  "    await asyncio.gather(*(hello(i) for i in range(4)))",
  "",
  "asyncio.run(main())",
  "",
].join("\n");
const helloThenWorld = [0, 1, 2, 3].map((i) => `hello ${i}\n`).concat([0, 1, 2, 3].map((i) => `world ${i}\n`)).join("");

/** The page's link fragment for Python, percent-encoded as older pages wrote it. */
const pyLink = (python) => `#py/${encodeURIComponent(python)}`;

/**
 * Writes `python` in the From Python view, once the view shows the program's export: a fill
 * that lands while the export arrives would be mixed with it.
 */
async function pastePython(page, python) {
  await page.getByRole("tab", { name: "From Python" }).click();
  await page.waitForFunction(() => document.querySelector("#python-text")?.value.includes("exported by Coroutine Playground"));
  await page.locator("#python-text").fill(python);
}

/** What the Python run printed, as its console shows it. */
const consoleText = (page) => page.locator(".python-output .console").textContent();

test("Python pasted in the From Python view runs as Python: Python loads with a progress bar in bytes, prints what CPython prints, and its tasks show in the log and timeline", async () => {
  const { page, errors } = await open(ctx.browser, ctx.site.url);
  const loaded = [];
  page.on("request", (request) => loaded.push(request.url()));
  assert.ok(!loaded.some((url) => url.includes("pyodide")), "Python is not part of the first load");
  await pastePython(page, modernHellos);
  const run = page.getByRole("button", { name: "Run as Python" });
  await run.click();
  await page.locator(".python-loading progress").waitFor({ timeout: 10_000 });
  assert.match(await page.locator(".python-loading").textContent(), /Loading Python: [\d.]+ of [\d.]+ MB/);
  const ms = await finished(page, 60_000);
  assert.equal(await consoleText(page), helloThenWorld);
  assert.ok(ms >= 1000 && ms < 2500, `four 1 s sleeps at once took ${ms} ms`);
  const prints = await page.locator(".log-line .what.print").allTextContents();
  assert.deepEqual(prints, helloThenWorld.trim().split("\n").map((line) => `printed "${line}"`));
  const lanes = await page.locator(".timeline .tl-label").allTextContents();
  for (const lane of ["main", "hello", "hello.2", "hello.3", "hello.4"]) assert.ok(lanes.includes(lane), `lane ${lane} in ${lanes}`);
  assert.ok(loaded.some((url) => url.endsWith("pyodide.asm.wasm")), "Python was fetched on first use");
  await page.screenshot({ path: `${shotsDir}python-mode.png`, fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});

test("the tutorial's own four hellos fail as in CPython 3.14, and turn into a task list that runs", async () => {
  const { page, errors } = await open(ctx.browser, `${ctx.site.url}${pyLink(fourHellos)}`);
  await page.getByRole("button", { name: "Run as Python" }).click();
  await page.locator(".python-output .console .stderr").first().waitFor({ timeout: 60_000 });
  assert.match(await consoleText(page), /RuntimeError: There is no current event loop/);
  assert.match(await page.locator(".python-notes").textContent(), /since Python 3\.14/);
  await page.getByRole("button", { name: "Turn into a task list" }).click();
  assert.match(await page.locator("#program-text").inputValue(), /task hello x4/);
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await finished(page);
  assert.equal(await page.locator(".log-line .what.print").count(), 8);
  assert.deepEqual(errors, []);
  await page.close();
});

test("a #py/ link with ?autorun=1 runs its Python at once, and Share writes a deflated #py/ link that opens the same Python", async () => {
  const python = "import asyncio\n\nasync def main():\n    print(\"50% done\")\n    await asyncio.sleep(0.2)\n\nasyncio.run(main())\n";
  const { page, errors } = await open(ctx.browser, `${ctx.site.url}?autorun=1${pyLink(python)}`);
  await finished(page, 60_000);
  assert.equal(await consoleText(page), "50% done\n");
  await page.getByRole("button", { name: "Share" }).click();
  const href = await page.getByLabel("Link to this program").inputValue();
  assert.match(href, /#py\/v1\.[A-Za-z0-9_-]+$/);
  const opened = await open(ctx.browser, href);
  assert.equal(await opened.page.locator("#python-text").inputValue(), python);
  await opened.page.close();
  assert.deepEqual(errors, []);
  await page.close();
});

test("a 20 KB program fits in a #py/ link", async () => {
  const lines = ["import asyncio", ""];
  for (let i = 0; lines.join("\n").length < 20_000; i++) {
    lines.push(`async def step_${i}(delay):`, `    """Step ${i} of the pipeline."""`, `    await asyncio.sleep(delay / 1000)`, `    return ${i} * 2`, "");
  }
  lines.push("async def main():", "    print(await step_0(1))", "", "asyncio.run(main())", "");
  const python = lines.join("\n");
  const { page } = await open(ctx.browser, ctx.site.url);
  await pastePython(page, python);
  await page.waitForFunction(() => location.hash.startsWith("#py/v1."));
  const hash = await page.evaluate(() => location.hash);
  assert.ok(hash.length < 8000, `${python.length} characters of Python made a ${hash.length}-character link`);
  const opened = await open(ctx.browser, `${ctx.site.url}${hash}`);
  assert.equal(await opened.page.locator("#python-text").inputValue(), python);
  await opened.page.close();
  await page.close();
});

test("Stop ends a runaway Python program at once, the page never freezes, and the next run starts in a fresh worker", async () => {
  const runaway = "import time\nwhile True:\n    time.sleep(0.01)\n";
  const { page, errors } = await open(ctx.browser, `${ctx.site.url}${pyLink(runaway)}`);
  await page.getByRole("button", { name: "Run as Python" }).click();
  await page.locator("output.status", { hasText: "Running" }).waitFor();
  await page.locator(".python-loading").waitFor({ state: "detached", timeout: 60_000 });
  const frames = await page.evaluate(
    () => new Promise((resolve) => {
      let count = 0;
      const start = performance.now();
      const tick = () => (performance.now() - start < 500 ? (count++, requestAnimationFrame(tick)) : resolve(count));
      requestAnimationFrame(tick);
    }),
  );
  assert.ok(frames > 10, `the page drew ${frames} frames in 0.5 s while Python held its loop`);
  await page.getByRole("button", { name: "Stop" }).click();
  await page.locator("output.status", { hasText: "Stopped" }).waitFor();
  await page.locator("#python-text").fill("print('again')\n");
  await page.getByRole("button", { name: "Run as Python" }).click();
  await finished(page, 60_000);
  assert.equal(await consoleText(page), "again\n");
  assert.deepEqual(errors, []);
  await page.close();
});

test("the Python view in Chinese: an unreadable program says why it stays Python and still runs", async () => {
  const { page, errors } = await open(ctx.browser, `${ctx.site.url}?lang=zh`);
  await page.getByRole("tab", { name: "从 Python 导入" }).click();
  await page.locator("#python-text").fill("class Box:\n    def __init__(self):\n        self.items = [1, 2]\n\nprint(sum(Box().items))\n");
  await page.locator("#python-error", { hasText: "它仍是 Python" }).waitFor();
  assert.equal(await page.locator(".program h2").textContent(), "你的程序", "not the preset's title");
  await page.getByRole("button", { name: "作为 Python 运行" }).click();
  await page.locator("output.status", { hasText: /完成|Finished/ }).waitFor({ timeout: 60_000 });
  assert.equal(await consoleText(page), "3\n");
  await page.screenshot({ path: `${shotsDir}python-mode-zh.png`, fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});

test("a Python program's prediction comes from CPython on the virtual clock: stepped through before a run, and beside the run in the Orders tab", async () => {
  const python = [
    "import asyncio",
    "",
    "async def job(name, delay):",
    "    await asyncio.sleep(delay)",
    "    print(name, 'done')",
    "",
    "async def main():",
    "    await asyncio.gather(job('slow', 0.3), job('fast', 0.1))",
    "",
    "asyncio.run(main())",
    "",
  ].join("\n");
  const { page, errors } = await open(ctx.browser, `${ctx.site.url}${pyLink(python)}`);
  await page.getByRole("button", { name: "Step through the prediction" }).click();
  const ms = await finished(page, 60_000);
  assert.equal(ms, 300, "the virtual clock's total is the sleeps' exactly");
  assert.deepEqual(await page.locator(".log-line .what.print").allTextContents(), ['printed "fast done"', 'printed "slow done"']);
  await page.getByRole("button", { name: "Run as Python" }).click();
  await finished(page, 60_000);
  await page.getByRole("tab", { name: "Orders" }).click();
  await page.getByRole("button", { name: "Show the prediction" }).click();
  await page.locator(".tab-panel ol.predicted").first().waitFor({ timeout: 60_000 });
  assert.match(await page.locator(".tab-panel").textContent(), /The run happened in the predicted order\./);
  assert.deepEqual(errors, []);
  await page.close();
});

test("predict mode asks about a Python program what CPython on the virtual clock does, grades the answers, and runs the Python to confirm", async () => {
  const python = [
    "import asyncio",
    "",
    "class Job:",
    "    def __init__(self, name, delay):",
    "        self.name, self.delay = name, delay",
    "",
    "    async def run(self):",
    "        await asyncio.sleep(self.delay / 1000)",
    "        print(f'{self.name} after {self.delay:.0f} ms')",
    "        return self.name",
    "",
    "async def main():",
    "    jobs = [Job('slow', 300), Job('fast', 100), Job('middle', 200)]",
    "    print(await asyncio.gather(*(job.run() for job in jobs)))",
    "",
    "asyncio.run(main())",
    "",
  ].join("\n");
  const printed = ["fast after 100 ms", "middle after 200 ms", "slow after 300 ms", "['slow', 'fast', 'middle']"];
  const { page, errors } = await open(ctx.browser, `${ctx.site.url}?mode=predict${pyLink(python)}`);
  const question = (n) => page.locator(".quiz .question").nth(n - 1);
  await question(3).waitFor({ timeout: 60_000 });
  assert.deepEqual(
    await page.locator(".quiz legend").allTextContents(),
    ["1. Put the printed lines in the order the run prints them.", "2. Which task finishes first?", "3. How long does the run take, in ms?"],
  );
  const shown = await question(1).locator("li").evaluateAll((items) => items.map((li) => li.dataset.item));
  assert.deepEqual([...shown].sort(), [...printed].sort(), "the lines to arrange are the Python's own prints");
  // Drag each line, from the first place on, onto the line in its place.
  for (let at = 0; at < printed.length; at++) {
    const lines = question(1).locator("li");
    const from = (await lines.evaluateAll((items) => items.map((li) => li.dataset.item))).indexOf(printed[at]);
    if (from !== at) await lines.nth(from).dragTo(lines.nth(at));
  }
  await question(2).locator("select").selectOption("run.2");
  await question(3).locator("input").fill("1000");
  await page.getByRole("button", { name: "Check and run" }).click();
  await finished(page, 60_000);
  const verdicts = await page.locator(".quiz .verdict").evaluateAll((all) => all.map((v) => [v.className, v.textContent]));
  assert.deepEqual(verdicts.slice(0, 2), [["verdict right", "Right: the run will show it."], ["verdict right", "Right: the run will show it."]]);
  assert.deepEqual(verdicts[2], ["verdict wrong", "Shorter than that. Waits that overlap count once; what holds the loop (block, compute, time.sleep) adds up."]);
  assert.equal(await consoleText(page), `${printed.join("\n")}\n`, "Check and run ran the Python");
  await page.screenshot({ path: `${shotsDir}python-predict.png`, fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});

test("predict mode says why a Python program has no prediction, and Run still runs it", async () => {
  const { page, errors } = await open(ctx.browser, `${ctx.site.url}?mode=predict${pyLink("while True:\n    pass\n")}`);
  const said = page.locator(".quiz .error");
  await said.waitFor({ timeout: 60_000 });
  assert.equal(await said.textContent(), "No prediction: the prediction took more than 10 s");
  assert.ok(await page.getByRole("button", { name: "Run as Python" }).isEnabled());
  assert.deepEqual(errors, []);
  await page.close();
});
