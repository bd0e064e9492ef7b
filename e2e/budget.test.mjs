// The first load, gzipped, stays within its 180 KB budget (docs/size.md), and each file a static host
// serves has its gzip and brotli copies (scripts/precompress.mjs) beside it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { FIRST_LOAD_BUDGET, firstLoadFiles, gzippedSizes, workerFiles } from "./budget.mjs";

test("the first load stays within its budget", async () => {
  const sizes = await gzippedSizes(new URL("../dist/", import.meta.url), firstLoadFiles);
  const total = Object.values(sizes).reduce((a, b) => a + b, 0);
  const listing = Object.entries(sizes).map(([name, bytes]) => `${name} ${bytes} B`).join(", ");
  assert.ok(
    total <= FIRST_LOAD_BUDGET,
    `the first load is ${total} B gzipped (${listing}): over the budget of ${FIRST_LOAD_BUDGET} B`,
  );
});

test("every file of the first load and the worker has gzip and brotli copies of itself", async () => {
  const dist = new URL("../dist/", import.meta.url);
  for (const name of [...firstLoadFiles, ...workerFiles, "panels.css"]) {
    const file = await readFile(new URL(name, dist));
    assert.deepEqual(gunzipSync(await readFile(new URL(`${name}.gz`, dist))), file, `${name}.gz`);
    const brotli = await readFile(new URL(`${name}.br`, dist));
    assert.deepEqual(brotliDecompressSync(brotli), file, `${name}.br`);
    assert.ok(brotli.length < file.length || file.length < 200, `${name}.br is smaller`);
  }
});
