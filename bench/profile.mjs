// Where the runtime's time goes: a Chromium CPU profile (CDP Profiler, a sample every 50 µs) of a
// workload run 20 times in a warm page of a build that keeps the wasm's function names
// (`scripts/bench.sh --profile` builds it and runs this), summed by function: self time, and the
// allocator's, drops' and calls into JS's shares. docs/runtime.md says what it showed.
import { writeFile } from "node:fs/promises";
import { launchBrowser, serveDir } from "../e2e/harness.mjs";

const WORKLOADS = {
  timers: "run gather\n\ntask t x10000\n  sleep 1\n",
  yields: `run gather\n\ntask t x1000\n${"  yield\n".repeat(100)}`,
};
const GROUPS = {
  "the allocator (talc, alloc, realloc, free)": /talc|__rust_(alloc|realloc|dealloc)|RawVec|finish_grow|to_vec_in/,
  "dropping values": /drop_in_place|drop_slow/,
  "calls into JS and the browser (clock, postMessage, timers)": /wasm-to-js|__wbg|^now$|postMessage|setTimeout|clearTimeout/,
  "the JS engine itself and garbage collection": /^\(program\)$|\(garbage collector\)/,
};

/** Self time per function of `profile`, in µs, without the idle samples. */
function selfTimes(profile) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node.callFrame.functionName || "(anonymous)"]));
  const times = new Map();
  profile.samples.forEach((id, i) => {
    const name = byId.get(id).replace(/\[[0-9a-f]{16}\]/g, "");
    const weight = profile.timeDeltas[i + 1] ?? 0;
    if (name !== "(idle)") times.set(name, (times.get(name) ?? 0) + weight);
  });
  return times;
}

const [dist, ...names] = process.argv.slice(2);
const site = await serveDir(dist);
const browser = await launchBrowser();
const page = await browser.newPage();
await page.goto(site.url);
await page.locator("button.run:enabled").waitFor();
const run = (source) => page.evaluate(async (source) => (await import("/coroutine-playground.js")).benchRun(source, true), source);
for (const name of names.length ? names : Object.keys(WORKLOADS)) {
  for (let i = 0; i < 5; i++) await run(WORKLOADS[name]);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 50 });
  await cdp.send("Profiler.start");
  for (let i = 0; i < 20; i++) await run(WORKLOADS[name]);
  const { profile } = await cdp.send("Profiler.stop");
  await writeFile(`target/profile-${name}.cpuprofile`, JSON.stringify(profile));
  const times = selfTimes(profile);
  const total = [...times.values()].reduce((a, b) => a + b, 0);
  const share = (us) => `${((100 * us) / total).toFixed(1).padStart(5)} %`;
  console.log(`\n${name}: 20 runs, ${(total / 1000).toFixed(0)} ms sampled (target/profile-${name}.cpuprofile)`);
  for (const [group, pattern] of Object.entries(GROUPS)) {
    console.log(`${share([...times].filter(([f]) => pattern.test(f)).reduce((a, [, us]) => a + us, 0))}  ${group}`);
  }
  console.log("self time, by function:");
  for (const [f, us] of [...times].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`${share(us)}  ${f.slice(0, 140)}`);
}
await browser.close();
await site.close();
