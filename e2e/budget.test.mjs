// The first load, gzipped, stays within its 180 KB budget (docs/size.md).
import { test } from "node:test";
import assert from "node:assert/strict";
import { FIRST_LOAD_BUDGET, firstLoadFiles, gzippedSizes } from "./budget.mjs";

test("the first load stays within its budget", async () => {
  const sizes = await gzippedSizes(new URL("../dist/", import.meta.url), firstLoadFiles);
  const total = Object.values(sizes).reduce((a, b) => a + b, 0);
  const listing = Object.entries(sizes).map(([name, bytes]) => `${name} ${bytes} B`).join(", ");
  assert.ok(
    total <= FIRST_LOAD_BUDGET,
    `the first load is ${total} B gzipped (${listing}): over the budget of ${FIRST_LOAD_BUDGET} B`,
  );
});
