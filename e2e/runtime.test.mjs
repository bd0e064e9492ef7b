// The runtime through the page: the crawler on the bundled site, and the worker pool.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { finished, open, scrollLogFrames, shotsDir, useSite } from "./harness.mjs";

const ctx = useSite();

test("the crawler fetches the nine bundled pages and selects the authors", async () => {
  const { page, errors } = await open(ctx.browser, ctx.site.url);
  await page.locator('[data-preset="crawler"]').click();
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await finished(page);
  const filter = page.getByLabel("Show task");
  for (let n = 1; n <= 9; n++) {
    const html = await readFile(new URL(`../static/site/${n}.html`, import.meta.url), "utf8");
    const authors = [...html.matchAll(/class="author">([^<]+)</g)].map((m) => m[1]);
    await filter.selectOption(`crawl${n - 1}`);
    const fetched = await page.locator(".log-line .what.fetched").textContent();
    assert.equal(fetched.replace(/\d+ bytes/, "N bytes"), `got HTTP 200, N bytes; selected: ${authors.join(", ")}`);
  }
  assert.deepEqual(errors, []);
  await page.screenshot({ path: `${shotsDir}crawler-desktop.png`, fullPage: true });
  await page.close();
});

test("a log line cut short is shown whole below the log when clicked or reached with the arrow keys, until the next run", async () => {
  const { page, errors } = await open(ctx.browser, ctx.site.url);
  await page.locator('[data-preset="crawler"]').click();
  await page.locator(".scale select").selectOption("0.1");
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await finished(page);
  await page.getByLabel("Show task").selectOption("crawl0");
  const fetched = page.locator(".log-line .what.fetched");
  const whole = await fetched.textContent();
  assert.ok(await fetched.evaluate((what) => what.scrollWidth > what.clientWidth), "the line this test clicks is cut short");
  assert.equal(await page.locator(".log-detail").count(), 0);
  await fetched.click();
  const detail = page.locator(".log-detail");
  assert.equal(await detail.locator(".what").textContent(), whole);
  assert.equal(await detail.locator(".task").textContent(), "crawl0");
  assert.ok(await detail.evaluate((p) => p.scrollWidth <= p.clientWidth), "the detail shows the line whole");
  assert.equal(await page.locator(".log-line.selected .what").textContent(), whole);
  await page.screenshot({ path: `${shotsDir}crawler-line-detail.png`, fullPage: true });
  await page.locator(".log-view").focus();
  await page.keyboard.press("ArrowDown");
  assert.equal(await detail.locator(".what").textContent(), 'printed "page 1 crawled"');
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("ArrowUp");
  assert.equal(await detail.locator(".what").textContent(), "resumed");
  await page.keyboard.press("Escape");
  await detail.waitFor({ state: "detached" });
  await page.keyboard.press("ArrowDown");
  assert.equal(await detail.locator(".what").textContent(), "started", "with none selected, the first line");
  await page.getByLabel("Show task").selectOption("");
  await page.locator(".log-view").focus();
  for (let i = 0; i < 40; i++) await page.keyboard.press("ArrowDown");
  const inView = () => {
    const view = document.querySelector(".log-view").getBoundingClientRect();
    const line = document.querySelector(".log-line.selected")?.getBoundingClientRect();
    return line && line.top >= view.top && line.bottom <= view.bottom;
  };
  await page.waitForFunction(inView, null, { timeout: 5_000 }).catch(() => assert.fail("the log scrolls to keep the selected line in view"));
  const line = await page.locator(".log-line.selected").boundingBox();
  const scrolled = await page.locator(".log-view").evaluate((v) => v.scrollTop);
  assert.ok(scrolled > 0);
  await page.keyboard.press("Escape");
  await page.mouse.click(line.x + 20, line.y + line.height / 2);
  assert.equal(await page.locator(".log-view").evaluate((v) => v.scrollTop), scrolled, "a click keeps the log where it was");
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await detail.waitFor({ state: "detached" });
  await finished(page);
  assert.deepEqual(errors, []);
  await page.close();
});

/** Runs `source` in the page; returns the total and the worst lag shown. */
async function timeRun(page, source) {
  await page.getByLabel("Program text").fill(source);
  await page.getByRole("tab", { name: "Log" }).click();
  await page.getByRole("button", { name: "Run", exact: true }).click();
  const total = await finished(page, 60_000);
  await page.getByRole("tab", { name: "Orders" }).click();
  const lag = Number((await page.locator(".totals dd").nth(4).textContent()).match(/(\d+)/)[1]);
  return { total, lag };
}

