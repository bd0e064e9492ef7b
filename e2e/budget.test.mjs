// The default screen costs what a learner on a slow phone can wait for (docs/size.md): the bytes
// before Run is enabled and before every request is answered stay within what the load targets
// allow, and the default screen fetches no worker and not the on-demand views. Each file a static host serves has its gzip and
// brotli copies (scripts/precompress.mjs) beside it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { DEFAULT_SCREEN_BUDGET, RUN_ENABLED_BUDGET, defaultScreenFiles, firstLoadFiles, offloadFiles, onDemandFiles, watchDefaultScreen, workerFiles } from "./budget.mjs";
import { launchBrowser, serveDist } from "./harness.mjs";

/** The default screen's load from dist/ served with `encodings`, in a fresh page. */
async function loadServed(browser, encodings, hash = "") {
  const site = await serveDist({ encodings });
  const page = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: "en-US" });
  const watched = await watchDefaultScreen(page);
  await page.goto(site.url + hash);
  const load = await watched.settled();
  await page.close();
  await site.close();
  return load;
}

test("the default screen stays within the bytes its load targets allow, fetches the files the docs name, and no worker nor the on-demand views", async () => {
  const browser = await launchBrowser();
  try {
    const brotli = await loadServed(browser, ["br"]);
    assert.ok(brotli.runBytes <= RUN_ENABLED_BUDGET, `${brotli.runBytes} B (brotli) before Run is enabled: over ${RUN_ENABLED_BUDGET} B`);
    const gzip = await loadServed(browser, ["gzip"]);
    assert.ok(gzip.completeBytes <= DEFAULT_SCREEN_BUDGET, `${gzip.completeBytes} B (gzip) before the default screen is complete: over ${DEFAULT_SCREEN_BUDGET} B`);
    assert.ok(gzip.runBytes > 100 * 1024, `the page's wasm is counted (${gzip.runBytes} B before Run)`);
    const named = (paths) => [...new Set(paths.map((path) => (path === "/" ? "index.html" : path.slice(1))))].sort();
    assert.deepEqual(named(gzip.paths), [...defaultScreenFiles].sort(), "a fresh page fetches the files the docs name, and no other");
    for (const hash of ["", "#example/blocking-sleep"]) {
      const { paths } = await loadServed(browser, ["gzip"], hash);
      const fetched = [...workerFiles, ...offloadFiles, ...onDemandFiles].filter((name) => paths.includes(`/${name}`));
      assert.deepEqual(fetched, [], `the screen of "${hash || "the default"}" fetched a worker's or the on-demand views' files`);
    }
  } finally {
    await browser.close();
  }
});

test("every file of the first load, the workers and the on-demand views has gzip and brotli copies of itself", async () => {
  const dist = new URL("../dist/", import.meta.url);
  for (const name of [...firstLoadFiles, ...workerFiles, ...offloadFiles, ...onDemandFiles, "panels.css"]) {
    const file = await readFile(new URL(name, dist));
    assert.deepEqual(gunzipSync(await readFile(new URL(`${name}.gz`, dist))), file, `${name}.gz`);
    const brotli = await readFile(new URL(`${name}.br`, dist));
    assert.deepEqual(brotliDecompressSync(brotli), file, `${name}.br`);
    assert.ok(brotli.length < file.length || file.length < 200, `${name}.br is smaller`);
  }
});
