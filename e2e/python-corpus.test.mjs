// The Python worker against this machine's CPython: every program of tests/python_mode/corpus/
// and every Python example of the tutorial (tests/fixtures/tutorial/, the network ones of
// tests/fixtures/tutorial_network/ on the bundled site, and tests/python_mode/tutorial/) runs in the browser's CPython (Pyodide 3.14, in
// the page's Python worker, traced) and prints what `python3` prints for the same file: the same
// standard output and exit status, and the same error and warning lines on standard error.
// Where CPython 3.14 differs from the machine's by a documented asyncio change, the test expects
// 3.14 and says which change (DIFFERENCES).
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { useSite } from "./harness.mjs";

const ctx = useSite();
const root = fileURLToPath(new URL("../", import.meta.url));
const folder = (path) => join(root, path);
const python = process.env.PYTHON ?? "python3";

/** A network example of the tutorial with the network replaced by the bundled site, as the
 * crawler preset does: its pages for the old site's, its authors for the old site's selector. */
const onBundledSite = (source) =>
  source.replaceAll("http://www.budejie.com/{i}", "site/{i}.html").replaceAll(".j-r-list ul li div .u-txt a", ".post .author");
const siteVersions = mkdtempSync(join(tmpdir(), "tutorial-site-"));
for (const name of readdirSync(folder("tests/fixtures/tutorial_network"))) {
  writeFileSync(join(siteVersions, name), onBundledSite(readFileSync(folder(`tests/fixtures/tutorial_network/${name}`), "utf8")));
}

/** The programs: [name, path, how python3 runs it]. The network examples need the playground's
 * aiohttp, requests and bs4 (static/python/pg_web.py), so python3 runs them under the tracer. */
const programs = [
  ...readdirSync(folder("tests/python_mode/corpus")).map((name) => [name, folder(`tests/python_mode/corpus/${name}`), "plain"]),
  ...readdirSync(folder("tests/fixtures/tutorial")).map((name) => [`tutorial/${name}`, folder(`tests/fixtures/tutorial/${name}`), "plain"]),
  ...readdirSync(siteVersions).map((name) => [`tutorial/${name}`, join(siteVersions, name), "traced"]),
  ...readdirSync(folder("tests/python_mode/tutorial"))
    .filter((name) => name.endsWith(".py"))
    .map((name) => [`tutorial/${name}`, folder(`tests/python_mode/tutorial/${name}`), "traced"]),
].filter(([name]) => name.endsWith(".py"));

const NO_LOOP = "RuntimeError: There is no current event loop in thread 'MainThread'.";
/** Python 3.14 made asyncio.get_event_loop() raise where no loop is set (3.12 and 3.13 warned,
 * 3.11 made one): "What's New In Python 3.14", asyncio. These tutorial examples call it at the
 * top level, so 3.14 stops there: its standard output is what came before, its error that one. */
const DIFFERENCES = {
  "tutorial/01_first_coroutine.py": { stdout: "", errors: [NO_LOOP] },
  "tutorial/02_chained.py": { stdout: "", errors: [NO_LOOP] },
  "tutorial/08_wait_numbers.py": { stdout: "", errors: [NO_LOOP] },
  "tutorial/09_four_hellos.py": { stdout: "", errors: [NO_LOOP, "RuntimeWarning: coroutine 'hello' was never awaited"] },
  "tutorial/11_requests_in_executor.py": { stdout: "", errors: [NO_LOOP] },
};

/** The lines of standard error that say what went wrong, without the traceback's frames (their
 * paths and markers differ between Pythons) and without where a warning was raised. */
function errorLines(stderr) {
  return stderr
    .split("\n")
    .filter((line) => /^([A-Za-z_.]+(Error|Warning|Exception|Exit|Interrupt)\b|sys:1:|[^ ].*:\d+: [A-Za-z]+Warning:)/.test(line))
    .map((line) => line.replace(/^.*?:\d+: ([A-Za-z]+Warning:)/, "$1"));
}

/** Whether a program reads the wall clock: what it prints of it depends on how busy the machine
 * is (a process pool's start, say), so its figures are compared within `CLOCK_TOLERANCE`. */
