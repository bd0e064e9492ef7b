// The hello-world demo, run from the built page as a learner would.
import { test } from "node:test";
import assert from "node:assert/strict";
import { finished, open, shotsDir, useSite } from "./harness.mjs";

const ctx = useSite();

test("Run prints hello 0..3 then world 0..3 in about one wait", async () => {
  const { page, errors } = await open(ctx.browser, ctx.site.url);
  await page.getByRole("button", { name: "Run", exact: true }).click();
  const ms = await finished(page);

  const printed = await page.locator(".log-line .what.print").allTextContents();
  assert.deepEqual(printed, [0, 1, 2, 3].map((i) => `printed "hello ${i}"`).concat(
    [0, 1, 2, 3].map((i) => `printed "world ${i}"`)));
  assert.ok(ms >= 3000 && ms < 4500, `four 3000 ms waits took ${ms} ms`);
  assert.deepEqual(errors, []);
  await page.screenshot({ path: `${shotsDir}hello-world-desktop.png`, fullPage: true });
  await page.close();
});

test("Run again mid-run restarts without stale lines", async () => {
  const { page } = await open(ctx.browser, ctx.site.url);
  const run = page.getByRole("button", { name: "Run", exact: true });
  await run.click();
  await page.locator(".log-line", { hasText: "hello 3" }).waitFor();
  await run.click();
  await finished(page);
  const printed = await page.locator(".log-line .what.print").allTextContents();
  assert.equal(printed.length, 8, `one run's lines only, got ${printed.join(", ")}`);
  await page.close();
});
