// Teaching lints under the program's text: each rule at its line, in both languages, gone when
// the program no longer has it, and hidden by ?lints=0.
import { test } from "node:test";
import assert from "node:assert/strict";
import { finished, open, shotsDir, useSite } from "./harness.mjs";

const ctx = useSite();

/** The lints shown now, once the worker's list has settled on `count` items. */
async function lintsShown(page, count) {
  await page.waitForFunction((n) => document.querySelectorAll(".lints li").length === n, count);
  return page.locator(".lints li").allTextContents();
}

test("each lint shows at its line with its rule, and goes when the program no longer has it", async () => {
  const { page, errors } = await open(ctx.browser, `${ctx.site.url}#example/blocking-sleep`);
  const [blocking] = await lintsShown(page, 1);
  assert.match(blocking, /^line 6, col 3 ASYNC251 block is time.sleep in async code/);
  const everyRule = [
    "task worker",
    "  block 100",
    "  call helper",
    "  spawn helper",
    "  sleep 0",
    "  compute 80",
    "coroutine helper",
    "  yield",
    "",
  ].join("\n");
  await page.getByLabel("Program text").fill(everyRule);
  const shown = await lintsShown(page, 5);
  assert.deepEqual(shown.map((line) => line.match(/^line (\d+), col 3 (\S+)/).slice(1).join(" ")), [
    "2 ASYNC251",
    "3 never-awaited",
    "4 ASYNC300",
    "5 sleep-zero",
    "6 long-compute",
  ]);
  await page.getByLabel("Program text").fill("task worker\n  sleep 100\n  offload compute 80\n");
  await lintsShown(page, 0);
  assert.deepEqual(errors, []);
  await page.close();
});

test("lints speak Chinese on a Chinese page, and ?lints=0 hides them", async () => {
  const { page, errors } = await open(ctx.browser, `${ctx.site.url}?lang=zh#example/blocking-sleep`);
  const [blocking] = await lintsShown(page, 1);
  assert.match(blocking, /^第 6 行第 3 列 ASYNC251 block 相当于异步代码里的 time.sleep/);
  await page.screenshot({ path: `${shotsDir}lints-zh.png`, fullPage: true });
  const hidden = await open(ctx.browser, `${ctx.site.url}?lints=0#example/blocking-sleep`);
  await hidden.page.getByLabel("Program text").fill("task t\n  block 100\n  yield\n");
  // The worker answers in the order it is asked: once the Orders report, asked after the edit,
  // is there, lints asked for the edit would be too.
  await hidden.page.getByRole("tab", { name: "Orders" }).click();
  await hidden.page.locator(".report").waitFor();
  assert.equal(await hidden.page.locator(".lints").count(), 0);
  assert.deepEqual(errors, []);
  await hidden.page.close();
  await page.close();
});

test("the timeline marks the slices a lint is about, and ?lints=0 leaves them plain", async () => {
  for (const [query, marked] of [["", 4], ["?lints=0", 0]]) {
    const { page, errors } = await open(ctx.browser, `${ctx.site.url}${query}#example/blocking-sleep`);
    await page.locator(".scale select").selectOption("0.1");
    await page.getByRole("button", { name: "Run", exact: true }).click();
    await finished(page);
    // The worker draws the timeline: it starts with the first run.
    await page.waitForFunction(() => document.querySelectorAll(".timeline .tl-track .blocked").length === 4);
    const linted = page.locator(".timeline .tl-track .linted");
    assert.equal(await linted.count(), marked, `${query || "no query"}: marked slices`);
    if (marked > 0) assert.match(await linted.first().getAttribute("aria-label"), /ASYNC251/);
    assert.deepEqual(errors, []);
    await page.close();
  }
});
