// Hostile input, seeded and reproducible: mutated and random `#code/` and `#src/` links opened in
// place and fresh (with random queries, autorun among them), and host messages of random shapes. After each one the page
// has thrown nothing, settled within 2 s, and says what was wrong (a link problem, a program error
// at its line and column) or shows a program it can run.
import { test } from "node:test";
import assert from "node:assert/strict";
import { useSite, watchProblems } from "./harness.mjs";

const ctx = useSite();

const SEED = Number(process.env.FUZZ_SEED ?? 20261130);
const SETTLE_MS = 2_000;

/** mulberry32: a small seeded generator of numbers in [0, 1). */
function generator(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rand = generator(SEED);
const int = (below) => Math.floor(rand() * below);
const pick = (items) => items[int(items.length)];
const PALETTE = ["a", "Z", "0", "9", " ", "\n", "\t", '"', "'", "{", "}", "%", "%2", "%ZZ", "#", "/", "?", "&", "=", ".", "-", "_", "~", "\\", "<", ">", "你", "🙂", "\u0000", "\u202e", "x4", "x99999", "sleep ", "block ", "task ", "await ", "spawn "];
const junk = (length) => Array.from({ length }, () => pick(PALETTE)).join("");

/** One random edit of `text`: a flip, a cut, junk in, a span doubled, a huge number, the end lost. */
function mutate(text) {
  const at = int(text.length + 1);
  const span = 1 + int(12);
  switch (int(6)) {
    case 0:
      return text.slice(0, at) + pick(PALETTE) + text.slice(at + 1);
    case 1:
      return text.slice(0, at) + text.slice(at + span);
    case 2:
      return text.slice(0, at) + junk(1 + int(8)) + text.slice(at);
    case 3:
      return text.slice(0, at) + text.slice(at, at + span).repeat(2 + int(50)) + text.slice(at);
    case 4:
      return text.replace(/\d+/, pick(["99999999999", "0", "-1", "1e9", "18446744073709551616"]));
    default:
      return text.slice(0, at);
  }
}

const mutated = (text) => Array.from({ length: 1 + int(3) }).reduce((t) => mutate(t), text);

const SENTINEL = "task sentinel\n  yield\n";

/** What the page shows now: a link problem, a program error, or a program it can run. */
function pageSays(page) {
  return page.evaluate(() => ({
    text: document.querySelector("textarea")?.value ?? null,
    banner: document.querySelector(".banner[role=alert]")?.textContent ?? null,
    error: document.querySelector("#program-error")?.textContent ?? null,
    runnable: document.querySelector("button.run")?.disabled === false,
    running: document.querySelector("button.stop")?.disabled === false,
    crashed: document.querySelector("#crash") !== null,
  }));
}

/** Whether `hash` is a right way to ask for the default demo. */
const opensDefault = (hash) => /^#?(example\/hello-world)?$/.test(hash);

/**
 * The page says what was wrong with `hash`: a link problem, a program error at its line and
 * column, or else it shows a program it can run that is the link's (not the default demo
 * silently in its place).
 */
function assertSaysWhatIsWrong(state, input, hash, defaultTexts) {
  assert.ok(!state.crashed, `${input}: the page stopped`);
  const says =
    (state.banner !== null && state.banner.trim().length > 0) ||
    (state.error !== null && /line \d+, col \d+: \S/.test(state.error)) ||
    (state.runnable && (!defaultTexts.includes(state.text) || opensDefault(hash)));
  assert.ok(says, `${input}: the page says nothing of what is wrong (${JSON.stringify(state).slice(0, 300)})`);
}

/** Opens `hash` in the page in place, as back and forward do; resolves once the page has settled. */
async function openInPlace(page, hash) {
  await page.evaluate((h) => {
    location.hash = h;
  }, hash);
  await page.waitForFunction(
    (sentinel) => document.querySelector("textarea")?.value !== sentinel || document.querySelector(".banner[role=alert]") !== null,
    SENTINEL,
    { timeout: SETTLE_MS },
  );
}

test(`fuzz (seed ${SEED}): links opened in place`, async () => {
  const page = await ctx.browser.newPage({ locale: "en-US" });
  const problems = watchProblems(page);
  const sentinelHash = `#src/${encodeURIComponent(SENTINEL)}`;
  await page.goto(`${ctx.site.url}#example/hello-world`);
  await page.locator("button.run").waitFor();
  const defaultTexts = [await page.getByLabel("Program text").inputValue()];
  // Payloads the page itself wrote, to damage.
  const sources = [];
  const payloads = [];
  for (const id of ["hello-world", "chain", "call-soon", "crawler"]) {
    await page.goto(`${ctx.site.url}#example/${id}`);
    const source = await page.getByLabel("Program text").inputValue();
    await page.getByLabel("Program text").fill(`${source}# edited\n`);
    await page.waitForFunction(() => location.hash.startsWith("#code/"));
    sources.push(source);
    payloads.push(await page.evaluate(() => location.hash.slice("#code/".length)));
  }
  const inputs = [];
  for (let i = 0; i < 220; i++) {
    const payload = pick(payloads);
    inputs.push(
      pick([
        () => `#code/${mutated(payload)}`,
        () => `#code/v1.${junk(int(60))}`,
        () => `#code/${junk(int(20))}.${payload.slice(3)}`,
        () => `#code/${payload.slice(0, int(payload.length))}`,
        () => `#code/v1.${"A".repeat(int(9000))}`,
      ])(),
    );
  }
  for (let i = 0; i < 220; i++) {
    const source = pick(sources);
    inputs.push(
      pick([
        () => `#src/${encodeURIComponent(mutated(source))}`,
        () => `#src/${mutated(encodeURIComponent(source))}`,
        () => `#src/${encodeURIComponent(junk(int(200)))}`,
        () => `#${pick(["example/", "code/", "src/", "", "bogus/", "example/hello-world/"])}${junk(int(30))}`,
      ])(),
    );
  }
  for (const [index, hash] of inputs.entries()) {
    const label = `link #${index} (seed ${SEED}) ${JSON.stringify(hash.slice(0, 120))}`;
    await page.evaluate((h) => {
      location.hash = h;
    }, sentinelHash);
    await page.waitForFunction((s) => document.querySelector("textarea")?.value === s, SENTINEL, { timeout: SETTLE_MS });
    await openInPlace(page, hash).catch(() => assert.fail(`${label}: the page did not settle within ${SETTLE_MS} ms`));
    assertSaysWhatIsWrong(await pageSays(page), label, hash, defaultTexts);
    assert.deepEqual(problems, [], label);
  }
  console.log(`fuzz: ${inputs.length} links opened in place`);
  await page.close();
});

/** A payload an earlier page wrote (src/model/share.rs pins it) and its program. */
const PINNED = ["v1.RcpBCkARFAXQ-V_FzQpefRtSXpEXQlGyd8rA9HSaqQGORRKG_oBcfGxQV6Zf6lgV5oyfiF7oqYi9YQM", 'task hello x4\n  print "hello {i}"\n  sleep 3000\n  print "world {i}"\n'];

test(`fuzz (seed ${SEED}): queries and links opened fresh`, async () => {
  const page = await ctx.browser.newPage({ locale: "en-US" });
  const problems = watchProblems(page);
  const defaultTexts = [];
  for (const lang of ["en", "zh"]) {
    await page.goto(`${ctx.site.url}?lang=${lang}#example/hello-world`);
    defaultTexts.push(await page.locator("textarea").inputValue());
  }
  const values = ["1", "0", "true", "en", "zh", "zh-TW", "log", "timeline", "code", "", "%", "%E0%A4%A", "🙂", "x".repeat(3000)];
  const keys = ["lang", "autorun", "view", "embed", "mode", "step", "", "lang[]", "%6Cang"];
  let count = 0;
  for (let i = 0; i < 80; i++) {
    const pairs = Array.from({ length: int(5) }, () => `${pick(keys)}=${int(4) === 0 ? junk(int(12)) : pick(values)}`);
    if (int(3) === 0) pairs.push("autorun=1");
    const search = int(5) === 0 ? `?${junk(int(40))}` : `?${pairs.join("&")}`;
    const hash = pick([
      () => "#example/hello",
      () => `#code/${mutated(PINNED[0])}`,
      () => `#src/${encodeURIComponent(mutated(PINNED[1]))}`,
      () => `#src/${mutated(encodeURIComponent(PINNED[1]))}`,
      () => `#${junk(int(30))}`,
    ])();
    const label = `fresh #${i} (seed ${SEED}) ${JSON.stringify((search + hash).slice(0, 160))}`;
    const started = Date.now();
    await page.goto(`${ctx.site.url}${search}${hash}`);
    await page.locator("button.run").waitFor({ timeout: SETTLE_MS }).catch(() => assert.fail(`${label}: no page within ${SETTLE_MS} ms`));
    assert.ok(Date.now() - started < SETTLE_MS, `${label}: took ${Date.now() - started} ms`);
    assertSaysWhatIsWrong(await pageSays(page), label, hash, defaultTexts);
    assert.deepEqual(problems, [], label);
    count++;
  }
  console.log(`fuzz: ${count} queries and links opened fresh`);
  await page.close();
});

/** A random value of any JSON-like shape, `depth` levels deep at most. */
function anyValue(depth = 3) {
  switch (int(depth > 0 ? 9 : 6)) {
    case 0:
      return null;
    case 1:
      return rand() * 1e12 - 5e11;
    case 2:
      return junk(int(40));
    case 3:
      return rand() < 0.5;
    case 4:
      return undefined;
    case 5:
      return "x".repeat(int(100_000));
    case 6:
      return Array.from({ length: int(5) }, () => anyValue(depth - 1));
    default:
      return Object.fromEntries(Array.from({ length: int(5) }, () => [pick(["type", "program", "python", junk(5)]), anyValue(depth - 1)]));
  }
}

test(`fuzz (seed ${SEED}): host messages of random shapes`, async () => {
  const page = await ctx.browser.newPage({ locale: "en-US" });
  const problems = watchProblems(page);
  await page.setContent(`<iframe title="demo" src="${ctx.site.url}?embed=1#example/hello" width="900" height="600"></iframe>`);
  const app = page.frames().find((frame) => frame.url().includes("embed=1"));
  await app.locator("button.run").waitFor();
  const types = ["load", "run", "stop", "ready", "done", "", "LOAD", "load "].map((t) => `coroutine-playground:${t}`);
  const sources = ["task a\n  sleep 5\n  print \"ok\"\n", "run race\ntask a x3\n  yield\n"];
  const PREFIX = "coroutine-playground:";
  /** Whether the page acts on `m` (src/model/embed.rs): anything else it ignores and counts. */
  const understood = (m) => {
    if (m === null || typeof m !== "object" || typeof m.type !== "string" || !m.type.startsWith(PREFIX)) return false;
    const name = m.type.slice(PREFIX.length);
    if (name === "load") return typeof m.program === "string" && new TextEncoder().encode(m.program).length <= 64 * 1024;
    return name === "run" || name === "stop";
  };
  let sent = 0;
  let expectIgnored = 0;
  for (let i = 0; i < 200; i++) {
    const message = pick([
      () => anyValue(),
      () => ({ type: pick(types), program: anyValue(1) }),
      () => ({ type: "coroutine-playground:load", program: mutated(pick(sources)) }),
      () => ({ type: pick(types) }),
    ])();
    const label = `message #${i} (seed ${SEED}) ${JSON.stringify(message)?.slice(0, 160)}`;
    await page.evaluate((m) => document.querySelector("iframe").contentWindow.postMessage(m, "*"), message);
    sent++;
    if (!understood(message)) expectIgnored++;
    const started = Date.now();
    await app.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve())));
    assert.ok(Date.now() - started < SETTLE_MS, `${label}: the page took ${Date.now() - started} ms to draw again`);
    const ignored = Number(await app.evaluate(() => document.documentElement.dataset.ignoredMessages ?? 0));
    assert.equal(ignored, expectIgnored, `${label}: a message of that shape is ${understood(message) ? "understood" : "ignored and counted"}`);
    const state = await pageSays(app);
    assert.ok(!state.crashed, `${label}: the page stopped`);
    assert.ok(state.runnable || state.running || /line \d+, col \d+: \S/.test(state.error ?? ""), `${label}: a loaded program runs or says what is wrong with it`);
    assert.deepEqual(problems, [], label);
  }
  const ignored = expectIgnored;
  // Still an embed a host can drive.
  await page.evaluate(() =>
    document.querySelector("iframe").contentWindow.postMessage({ type: "coroutine-playground:load", program: "task a\n  print \"after the flood\"\n" }, "*"),
  );
  await page.evaluate(() => document.querySelector("iframe").contentWindow.postMessage({ type: "coroutine-playground:run" }, "*"));
  await app.locator(".log-view", { hasText: "after the flood" }).waitFor({ timeout: 5_000 });
  console.log(`fuzz: ${sent} host messages, ${ignored} ignored`);
  await page.close();
});
