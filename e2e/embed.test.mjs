// Embedding: the compact layout, the Embed snippet, the postMessage API
// across origins (host and app on two ports), and the CSP.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { assertCleanLoad, examplesDir, open, serveDir, shotsDir, useSite, watchProblems } from "./harness.mjs";

const ctx = useSite();

test("the Embed button gives a ready iframe snippet", async () => {
  const { page } = await open(ctx.browser, `${ctx.site.url}#example/chain`);
  await page.getByRole("button", { name: "Embed" }).click();
  const snippet = await page.locator("textarea.snippet").inputValue();
  assert.match(snippet, /^<iframe src="http:\/\/127\.0\.0\.1:\d+\/\?embed=1#example\/chain" title="Coroutine Playground demo: An await chain" width="100%" height="520" loading="lazy" style="border:0"><\/iframe>$/);
  // An edit moves the snippet to the edited program's link, as the address bar.
  await page.getByLabel("Program text").fill("task mine\n  yield\n");
  await page.waitForFunction(() => document.querySelector("textarea.snippet").value.includes("#code/v1."));
  const edited = await page.locator("textarea.snippet").inputValue();
  assert.ok(edited.includes(`?embed=1${new URL(page.url()).hash}"`), `${edited} vs ${page.url()}`);
  assert.match(edited, /title="Coroutine Playground demo: Your program"/, "an edited demo is no longer the demo");
  await page.close();
});

test("a course page on another origin embeds two demos that resize and obey its messages", async () => {
  const host = await serveDir(examplesDir);
  try {
    const page = await ctx.browser.newPage({ viewport: { width: 1000, height: 900 } });
    const problems = watchProblems(page);
    await page.goto(`${host.url}embed-host.html?app=${encodeURIComponent(ctx.site.url)}`);
    const received = (type, frame) => page.evaluate(([t, f]) => window.received.filter((m) => m.type === `coroutine-playground:${t}` && (!f || m.frame === f)), [type, frame]);
    await page.waitForFunction(() => window.received.filter((m) => m.type === "coroutine-playground:ready").length === 2);
    await page.waitForFunction(() => ["first", "second"].every((f) => window.received.some((m) => m.frame === f && m.type === "coroutine-playground:resize")));
    await assertCleanLoad(page, problems);
    const heights = await page.evaluate(() => [first.style.height, second.style.height]);
    assert.ok(heights.every((h) => parseFloat(h) > 250), `iframes resized to ${heights}`);

    const app = page.frames().find((frame) => frame.url().includes("hello-world"));
    assert.equal(await app.locator(".gallery").count(), 0, "no gallery when embedded");
    assert.doesNotMatch(await app.locator("a.open-full").getAttribute("href"), /embed=1/);

    await page.getByRole("button", { name: "Load a race instead" }).click();
    await page.getByRole("button", { name: "Run the demo above" }).click();
    await page.waitForFunction(() => window.received.some((m) => m.type === "coroutine-playground:done"), null, { timeout: 15_000 });
    const [done] = await received("done", "first");
    assert.equal(done.trace.format, "coroutine-playground-trace");
    assert.match(done.trace.program, /run race/);
    assert.ok(done.trace.events.some((e) => e.task === "main" && e.kind === "result" && e.detail === "fast: won"));
    const events = await received("event", "first");
    assert.equal(events.length, done.trace.events.length, "one event message per trace event");

    await page.evaluate((origin) => {
      for (const message of ["garbage", null, 42, { type: 7 }, { type: "coroutine-playground:explode" }, { type: "coroutine-playground:load", program: ["x"] }]) {
        first.contentWindow.postMessage(message, origin);
      }
    }, new URL(ctx.site.url).origin);
    await app.waitForFunction(() => document.documentElement.dataset.ignoredMessages === "6");
    assert.equal(await app.locator("textarea").inputValue(), "run race\n\ntask slow\n  sleep 300\ntask fast\n  sleep 100\n  return \"won\"\n");
    await page.screenshot({ path: `${shotsDir}embed-host.png`, fullPage: true });

    // Python to load, and a run asked for at once: the run waits for the import.
    const python = "import asyncio\n\nasync def main():\n    print('from Python')\n    await asyncio.sleep(0.1)\n\nasyncio.run(main())\n";
    await page.evaluate(([origin, python]) => {
      first.contentWindow.postMessage({ type: "coroutine-playground:load", python }, origin);
      first.contentWindow.postMessage({ type: "coroutine-playground:run" }, origin);
    }, [new URL(ctx.site.url).origin, python]);
    await page.waitForFunction(() => window.received.filter((m) => m.type === "coroutine-playground:done" && m.frame === "first").length === 2, null, { timeout: 15_000 });
    const [, fromPython] = await received("done", "first");
    assert.ok(fromPython.trace.events.some((e) => e.kind === "print" && e.detail === "from Python"), JSON.stringify(fromPython.trace.events));
    assert.equal(await app.locator("#python-text").inputValue(), python, "the embed shows the Python it was given");
    await page.close();
  } finally {
    await host.close();
  }
});

test("the page ships a strict Content-Security-Policy and no inline script", async () => {
  const html = await readFile(new URL("../dist/index.html", import.meta.url), "utf8");
  const csp = html.match(/http-equiv="?Content-Security-Policy"?/i) && html.match(/content="([^"]*script-src[^"]*)"/)[1];
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.doesNotMatch(csp.replace("'wasm-unsafe-eval'", ""), /unsafe-eval/);
  const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>/g)];
  assert.deepEqual(inline, [], "no inline <script>");
  const { page, errors } = await open(ctx.browser, ctx.site.url);
  await page.locator("button.run").click();
  await page.locator("output.status", { hasText: "Finished" }).waitFor({ timeout: 10_000 });
  assert.deepEqual(errors, [], "no CSP violation or page error");
  await page.close();
});