test("offloaded CPU work finishes sooner than on the main thread and keeps the loop free, in workers of its own", async () => {
  const { page, errors } = await open(ctx.browser, ctx.site.url);
  const workers = [];
  page.on("worker", (worker) => workers.push(new URL(worker.url()).pathname));
  await page.locator('[data-preset="executor"]').click();
  const offload = "run gather\nworkers 2\n\ntask job x4\n  offload compute 400\n";
  const onLoop = "run gather\n\ntask job x4\n  compute 400\n";
  await timeRun(page, offload);
  const pool = await timeRun(page, offload);
  const main = await timeRun(page, onLoop);
  console.log(`4 x compute 400: main thread ${main.total} ms (worst lag ${main.lag} ms), pool of 2 ${pool.total} ms (worst lag ${pool.lag} ms)`);
  assert.ok(pool.total < main.total, `pool ${pool.total} ms is not faster than the main thread's ${main.total} ms`);
  assert.ok(main.lag > 5 * Math.max(pool.lag, 20), `the main thread held the loop (${main.lag} ms lag) far longer than the pool (${pool.lag} ms)`);
  // The pool's two workers run the small offload wasm; the one analysis worker draws the timelines.
  assert.deepEqual(workers.filter((path) => path === "/offload-boot.js").length, 2, workers.join(", "));
  assert.ok(workers.filter((path) => path === "/analysis-boot.js").length <= 1, workers.join(", "));
  assert.deepEqual(errors, []);
  await page.close();
});

test("hello-world's timers resume close to their deadlines", async () => {
  const { page } = await open(ctx.browser, ctx.site.url);
  await page.locator(".scale select").selectOption("0.1");
  const lateness = [];
  for (let round = 0; round < 10; round++) {
    await page.getByRole("button", { name: "Run", exact: true }).click();
    await finished(page);
    const rows = await page.locator(".log-line").evaluateAll((lines) =>
      lines.map((line) => [parseFloat(line.querySelector(".time").textContent), line.querySelector(".task").textContent, line.querySelector(".what").textContent]));
    const sleptAt = new Map(rows.filter(([, , what]) => what === "waiting on sleep 3000").map(([ms, task]) => [task, ms]));
    for (const [ms, task, what] of rows) {
      if (what === "resumed" && sleptAt.has(task)) lateness.push(ms - sleptAt.get(task) - 300);
    }
  }
  lateness.sort((a, b) => a - b);
  const at = (q) => lateness[Math.min(lateness.length - 1, Math.floor(q * lateness.length))];
  console.log(`hello-world at 0.1x, ${lateness.length} timers: lateness median ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms`);
  assert.equal(lateness.length, 40);
  assert.ok(lateness[0] >= -1, "no timer fires early");
  assert.ok(at(0.95) < 100, `p95 lateness ${at(0.95)} ms`);
  await page.close();
});

test("a 10 000-event log renders and scrolls in short frames", async () => {
  const { page } = await open(ctx.browser, ctx.site.url);
  await page.getByLabel("Program text").fill("run gather\n\ntask t x2500\n  sleep 1\n");
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await finished(page, 60_000);
  const frames = await scrollLogFrames(page);
  const at = (q) => frames.times[Math.floor(q * (frames.times.length - 1))];
  console.log(`log of ${Math.round(frames.rows)} events, scrolled top to bottom in 120 frames: frame time median ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms, max ${at(1).toFixed(1)} ms`);
  assert.ok(frames.rows >= 10_000, `${frames.rows} rows`);
  assert.ok(at(0.5) < 100, `median frame ${at(0.5)} ms`);
  await page.close();
});

test("every event of a long run reaches the log once, however the page batches them", async () => {
  const { page } = await open(ctx.browser, ctx.site.url);
  await page.getByLabel("Program text").fill(`run gather\n\ntask t x300\n${"  yield\n".repeat(20)}`);
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await finished(page, 60_000);
  const rows = async (task) => {
    await page.getByLabel("Show task").selectOption(task);
    return page.locator("ol.log").evaluate((log) => Math.round(parseFloat(log.style.height) / 26));
  };
  assert.equal(await rows("main"), 4 + 300, "main: started, waiting, resumed, done, and a result per task");
  assert.equal(await rows("t7"), 2 + 2 * 20, "t7: started, done, and a wait and a resume per yield");
  await page.close();
});

test("the pulse says the page froze while a block held it, and recovers", async () => {
  const { page, errors } = await open(ctx.browser, ctx.site.url);
  await page.getByLabel("Program text").fill("task t\n  block 1500\n");
  const pulse = page.locator(".pulse");
  assert.match(await pulse.textContent(), /^Page responsive/);
  await page.locator("button.run").click();
  await page.locator(".pulse.frozen", { hasText: "Page frozen" }).waitFor({ timeout: 10_000 });
  await finished(page);
  await page.locator(".pulse:not(.frozen)", { hasText: "Page responsive" }).waitFor({ timeout: 10_000 });
  assert.deepEqual(errors, []);
  await page.close();
});
