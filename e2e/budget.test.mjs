// The first load, gzipped: until it meets its 180 KB budget (docs/size.md),
// it must at least not grow past its ceiling, which comes down as the page does.
import { test } from "node:test";
import assert from "node:assert/strict";
import { FIRST_LOAD_BUDGET, FIRST_LOAD_CEILING, firstLoadFiles, gzippedSizes } from "./budget.mjs";

test("the first load does not grow past its ceiling", async () => {
  const sizes = await gzippedSizes(new URL("../dist/", import.meta.url), firstLoadFiles);
  const total = Object.values(sizes).reduce((a, b) => a + b, 0);
  const listing = Object.entries(sizes).map(([name, bytes]) => `${name} ${bytes} B`).join(", ");
  assert.ok(
    total <= FIRST_LOAD_CEILING,
    `the first load is ${total} B gzipped (${listing}): over the ceiling of ${FIRST_LOAD_CEILING} B (the budget is ${FIRST_LOAD_BUDGET} B)`,
  );
});
