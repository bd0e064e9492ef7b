// The first load as a phone on a slow connection sees it: Chromium's network throttled to Slow 4G
// (150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up) and its CPU slowed 4×, in fresh browser
// contexts (nothing cached). Run alone: `node bench/slow-phone.mjs` after a build of dist/.
import { watchDefaultScreen } from "../e2e/budget.mjs";
import { launchBrowser, serveDist } from "../e2e/harness.mjs";

/** Slow 4G as Chromium's DevTools define it. */
export const SLOW_4G = { offline: false, latency: 150, downloadThroughput: (1.6e6 / 8) * 0.9, uploadThroughput: (750e3 / 8) * 0.9 };
/** The CPU slowdown of a mid-range phone against this machine. */
export const CPU_SLOWDOWN = 4;

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * Loads `url` `runs` times in fresh contexts of `browser` under SLOW_4G and CPU_SLOWDOWN: the medians
 * (ms from navigation) of the HTML and the wasm arrived, the first contentful paint, the Run button
 * enabled and the default screen complete (Run enabled and every request answered), the bytes the
 * network carried before each, and all it carried; and each load's own figures (`loads`).
 */
export async function slowPhoneLoad(browser, url, runs) {
  const loads = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "en-US" });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.emulateNetworkConditions", SLOW_4G);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU_SLOWDOWN });
    let carried = 0;
    cdp.on("Network.loadingFinished", (event) => (carried += event.encodedDataLength));
    await page.addInitScript(() => {
      new PerformanceObserver((list) => {
        for (const entry of list.getEntriesByName("first-contentful-paint")) window.paintMs = entry.startTime;
      }).observe({ type: "paint", buffered: true });
    });
    const watched = await watchDefaultScreen(page);
    await page.goto(url);
    const screen = await watched.settled();
    await page.waitForFunction(() => window.paintMs !== undefined);
    const steps = await page.evaluate(() => {
      const end = (suffix) => performance.getEntriesByType("resource").find((e) => e.name.endsWith(suffix))?.responseEnd ?? NaN;
      return { paint: window.paintMs, html: performance.getEntriesByType("navigation")[0].responseEnd, wasm: end(".wasm") };
    });
    loads.push({ ...screen, ...steps, bytes: carried });
    await context.close();
  }
  const middle = (key) => median(loads.map((load) => load[key]));
  return {
    paint: middle("paint"),
    interactive: middle("runEnabled"),
    complete: middle("complete"),
    runBytes: middle("runBytes"),
    completeBytes: middle("completeBytes"),
    bytes: middle("bytes"),
    html: middle("html"),
    wasm: middle("wasm"),
    loads,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const browser = await launchBrowser();
  for (const encodings of [["br", "gzip"], ["gzip"], []]) {
    const site = await serveDist({ encodings });
    const load = await slowPhoneLoad(browser, site.url, 5);
    const name = encodings.join("+") || "uncompressed";
    console.log(`${name}: HTML ${load.html.toFixed(0)} ms, wasm ${load.wasm.toFixed(0)} ms, first paint ${load.paint.toFixed(0)} ms, Run enabled ${load.interactive.toFixed(0)} ms (${(load.runBytes / 1024).toFixed(1)} KB), complete ${load.complete.toFixed(0)} ms (${(load.completeBytes / 1024).toFixed(1)} KB), ${(load.bytes / 1024).toFixed(1)} KB carried`);
    await site.close();
  }
  await browser.close();
}
