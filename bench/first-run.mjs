// A page's first run of each workload against its later runs, in the bench build (dist/, built by
// `scripts/bench.sh`), with Chromium's default wasm compilation and with its optimizing compiler
// up front: how much of a first run is V8 compiling the runtime (docs/runtime.md).
// Usage: node bench/first-run.mjs
import { launchBrowser, serveDist } from "../e2e/harness.mjs";

const WORKLOADS = {
  timers: "run gather\n\ntask t x10000\n  sleep 1\n",
  yields: `run gather\n\ntask t x1000\n${"  yield\n".repeat(100)}`,
};
const PAGES = 5;
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const site = await serveDist();
for (const flags of [[], ["--js-flags=--no-liftoff --no-wasm-lazy-compilation"]]) {
  const browser = await launchBrowser(flags);
  for (const [name, source] of Object.entries(WORKLOADS)) {
    const first = [], warm = [];
    for (let i = 0; i < PAGES; i++) {
      const page = await browser.newPage();
      await page.goto(site.url);
      await page.locator("button.run:enabled").waitFor();
      // Past the page's own start-up, so the run is all that is measured.
      await page.waitForTimeout(3000);
      const run = () => page.evaluate(async (s) => (await import("/coroutine-playground.js")).benchRun(s, true), source);
      first.push(await run());
      for (let k = 0; k < 3; k++) await run();
      warm.push(await run());
      await page.close();
    }
    console.log(`${flags.join(" ") || "default flags"}, ${name}: first run ${median(first).toFixed(1)} ms, fifth ${median(warm).toFixed(1)} ms (medians of ${PAGES} pages)`);
  }
  await browser.close();
}
await site.close();
