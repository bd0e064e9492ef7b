// Python mode's figures (docs/python-mode.md): the Python runtime's bytes, the time from Run as
// Python to the program's end on a page's first Python run (localhost, and a slow phone: Slow 4G
// and a 4× slower CPU, brotli), and what tracing costs a run (traced vs untraced, the same worker
// and loop). Run alone: `node bench/python.mjs` after a build of dist/; bench/run.mjs calls it.
import { readFile, stat } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { launchBrowser, serveDir } from "../e2e/harness.mjs";
import { CPU_SLOWDOWN, SLOW_4G } from "./slow-phone.mjs";

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** The program of a first run: one print after one await. */
const HELLO = "import asyncio\n\nasync def main():\n    await asyncio.sleep(0)\n    print('hello')\n\nasyncio.run(main())\n";
/** The workload of the tracing cost: 200 tasks that each await 100 loop turns (40 000 events
 * traced), and 2 000 tasks that each sleep 1 ms. */
const TRACED_WORKLOADS = {
  yields: "import asyncio\n\nasync def t():\n    for _ in range(100):\n        await asyncio.sleep(0)\n\nasync def main():\n    await asyncio.gather(*(t() for _ in range(200)))\n\nasyncio.run(main())\n",
  timers: "import asyncio\n\nasync def t():\n    await asyncio.sleep(0.001)\n\nasync def main():\n    await asyncio.gather(*(t() for _ in range(2000)))\n\nasyncio.run(main())\n",
};

/** The Python runtime's files in `dist` (a folder): raw, gzip and brotli bytes. */
export async function runtimeBytes(dist) {
  const manifest = JSON.parse(await readFile(`${dist}/pyodide/manifest.json`, "utf8"));
  const sizes = { raw: 0, gzip: 0, brotli: 0, version: manifest.version };
  for (const name of Object.keys(manifest.bytes)) {
    sizes.raw += manifest.bytes[name];
    sizes.gzip += (await stat(`${dist}/pyodide/${name}.gz`)).size;
    sizes.brotli += (await stat(`${dist}/pyodide/${name}.br`)).size;
  }
  return sizes;
}

/** From the click on Run as Python to the program's end, in a fresh context (nothing cached),
 * `runs` times; with `phone`, under SLOW_4G and CPU_SLOWDOWN. Medians in ms, and bytes carried. */
export async function firstPythonRun(browser, url, runs, phone = false) {
  const toEnd = [], bytes = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "en-US" });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    if (phone) {
      await cdp.send("Network.emulateNetworkConditions", SLOW_4G);
      await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU_SLOWDOWN });
    }
    await page.goto(`${url}#py/${encodeURIComponent(HELLO)}`);
    const run = page.getByRole("button", { name: "Run as Python" });
    await run.waitFor({ timeout: 120_000 });
    await page.waitForFunction(() => !document.querySelector("button.run").disabled, null, { timeout: 120_000 });
    // The Python worker's requests, which the page's own network domain does not see.
    const sizes = [];
    context.on("requestfinished", (request) => sizes.push(request.sizes().then((s) => s.responseBodySize + s.responseHeadersSize)));
    const started = await page.evaluate(() => performance.now());
    await run.click();
    await page.locator("output.status", { hasText: "Finished in" }).waitFor({ timeout: 600_000 });
    toEnd.push((await page.evaluate(() => performance.now())) - started);
    bytes.push((await Promise.all(sizes)).reduce((a, b) => a + b, 0));
    await context.close();
  }
  return { ms: median(toEnd), bytes: median(bytes) };
}

/** The same workload traced and untraced in fresh Python workers, taking turns, `runs` times
 * each: the medians of the program's time (ms, from its first line to its end). */
export async function tracingCost(browser, url, runs) {
  const page = await browser.newPage();
  await page.goto(url);
  const result = {};
  for (const [name, source] of Object.entries(TRACED_WORKLOADS)) {
    const times = { traced: [], untraced: [] };
    for (let i = 0; i < runs; i++) {
      for (const trace of i % 2 ? [false, true] : [true, false]) {
        const ended = await page.evaluate(
          ({ source, trace }) =>
            new Promise((resolve) => {
              const worker = new Worker("./python-worker.js", { type: "module" });
              worker.onmessage = ({ data }) => {
                if (data.kind === "ended" || data.kind === "failed") {
                  worker.terminate();
                  resolve(data);
                }
              };
              worker.postMessage({ kind: "run", source, virtual: false, trace });
            }),
          { source, trace },
        );
        if (ended.kind !== "ended" || ended.error) throw new Error(`${name}: ${JSON.stringify(ended)}`);
        times[trace ? "traced" : "untraced"].push(ended.total_ms);
      }
    }
    result[name] = { traced: median(times.traced), untraced: median(times.untraced) };
  }
  await page.close();
  return result;
}

/** Every figure above for the dist/ folder `dist`. */
export async function pythonBench(browser, dist, runs) {
  const bytes = await runtimeBytes(dist);
  const local = await serveDir(dist, { encodings: ["br", "gzip"] });
  const firstRun = await firstPythonRun(browser, local.url, runs);
  const cost = await tracingCost(browser, local.url, runs);
  await local.close();
  const slow = await serveDir(dist, { encodings: ["br"] });
  const phone = await firstPythonRun(browser, slow.url, Math.min(runs, 3), true);
  await slow.close();
  return { bytes, firstRun, phone, cost };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const browser = await launchBrowser();
  const dist = fileURLToPath(new URL("../dist", import.meta.url));
  console.log(JSON.stringify(await pythonBench(browser, dist, Number(process.argv[2] ?? 5)), null, 2));
  await browser.close();
}