const readsClock = (source) => /\b(time\.(time|perf_counter|monotonic)|loop\.time)\(\)/.test(source);
/** How far apart two figures of the wall clock a program prints may be (one step of `round(x, 1)`). */
const CLOCK_TOLERANCE = 0.1 + 1e-9;

/** Whether two outputs say the same: the same text, and where `clocked`, figures at most
 * `CLOCK_TOLERANCE` apart in place of equal ones. */
function sameOutput(got, wanted, clocked) {
  if (!clocked) return got === wanted;
  const number = /-?\d+(?:\.\d+)?/g;
  const [gotNumbers, wantedNumbers] = [got.match(number) ?? [], wanted.match(number) ?? []];
  return (
    got.replace(number, "#") === wanted.replace(number, "#") &&
    gotNumbers.every((value, i) => Math.abs(Number(value) - Number(wantedNumbers[i])) <= CLOCK_TOLERANCE)
  );
}

/** What python3 does with a file: its standard output, error lines and exit status. */
function expected(path, how) {
  const args = how === "traced" ? [folder("tests/python_mode/run_traced.py"), path, "/dev/null"] : [path];
  const result = spawnSync(python, args, { cwd: folder("static"), encoding: "utf8", timeout: 30_000 });
  return { stdout: result.stdout, errors: errorLines(result.stderr), status: result.status };
}

/** Runs `source` in a fresh Python worker of the served page: its output and how it ended. */
function inBrowser(page, source) {
  return page.evaluate(
    (source) =>
      new Promise((resolve) => {
        const worker = new Worker("./python-worker.js", { type: "module" });
        const output = [];
        let events = 0;
        worker.onmessage = ({ data }) => {
          if (data.kind === "run-ready") return;
          if (data.kind === "batch") {
            output.push(...data.output);
            events += data.events.length;
          }
          if (data.kind === "ended" || data.kind === "failed") {
            worker.terminate();
            resolve({ output, events, ended: data });
          }
        };
        worker.onerror = (error) => resolve({ output, events, ended: { kind: "failed", message: String(error.message) } });
        worker.postMessage({ kind: "run", source, virtual: false });
      }),
    source,
  );
}

test("figures of the wall clock compare within one rounding step, and nothing else does", () => {
  assert.ok(sameOutput("pool: 0.4\n", "pool: 0.3\n", true));
  assert.ok(!sameOutput("pool: 0.5\n", "pool: 0.3\n", true));
  assert.ok(!sameOutput("pool: 0.4\n", "pool: 0.3\n", false));
  assert.ok(!sameOutput("pools: 0.3\n", "pool: 0.3\n", true));
  assert.ok(readsClock("start = time.time()") && readsClock("loop.time()") && !readsClock("await asyncio.sleep(1)"));
});

test(`${programs.length} asyncio programs print in the browser's CPython what python3 prints`, { timeout: 900_000 }, async () => {
  assert.ok(programs.length >= 50, `${programs.length} programs`);
  const page = await ctx.browser.newPage();
  await page.goto(ctx.site.url);
  const failures = [];
  for (const [name, path, how] of programs) {
    const source = readFileSync(path, "utf8");
    const want = { ...expected(path, how), ...DIFFERENCES[name] };
    const got = await inBrowser(page, source);
    assert.equal(got.ended.kind, "ended", `${name}: the worker failed: ${got.ended.message}`);
    const stdout = got.output.filter(([stream]) => stream === "stdout").map(([, text]) => text).join("");
    const stderr = got.output.filter(([stream]) => stream === "stderr").map(([, text]) => text).join("");
    const status = got.ended.exit_code;
    const wantStatus = DIFFERENCES[name] ? 1 : want.status;
    if (!sameOutput(stdout, want.stdout, readsClock(source)) || JSON.stringify(errorLines(stderr)) !== JSON.stringify(want.errors) || status !== wantStatus) {
      failures.push(`${name}:\n  stdout ${JSON.stringify(stdout)}\n  wanted ${JSON.stringify(want.stdout)}\n  errors ${JSON.stringify(errorLines(stderr))}\n  wanted ${JSON.stringify(want.errors)}\n  status ${status}, wanted ${wantStatus}`);
    }
    if (status === 0 && got.events === 0) failures.push(`${name}: it ran, and no event was traced`);
  }
  assert.deepEqual(failures, []);
  await page.close();
});
