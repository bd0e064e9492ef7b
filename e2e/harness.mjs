// Shared set-up of the end-to-end tests: serve dist/ on 127.0.0.1 and launch Debian's Chromium.
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { after, before } from "node:test";
import { mkdir } from "node:fs/promises";
import { chromium } from "playwright-core";

const root = fileURLToPath(new URL("../dist/", import.meta.url));
export const examplesDir = fileURLToPath(new URL("../examples/", import.meta.url));
export const shotsDir = fileURLToPath(new URL("../target/e2e-screenshots/", import.meta.url));

const types = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".mjs": "text/javascript",
  ".zip": "application/zip",
  ".wasm": "application/wasm",
  ".css": "text/css",
  ".json": "application/json",
  ".svg": "image/svg+xml",
};

/** Serves dist/ on a free 127.0.0.1 port; resolves to { url, close }. */
export function serveDist(options) {
  return serveDir(root, options);
}

/** The precompressed copy of `file` (scripts/precompress.mjs) to send to a browser that accepts
 * `accepted`, trying `encodings` in order: [body, encoding], or null when none is there. */
async function precompressed(file, accepted, encodings) {
  for (const [encoding, suffix] of encodings.map((e) => [e, e === "gzip" ? ".gz" : ".br"])) {
    if (!accepted.includes(encoding)) continue;
    try {
      return [await readFile(file + suffix), encoding];
    } catch {
      // Not precompressed: the next encoding, or the file as it is.
    }
  }
  return null;
}

/** Serves a folder on a free 127.0.0.1 port, as a static host does: a file's precompressed copy
 * when the browser accepts its encoding (`encodings`, in order of preference; none for `[]`);
 * resolves to { url, close }. */
export async function serveDir(root, { encodings = ["br", "gzip"] } = {}) {
  const server = createServer(async (request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url, "http://x").pathname));
    const file = join(root, path.endsWith("/") ? `${path}index.html` : path);
    try {
      const headers = { "content-type": types[extname(file)] ?? "application/octet-stream", vary: "accept-encoding" };
      const accepted = request.headers["accept-encoding"] ?? "";
      const [body, encoding] = (await precompressed(file, accepted, encodings)) ?? [await readFile(file), null];
      if (encoding) headers["content-encoding"] = encoding;
      response.writeHead(200, headers);
      response.end(body);
    } catch {
      response.writeHead(404).end("not found");
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((resolve) => server.close(resolve)) };
}

/** Launches Debian's Chromium headless with the flags this machine needs, and `extraArgs`. */
export function launchBrowser(extraArgs = []) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      ...extraArgs,
    ],
  });
}

/**
 * Records what goes wrong on a page from now on, in words: page errors, console errors,
 * failed requests (not aborted ones) and HTTP error responses (its frames' included).
 */
export function watchProblems(page) {
  const problems = [];
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console error: ${message.text()}`);
  });
  page.on("requestfailed", (request) => {
    // Aborted requests are the page's own doing (Stop aborts fetches) or a navigation's.
    if (request.failure()?.errorText !== "net::ERR_ABORTED") problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`);
  });
  page.on("response", (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  return problems;
}

/** Waits until the page has loaded and the browser has asked for its icon; fails on any problem meanwhile. */
export async function assertCleanLoad(page, problems) {
  await page.waitForLoadState("networkidle");
  if (problems.length > 0) throw new Error(`loading ${page.url()} went wrong:\n${problems.join("\n")}`);
}

/**
 * Opens the page in English and returns it with what went wrong on it since; fails when
 * anything goes wrong while it loads.
 */
export async function open(browser, url, viewport = { width: 1280, height: 800 }) {
  const page = await browser.newPage({ viewport, locale: "en-US" });
  const errors = watchProblems(page);
  await page.goto(url);
  await page.locator("button.run").waitFor();
  await assertCleanLoad(page, errors);
  return { page, errors };
}

/** The status line once the run is over. */
export async function finished(page, timeout = 15_000) {
  const status = page.locator("output.status");
  await status.filter({ hasText: /Finished in|main failed in/ }).waitFor({ timeout });
  return Number((await status.textContent()).match(/(\d+) ms/)[1]);
}


/** Serves dist/ and launches the browser around a test file: `{ site, browser }`. */
export function useSite() {
  const context = {};
  before(async () => {
    context.site = await serveDist();
    context.browser = await launchBrowser();
    await mkdir(shotsDir, { recursive: true });
  });
  after(async () => {
    await context.browser?.close();
    await context.site?.close();
  });
  return context;
}

/** Scrolls the log top to bottom over 120 frames: sorted frame times (ms) and the row count. */
export function scrollLogFrames(page) {
  return page.locator(".log-view").evaluate(async (view) => {
    const times = [];
    let last = await new Promise((resolve) => requestAnimationFrame(resolve));
    for (let step = 0; step < 120; step++) {
      view.scrollTop = (view.scrollHeight - view.clientHeight) * (step / 119);
      const now = await new Promise((resolve) => requestAnimationFrame(resolve));
      times.push(now - last);
      last = now;
    }
    return { times: times.sort((a, b) => a - b), rows: view.scrollHeight / 26 };
  });
}
