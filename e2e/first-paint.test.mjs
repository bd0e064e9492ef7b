// The first paint: before the wasm has arrived, index.html shows the default demo with Run not yet
// working, in the page's language; once the app has drawn itself, only the app is there. A link to
// another program, or an embed, waits for the app instead of showing a demo it is not.
import { test } from "node:test";
import assert from "node:assert/strict";
import { shotsDir, useSite } from "./harness.mjs";

const ctx = useSite();

/** Holds back `page`'s wasm until the returned function is called. */
async function holdWasm(page) {
  let release;
  const held = new Promise((resolve) => (release = resolve));
  await page.route("**/coroutine-playground_bg.wasm", async (route) => {
    await held;
    await route.continue();
  });
  return release;
}

test("the default demo shows before the wasm arrives, in the page's language, and gives way to the app", async () => {
  for (const [query, title, run] of [["", "Hello, world: four waits at once", "Run"], ["?lang=zh", "Hello, world：四个等待同时进行", "运行"]]) {
    const page = await ctx.browser.newPage({ viewport: { width: 390, height: 844 }, locale: "en-US" });
    const release = await holdWasm(page);
    await page.goto(`${ctx.site.url}${query}`);
    const firstPaint = page.locator("#first-paint");
    await firstPaint.waitFor();
    assert.equal(await firstPaint.locator("h2").innerText(), title);
    const program = firstPaint.locator("textarea:visible");
    assert.equal(await program.count(), 1, "one language shown");
    assert.match(await program.inputValue(), /task hello x4/);
    const button = firstPaint.getByRole("button", { name: run, exact: true });
    assert.ok(await button.isDisabled(), "Run waits for the app");
    await page.screenshot({ path: `${shotsDir}first-paint-${query ? "zh" : "en"}-390.png` });
    release();
    await page.locator("button.run:enabled").waitFor();
    assert.equal(await page.locator("#first-paint").count(), 0);
    assert.equal(await page.getByRole("button", { name: run, exact: true }).count(), 1);
    await page.close();
  }
});

test("a link to another program or an embed shows no default demo while the wasm is on its way", async () => {
  for (const where of ["#example/blocking-sleep", "?embed=1"]) {
    const page = await ctx.browser.newPage();
    const release = await holdWasm(page);
    await page.goto(`${ctx.site.url}${where}`);
    await page.waitForFunction(() => document.documentElement.lang !== "" && document.readyState === "complete");
    assert.equal(await page.locator("#first-paint").count(), 0, where);
    release();
    await page.locator("button.run:enabled").waitFor();
    await page.close();
  }
});
