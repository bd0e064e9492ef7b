// The benchmark: runs workloads in the built playground and their raw-JS
// baselines in the same page load of headless Chromium, and writes
// docs/BENCHMARKS.md with medians of 5 runs and the ratios.
import { readFile, writeFile, readdir } from "node:fs/promises";
import { gzipSync } from "node:zlib";
import { cpus } from "node:os";
import { execFileSync } from "node:child_process";
import { launchBrowser, scrollLogFrames, serveDist } from "../e2e/harness.mjs";

const RUNS = 5;
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const site = await serveDist();
const browser = await launchBrowser();
const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: "en-US" });

/** Runs `source` in the page; the total `main` reported, in ms. */
async function appRun(source) {
  await page.getByLabel("Program text").fill(source);
  await page.locator("button.run").click();
  const status = page.locator("output.status");
  await status.filter({ hasText: /Finished in|main failed in/ }).waitFor({ timeout: 120_000 });
  return Number((await status.textContent()).match(/(\d+) ms/)[1]);
}

const rawTimers = () => page.evaluate(async () => {
  const start = performance.now();
  await Promise.all(Array.from({ length: 10_000 }, () => new Promise((resolve) => setTimeout(resolve, 1))));
  return performance.now() - start;
});

const rawYields = () => page.evaluate(async () => {
  const channel = new MessageChannel();
  const waiting = [];
  channel.port1.onmessage = () => waiting.shift()();
  const turn = () => new Promise((resolve) => { waiting.push(resolve); channel.port2.postMessage(null); });
  const start = performance.now();
  await Promise.all(Array.from({ length: 1_000 }, async () => { for (let k = 0; k < 100; k++) await turn(); }));
  return performance.now() - start;
});

const navigationStart = Date.now();
await page.goto(site.url);
await page.locator("button.run").waitFor();
const runEnabledMs = await page.evaluate(() => performance.now());
void navigationStart;

const rows = [];
async function compare(name, source, raw, target) {
  const app = [], js = [];
  for (let i = 0; i < RUNS; i++) {
    app.push(await appRun(source));
    js.push(await raw());
  }
  const ratio = median(app) / median(js);
  rows.push({ name, app: median(app), js: median(js), ratio, target, met: ratio <= target });
  console.log(`${name}: app ${median(app)} ms, raw JS ${median(js).toFixed(1)} ms, ratio ${ratio.toFixed(2)}`);
}

await compare("timers (10 000 × sleep 1, gathered)", "run gather\n\ntask t x10000\n  sleep 1\n", rawTimers, 1.0);
await compare("yields (1 000 tasks × 100 yield)", `run gather\n\ntask t x1000\n${"  yield\n".repeat(100)}`, rawYields, 1.1);

// trace: the log after the last 10 000-task run, and scrolling it.
await appRun("run gather\n\ntask t x10000\n  sleep 1\n");
const render = await page.evaluate(async () => {
  const start = performance.now();
  document.querySelectorAll(".tabs button")[1].click();
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  document.querySelectorAll(".tabs button")[0].click();
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  return performance.now() - start;
});
const { times: scroll } = await scrollLogFrames(page);

// pool: 4 × offload compute vs 4 × compute.
const offload = [], onLoop = [];
for (let i = 0; i < RUNS; i++) {
  offload.push(await appRun("run gather\nworkers 4\n\ntask job x4\n  offload compute 400\n"));
  onLoop.push(await appRun("run gather\n\ntask job x4\n  compute 400\n"));
}

// load: what the first paint needs, gzipped.
const files = await readdir(new URL("../dist/", import.meta.url));
const firstLoad = ["index.html", "boot.js", "coroutine-playground.js", "coroutine-playground_bg.wasm", "style.css"];
const gz = async (name) => gzipSync(await readFile(new URL(`../dist/${name}`, import.meta.url)), { level: 9 }).length;
const firstLoadGz = (await Promise.all(firstLoad.filter((f) => files.includes(f)).map(gz))).reduce((a, b) => a + b, 0);
const workerGz = (await gz("worker.js")) + (await gz("worker_bg.wasm")) + (await gz("worker-boot.js"));

const version = await browser.version();
await browser.close();
await site.close();

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const yes = (met) => (met ? "met" : "**not met**");
const cpu = cpus()[0]?.model ?? "unknown";
const commit = execFileSync("git", ["rev-parse", "--short", "HEAD"]).toString().trim();
const scrollP95 = scroll[Math.floor(0.95 * (scroll.length - 1))];
const markdown = `# Benchmarks

Written by \`scripts/bench.sh\` on ${new Date().toISOString().slice(0, 10)} at commit ${commit}.
Machine: ${cpus().length} × ${cpu}. Browser: Chromium ${version}, headless.
Each workload ran ${RUNS} times in one page load, alternating with its
baseline; the table shows medians. App times are what the page reports
for \`main\` (its run, with the page's own rendering going on).

| workload | app | raw JS | ratio | target | |
|---|---|---|---|---|---|
${rows.map((r) => `| ${r.name} | ${r.app} ms | ${r.js.toFixed(1)} ms | ${r.ratio.toFixed(2)} | ≤ ${r.target} | ${yes(r.met)} |`).join("\n")}

| workload | measured | target | |
|---|---|---|---|
| trace: Orders tab and back to the log after a 10 000-task run | ${render.toFixed(0)} ms | ≤ 150 ms | ${yes(render <= 150)} |
| trace: scrolling that log, frame time p95 | ${scrollP95.toFixed(1)} ms | ≤ 16 ms | ${yes(scrollP95 <= 16.7)} |
| load: first paint, gzipped (html, boot.js, JS glue, wasm, CSS) | ${kb(firstLoadGz)} | ≤ 180 KB | ${yes(firstLoadGz <= 180 * 1024)} |
| load: the worker, gzipped (loaded on first offload) | ${kb(workerGz)} | — | |
| load: navigation to Run enabled, localhost | ${runEnabledMs.toFixed(0)} ms | ≤ 300 ms | ${yes(runEnabledMs <= 300)} |
| pool: 4 × offload compute 400 (4 workers) | ${median(offload)} ms | faster than on the loop | ${yes(median(offload) < median(onLoop))} |
| pool: 4 × compute 400 on the loop | ${median(onLoop)} ms | | |

Not measured yet: Pyodide's asyncio running the same programs (the
baseline issue 7 asks for), and the cost of recording the trace.
`;
await writeFile(new URL("../docs/BENCHMARKS.md", import.meta.url), markdown);
console.log(markdown);
