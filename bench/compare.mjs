// Compares two builds of the playground side by side in one headless
// Chromium: the benchmark's workloads (10 000 timers, 1 000 tasks × 100
// yields) run in the page and in the runtime alone, recorded and not, the
// builds taking turns. Not part of the tests; it shows whether a change made
// the runtime slower. Usage: node bench/compare.mjs BEFORE_DIST AFTER_DIST
import { launchBrowser, serveDir } from "../e2e/harness.mjs";
import { appRun } from "./app-run.mjs";

const ROUNDS = Number(process.env.ROUNDS ?? 15);
const TIMERS = "run gather\n\ntask t x10000\n  sleep 1\n";
const YIELDS = `run gather\n\ntask t x1000\n${"  yield\n".repeat(100)}`;
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const builds = process.argv.slice(2, 4).map((dir) => ({ dir, samples: {} }));
if (builds.length !== 2) {
  console.error("usage: node bench/compare.mjs BEFORE_DIST AFTER_DIST");
  process.exit(2);
}
const browser = await launchBrowser();
for (const build of builds) {
  build.site = await serveDir(build.dir);
  build.page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: "en-US" });
  await build.page.goto(build.site.url);
  await build.page.locator("button.run:enabled").waitFor();
}

const runtimeRun = (page, source, record) =>
  page.evaluate(async ([source, record]) => (await import("/coroutine-playground.js")).benchRun(source, record), [source, record]);

for (const [workload, source] of [["timers", TIMERS], ["yields", YIELDS]]) {
  for (let round = 0; round < ROUNDS; round++) {
    for (const build of round % 2 ? [...builds].reverse() : builds) {
      await build.page.bringToFront();
      const add = (key, value) => (build.samples[`${workload}: ${key}`] ??= []).push(value);
      const run = await appRun(build.page, source);
      add("page", run.total);
      add("drawn and painted after main ended", run.drawnAfterMs);
      const [recorded, unrecorded] = round % 2
        ? [await runtimeRun(build.page, source, true), await runtimeRun(build.page, source, false)]
        : [await runtimeRun(build.page, source, false), await runtimeRun(build.page, source, true)].reverse();
      add("runtime alone, recorded", recorded);
      add("runtime alone, not recorded", unrecorded);
      add("recording cost (ms, paired)", recorded - unrecorded);
      add("recording cost (%, paired)", 100 * (recorded / unrecorded - 1));
    }
  }
}
await browser.close();

console.log(`medians of ${ROUNDS} rounds | ${builds.map((b) => b.dir).join(" | ")} | after / before`);
for (const key of Object.keys(builds[0].samples)) {
  const [before, after] = builds.map((b) => median(b.samples[key]));
  const ratio = key.includes("cost") ? "" : (after / before).toFixed(2);
  console.log(`${key} | ${before.toFixed(1)} | ${after.toFixed(1)} | ${ratio}`);
}
process.exit(0);
