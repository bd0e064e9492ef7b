// What the first paint downloads, and what the worker adds on the first offload.
import { readFile } from "node:fs/promises";
import { gzipSync } from "node:zlib";

/** Files of dist/ the page downloads before it can paint, and its icon. */
export const firstLoadFiles = ["index.html", "boot.js", "coroutine-playground.js", "coroutine-playground_bg.wasm", "style.css", "favicon.svg"];

/** Files of dist/ the worker pool loads when a program first offloads. */
export const workerFiles = ["worker-boot.js", "worker.js", "worker_bg.wasm"];

/** The budget of the first load, gzipped: 180 KB (issue 7), and 2 KB more for Python mode's page
 * code (issue 28; Python itself loads on first use); docs/size.md says where the bytes go. */
export const FIRST_LOAD_BUDGET = 182 * 1024;

/** Gzipped (level 9) size in bytes of each of `names` in the folder `dist` (a URL). */
export async function gzippedSizes(dist, names) {
  return Object.fromEntries(
    await Promise.all(names.map(async (name) => [name, gzipSync(await readFile(new URL(name, dist)), { level: 9 }).length])),
  );
}
