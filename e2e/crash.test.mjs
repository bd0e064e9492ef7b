// When the page cannot start or stops on an error, a learner sees a banner with a reload link
// (never a blank or frozen page), a host page gets `coroutine-playground:error`, and without
// JavaScript the page says it needs it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { open, shotsDir, useSite } from "./harness.mjs";

const ctx = useSite();

/** Fails every request for the page's wasm, as a broken host or a cut connection would. */
function breakTheWasm(page) {
  return page.route("**/coroutine-playground_bg.wasm", (route) => route.fulfill({ status: 404, body: "not found" }));
}

/** A host page embedding the playground, keeping the messages it receives in `received`. */
async function host(page, src) {
  await page.setContent(`<script>
    window.received = [];
    window.addEventListener("message", (event) => window.received.push(event.data));
  </script><iframe title="demo" src="${src}" width="800" height="500"></iframe>`);
}

async function errorPosted(page) {
  await page.waitForFunction(() => window.received.some((m) => m?.type === "coroutine-playground:error"));
  return page.evaluate(() => window.received.find((m) => m.type === "coroutine-playground:error"));
}

test("a page whose wasm does not load says so, with a reload link that works", async () => {
  const page = await ctx.browser.newPage({ locale: "en-US" });
  await breakTheWasm(page);
  await page.goto(ctx.site.url);
  const banner = page.getByRole("alert");
  await banner.waitFor();
  assert.match(await banner.textContent(), /^The playground could not load \(.+\)\. Reload the page$/);
  await page.screenshot({ path: `${shotsDir}crash-load.png` });
  await page.unroute("**/coroutine-playground_bg.wasm");
  await page.getByRole("link", { name: "Reload the page" }).click();
  await page.locator("button.run").waitFor();
  assert.equal(await page.locator("#crash").count(), 0, "the reloaded page works");
  await page.close();
});

test("a page whose script does not load says so too", async () => {
  const page = await ctx.browser.newPage({ locale: "en-US" });
  await page.route("**/coroutine-playground.js", (route) => route.fulfill({ status: 404, body: "not found" }));
  await page.goto(ctx.site.url);
  assert.match(await page.getByRole("alert").textContent(), /^The playground could not load \(.+\)\. Reload the page$/);
  await page.close();
});

test("errors that are not the page's own bug leave the page alone", async () => {
  const { page, errors } = await open(ctx.browser, ctx.site.url);
  // Resolves once the page has heard of both, after boot.js's own listeners.
  await page.evaluate(
    () =>
      new Promise((resolve) => {
        let heard = 0;
        const hear = () => ++heard === 2 && resolve();
        window.addEventListener("error", hear, { once: true });
        window.addEventListener("unhandledrejection", hear, { once: true });
        setTimeout(() => {
          throw new Error("a script of the host's");
        });
        Promise.reject(new Error("a refused clipboard"));
      }),
  );
  assert.equal(await page.locator("#crash").count(), 0, "neither stopped the page");
  assert.ok(errors.length >= 2, "both were reported");
  await page.close();
});

test("the banner speaks Chinese to a Chinese page", async () => {
  const page = await ctx.browser.newPage({ locale: "zh-CN" });
  await breakTheWasm(page);
  await page.goto(ctx.site.url);
  assert.match(await page.getByRole("alert").textContent(), /^协程游乐场没能加载（.+）。重新加载页面$/);
  await page.close();
});

test("a panic in the app shows the banner over the page", async () => {
  const { page } = await open(ctx.browser, ctx.site.url);
  await page.evaluate(() => import("./coroutine-playground.js").then((glue) => glue.crashForTest()));
  const banner = page.getByRole("alert").filter({ hasText: "stopped because of a bug" });
  await banner.waitFor();
  assert.match(await banner.textContent(), /^The playground stopped because of a bug \(RuntimeError: unreachable\)\. Reload the page$/);
  assert.ok(await page.locator("button.run").isVisible(), "the banner sits above the page, which stays readable");
  await page.screenshot({ path: `${shotsDir}crash-panic.png` });
  await page.close();
});

test("an embedded page that cannot load or panics tells its host", async () => {
  const page = await ctx.browser.newPage();
  await breakTheWasm(page);
  await host(page, `${ctx.site.url}?embed=1#example/hello`);
  const failedLoad = await errorPosted(page);
  assert.match(failedLoad.message, /^the page could not load \(.+\)$/);
  await page.unroute("**/coroutine-playground_bg.wasm");

  await host(page, `${ctx.site.url}?embed=1#example/hello`);
  const app = page.frames().find((frame) => frame.url().includes("embed=1"));
  await app.locator("button.run").waitFor();
  await app.evaluate(() => import("./coroutine-playground.js").then((glue) => glue.crashForTest()));
  const panicked = await errorPosted(page);
  assert.match(panicked.message, /^the page stopped because of a bug \(RuntimeError: unreachable\)$/);
  assert.equal(await page.evaluate(() => window.received.filter((m) => m.type === "coroutine-playground:error").length), 1, "the host hears of it once");
  await page.close();
});

test("without JavaScript the page says it needs it", async () => {
  const context = await ctx.browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(ctx.site.url);
  assert.match(await page.locator("body").innerText(), /needs JavaScript/);
  await context.close();
});
