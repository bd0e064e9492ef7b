// Keyboard and reading: the skip link, Ctrl+Enter and Escape, the list of keys, the timeline's
// text size at laptop and phone width, its slices reached by the arrow keys with a popover, its
// zoom, its table, and what a screen reader hears of a run.
import { test } from "node:test";
import assert from "node:assert/strict";
import { open, shotsDir, useSite } from "./harness.mjs";

const ctx = useSite();

/** Runs the open demo at 0.1× and waits for it to finish, in either language. */
async function runFast(page) {
  await page.locator(".scale select").selectOption("0.1");
  await page.locator("button.run").click();
  await page.locator("button.stop[disabled]").waitFor();
  await page.locator(".timeline .tl-track").first().waitFor();
}

test("the skip link comes first and takes the focus to the program; Ctrl+Enter runs and Escape stops, from the table editor too", async () => {
  const { page, errors } = await open(ctx.browser, `${ctx.site.url}#example/hello-world`);
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to the program" });
  assert.ok(await skip.evaluate((link) => link === document.activeElement), "the first Tab stop");
  const ring = await skip.evaluate((link) => getComputedStyle(link).outlineStyle);
  assert.notEqual(ring, "none", "a visible focus ring");
  await page.keyboard.press("Enter");
  assert.equal(await page.evaluate(() => document.activeElement?.id), "program-text");
  assert.equal(new URL(page.url()).hash, "#example/hello-world", "the link's hash is kept");
  await page.keyboard.press("Control+Enter");
  await page.locator("output.status").filter({ hasText: "Running" }).waitFor();
  await page.keyboard.press("Escape");
  await page.locator("output.status").filter({ hasText: "Stopped" }).waitFor();
  // The same keys from a view of the on-demand wasm, the table editor's first chip.
  await page.getByRole("tab", { name: "Table" }).click();
  await page.locator(".chip input").first().focus();
  await page.keyboard.press("Control+Enter");
  await page.locator("output.status").filter({ hasText: "Running" }).waitFor();
  await page.keyboard.press("Escape");
  await page.locator("output.status").filter({ hasText: "Stopped" }).waitFor();
  assert.deepEqual(errors, []);
  await page.close();
});

test("the Keys button lists the shortcuts in a popover, in both languages", async () => {
  for (const [query, button, run] of [["", "Keys", "Run"], ["?lang=zh", "快捷键", "运行"]]) {
    const { page, errors } = await open(ctx.browser, `${ctx.site.url}${query}#example/hello-world`);
    await page.getByRole("button", { name: button, exact: true }).click();
    const list = page.locator("#keys");
    await list.waitFor({ state: "visible" });
    assert.match(await list.textContent(), /Ctrl\+Enter/);
    assert.equal(await list.locator("dd").first().textContent(), run);
    await page.keyboard.press("Escape");
    await list.waitFor({ state: "hidden" });
    assert.deepEqual(errors, []);
    await page.close();
  }
});

test("the timeline's text is at least 12 px at laptop and phone width, in both languages", async () => {
  for (const [query, width] of [["", 1280], ["?lang=zh", 1280], ["", 390], ["?lang=zh", 390]]) {
    const { page, errors } = await open(ctx.browser, `${ctx.site.url}${query}#example/gather-vs-wait`, { width, height: 900 });
    await runFast(page);
    const sizes = await page.evaluate(() =>
      [...document.querySelectorAll(".timeline .tl-label, .timeline .tl-grid b, .timeline .tl-legend li")].map((el) => ({
        size: parseFloat(getComputedStyle(el).fontSize),
        height: el.getBoundingClientRect().height,
      })),
    );
    assert.ok(sizes.length > 10, `${query} ${width}: labels, ticks and legend found`);
    assert.ok(sizes.every(({ size, height }) => size >= 12 && height >= 12), `${query} ${width}: ${JSON.stringify(sizes.slice(0, 4))}`);
    const ticks = await page.locator(".timeline .tl-grid b").allTextContents();
    assert.ok(ticks.length >= 3, `round ticks along the axis: ${ticks}`);
    await page.locator(".timeline").screenshot({ path: `${shotsDir}timeline-${query ? "zh" : "en"}-${width}.png` });
    assert.deepEqual(errors, []);
    await page.close();
  }
});

test("the arrow keys go from slice to slice, a focused slice shows its events, + zooms and the table lists the slices", async () => {
  const program = "run gather\n\ntask a x2\n  sleep 100\n  block 50\n  sleep 100\n";
  const { page, errors } = await open(ctx.browser, `${ctx.site.url}#src/${encodeURIComponent(program)}`);
  await runFast(page);
  const first = page.locator(".tl-track > span[tabindex='0']");
  assert.equal(await first.count(), 1, "one slice in the tab order");
  await first.focus();
  const focused = () => page.evaluate(() => document.activeElement.getAttribute("aria-label"));
  const start = await focused();
  await page.keyboard.press("ArrowDown");
  const below = await focused();
  assert.notEqual(below, start, "ArrowDown goes to the lane below");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Home");
  const lane = await focused();
  await page.keyboard.press("ArrowRight");
  const next = await focused();
  assert.notEqual(next, lane, "ArrowRight goes to the next slice");
  assert.equal(next.split(":")[0], lane.split(":")[0], "in the same lane");
  const popover = page.locator(".tl-track > span:focus > .tl-pop");
  assert.ok(await popover.isVisible(), "the focused slice's popover shows");
  const box = await popover.boundingBox();
  assert.ok(box.width > 50 && box.height > 15, JSON.stringify(box));
  assert.equal((await popover.textContent()).split("\n")[0], next.split("\n")[0], "the popover says the slice");
  const width = () => page.locator(".tl-chart").evaluate((chart) => chart.getBoundingClientRect().width);
  const before = await width();
  await page.keyboard.press("+");
  await page.waitForFunction((w) => document.querySelector(".tl-chart").getBoundingClientRect().width > w * 1.9, before);
  await page.getByRole("button", { name: "Show the whole run (0)" }).click();
  await page.waitForFunction((w) => Math.abs(document.querySelector(".tl-chart").getBoundingClientRect().width - w) < 1, before);
  await page.getByText("The timeline as a table").click();
  const rows = await page.locator(".tl-table tbody tr").count();
  assert.equal(rows, await page.locator(".tl-track > span").count(), "a row per slice");
  assert.deepEqual(errors, []);
  await page.close();
});

test("a screen reader hears the run's summary when it ends", async () => {
  const { page, errors } = await open(ctx.browser, `${ctx.site.url}#example/gather-vs-wait`);
  await runFast(page);
  const region = page.locator(".output p.sr-only[aria-live='polite']");
  await page.waitForFunction(() => /Start order: /.test(document.querySelector(".output p.sr-only[aria-live='polite']")?.textContent ?? ""));
  const summary = await region.textContent();
  assert.match(summary, /Completion order: num9, num8, num7/);
  assert.match(summary, /Result order: num0, num1, num2/);
  assert.match(summary, /Worst event-loop lag: \d+ ms/);
  assert.deepEqual(errors, []);
  await page.close();
});
