// The playground page as a learner uses it: presets, both editors, stop,
// Chinese, the keyboard, and screenshots at laptop and phone widths.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { finished, open, shotsDir, useSite } from "./harness.mjs";

const ctx = useSite();

const PRESETS = ["hello", "chain", "never-awaited", "create-task", "gather-vs-wait", "call-soon", "hello-world", "blocking-sleep", "not-random", "crawler", "executor"];

/** What each preset's log must show, in order (a string is a whole line, a RegExp matches one). */
const EXPECTED = {
  hello: ['printed "this is a coroutine"'],
  chain: ['printed "main coroutine"', "awaits coroutine result1", 'printed "this is result1"', "result1 returned result1", 'printed "this is result2"'],
  "never-awaited": ["warning: coroutine 'net' was never awaited", 'printed "await net() gave 11"'],
  "create-task": ["created task net", 'printed "net runs as its own task"', 'printed "joined: 11"'],
  "gather-vs-wait": ['printed "current number 0"', 'printed "current number 9"', 'printed "waited for 9"'],
  "call-soon": ['printed "callbacks wait until demo awaits"', 'callback "callback got 1, default"', 'callback "callback got 2, not default"'],
  "hello-world": ['printed "hello 3"', 'printed "world 0"'],
  "blocking-sleep": ["holds the loop: block 1000", /^loop held: heartbeat late by \d+ ms$/, 'printed "world 3"'],
  "not-random": ['printed "hello 0"', 'printed "world 3"'],
  crawler: ["waiting on semaphore", "waiting on fetch site/1.html"],
  executor: ["waiting on worker compute 500", 'printed "job 3 done"'],
};

/** Presets that wait on measured things (fetch, workers), whose order may be the machine's. */
const TIMING_DEPENDENT = new Set(["crawler", "executor"]);

/** Waits for the Orders tab's finding on the last run, then goes back to the log; returns its text. */
async function ordersFinding(page) {
  await page.getByRole("tab", { name: "Orders" }).click();
  const finding = page.locator(".finding");
  try {
    await page.waitForFunction(() => /predicted order/.test(document.querySelector(".finding")?.textContent ?? ""), null, { timeout: 5_000 });
  } catch {
    // The finding says where the run differs; the assertion below shows it.
  }
  const text = (await finding.count()) > 0 ? await finding.textContent() : "no finding";
  await page.getByRole("tab", { name: "Log" }).click();
  return text;
}

async function pickScale(page, scale) {
  await page.locator(".scale select").selectOption(String(scale));
}

test("every preset runs at 0.1x in the predicted order, and its log tells its story in lines shown whole", async () => {
  const { page, errors } = await open(ctx.browser, ctx.site.url);
  for (const id of PRESETS) {
    await page.locator(`[data-preset="${id}"]`).click();
    await pickScale(page, 0.1);
    await page.getByRole("button", { name: "Run", exact: true }).click();
    await finished(page, 30_000);
    const lines = await page.locator(".log-view").evaluate(async (view) => {
      const seen = [];
      for (let top = 0; top <= view.scrollHeight; top += view.clientHeight / 2) {
        view.scrollTop = top;
        view.dispatchEvent(new Event("scroll"));
        await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
        for (const line of view.querySelectorAll(".what")) seen.push({ text: line.textContent, cut: line.scrollWidth > line.clientWidth });
      }
      return seen;
    });
    let from = 0;
    for (const expected of EXPECTED[id]) {
      const at = lines.findIndex((line, i) => i >= from && (expected instanceof RegExp ? expected.test(line.text) : line.text === expected));
      assert.ok(at >= 0, `${id}: "${expected}" missing (in order) from its log`);
      assert.ok(!lines[at].cut, `${id}: "${expected}" is cut short at laptop width`);
      from = at;
    }
    if (!TIMING_DEPENDENT.has(id)) {
      assert.match(await ordersFinding(page), /The run happened in the predicted order/, `${id}: the live run's order differs from the prediction`);
    }
  }
  assert.deepEqual(errors, []);
  await page.close();
});

test("an edit in the table shows in the text, and an edit in the text in the table", async () => {
  const { page } = await open(ctx.browser, ctx.site.url);
  await page.getByRole("tab", { name: "Table" }).click();
  const sleepChip = page.locator('.block-row[data-block="hello"] .chip').nth(1);
  // The worker applies the table's edits: the text follows once it answers.
  const textIs = (pattern) => page.waitForFunction((p) => new RegExp(p).test(document.querySelector("#program-text").value), pattern.source);
  await sleepChip.getByLabel("Value").fill("500");
  await textIs(/\n {2}sleep 500\n/);
  await page.getByRole("tab", { name: "Text" }).click();
  assert.match(await page.getByLabel("Program text").inputValue(), /\n {2}sleep 500\n/);

  await page.getByLabel("Program text").fill('run race\n\ntask first x2\n  sleep 10\n');
  await page.getByRole("tab", { name: "Table" }).click();
  assert.equal(await page.locator(".block-name").inputValue(), "first");
  assert.equal(await page.locator(".copies").inputValue(), "2");
  await page.locator(".add-step").click();
  await textIs(/sleep 100\n$/);
  await page.getByRole("tab", { name: "Text" }).click();
  assert.equal(await page.getByLabel("Program text").inputValue(), "run race\n\ntask first x2\n  sleep 10\n  sleep 100\n");
  await page.close();
});

test("the on-demand views load with the first view that needs them, once, and say so when they cannot", async () => {
  const asked = (page) => {
    const paths = [];
    page.on("request", (request) => paths.push(new URL(request.url()).pathname));
    return paths;
  };
  const { page } = await open(ctx.browser, ctx.site.url);
  const paths = asked(page);
  await page.getByRole("tab", { name: "Orders" }).click();
  await page.getByRole("tab", { name: "Log" }).click();
  await page.click("button.run");
  await finished(page);
  assert.ok(paths.includes("/on_demand_bg.wasm"), "the Orders tab loaded the on-demand views");
  await page.getByRole("tab", { name: "Table" }).click();
  await page.locator(".chip").first().waitFor();
  await page.getByRole("tab", { name: "Python", exact: true }).click();
  await page.locator(".code pre").waitFor();
  assert.equal(paths.filter((path) => path === "/on_demand_bg.wasm").length, 1, "loaded once for every view");
  await page.close();

  const refused = await ctx.browser.newPage();
  await refused.route("**/on_demand_bg.wasm", (route) => route.abort());
  await refused.goto(ctx.site.url);
  await refused.getByRole("tab", { name: "Table" }).click();
  const alert = refused.locator(".program [role=alert]");
  await alert.waitFor();
  assert.match(await alert.textContent(), /^This view could not load: ./);
  await refused.getByRole("tab", { name: "Text" }).click();
  assert.ok(await refused.locator("button.run").isEnabled(), "the rest of the page works");
  await refused.close();
});

test("a chip's unfinished value stays with its chip when steps or blocks are added", async () => {
  const { page, errors } = await open(ctx.browser, ctx.site.url);
  await page.getByLabel("Program text").fill("run gather\n\ntask a\n  sleep 10\n");
  await page.getByRole("tab", { name: "Table" }).click();
  const chips = page.locator('.block-row[data-block="a"] .chip');
  await chips.first().getByLabel("Value").fill("abc");
  await page.locator(".chip.invalid").waitFor();
  await page.locator(".add-step").click();
  await chips.nth(1).waitFor();
  await page.locator(".add-blocks button").first().click();
  await page.locator(".block-row").nth(1).waitFor();
  assert.equal(await chips.first().getByLabel("Value").inputValue(), "abc");
  assert.deepEqual(await chips.evaluateAll((all) => all.map((chip) => chip.classList.contains("invalid"))), [true, false]);
  assert.deepEqual(errors, []);
  await page.close();
});

test("an invalid edit shows the error at its line and disables Run", async () => {
  const { page } = await open(ctx.browser, ctx.site.url);
  await page.getByLabel("Program text").fill("task a\n  sleep abc\n");
  await page.locator(".error strong").filter({ hasText: 'line 2, col 9: expected a duration in ms after "sleep", found "abc"' }).waitFor();
  assert.equal(await page.getByRole("button", { name: "Run", exact: true }).isDisabled(), true);
  assert.match(await page.locator("#run-why").textContent(), /Fix the error/);
  await page.screenshot({ path: `${shotsDir}error-desktop.png` });
  await page.close();
});

test("Stop mid-run cancels the rest of the run", async () => {
  const { page } = await open(ctx.browser, ctx.site.url);
  await pickScale(page, 0.1);
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await page.locator(".log-line", { hasText: "hello 3" }).waitFor();
  await page.getByRole("button", { name: "Stop" }).click();
  await page.locator("output.status", { hasText: "Stopped" }).waitFor();
  // The worlds were due 300 ms after the hellos: give them twice that to (not) appear.
  await page.waitForTimeout(600);
  assert.equal(await page.locator(".log-line", { hasText: "world" }).count(), 0);
  await page.close();
});

test("in Chinese no English words of the page remain", async () => {
  const { page } = await open(ctx.browser, ctx.site.url);
  await page.getByRole("button", { name: "中文" }).click();
  await page.locator("h1", { hasText: "协程游乐场" }).waitFor();
  const chrome = await page.locator(".top, .gallery, .controls, .tabs, .view-switch, .editor label").allInnerTexts();
  const code = /^(English|Python|asyncio|create_task|call_soon|run_in_executor|gather|wait|await|as_completed|run|sequential|sleep|time|offload|compute|main|foo|result1|result2|chain|demo|net|num|hello|world|Hello|coroutine|never|awaited|Web|Worker|CSS|fetch|loop|frames|result|join)$/;
  const english = chrome.join(" ").match(/[A-Za-z_.]{3,}/g)?.flatMap((w) => w.split(".")).filter((w) => w.length > 2 && !code.test(w)) ?? [];
  assert.deepEqual(english, [], `English left on the Chinese page: ${english.join(", ")}`);
  await page.getByRole("button", { name: "运行", exact: true }).click();
  await page.locator("output.status", { hasText: "完成" }).waitFor({ timeout: 15_000 });
  await page.screenshot({ path: `${shotsDir}hello-world-zh-desktop.png`, fullPage: true });
  await page.close();
});

test("a preset can be chosen and run with the keyboard alone", async () => {
  const { page } = await open(ctx.browser, ctx.site.url);
  await page.locator("body").click({ position: { x: 1, y: 1 } });
  const focusOn = async (selector) => {
    for (let i = 0; i < 80; i++) {
      await page.keyboard.press("Tab");
      if (await page.evaluate((s) => document.activeElement?.matches(s), selector)) return;
    }
    assert.fail(`Tab never reached ${selector}`);
  };
  await focusOn('[data-preset="call-soon"]');
  await page.keyboard.press("Enter");
  await focusOn("button.run");
  await page.keyboard.press("Enter");
  await finished(page);
  assert.ok(await page.locator(".log-line", { hasText: "callback got 2" }).count() === 1);
  await page.close();
});

test("the keyboard focus stays where it was when a control shows or hides something", async () => {
  const { page, errors } = await open(ctx.browser, ctx.site.url);
  const focusIsOn = (selector) => page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector);
  await page.locator(".embed-button").focus();
  await page.keyboard.press("Enter");
  await page.locator(".snippet").waitFor();
  assert.ok(await focusIsOn(".embed-button"), "Embed keeps the focus when the snippet appears");
  await page.keyboard.press("Enter");
  await page.locator(".snippet").waitFor({ state: "detached" });
  assert.ok(await focusIsOn(".embed-button"), "and when it goes");
  await page.getByRole("button", { name: "Share" }).focus();
  await page.keyboard.press("Enter");
  await page.locator(".shared input").waitFor();
  assert.ok(await focusIsOn("button.share:not(.embed-button)"), "Share keeps the focus when the link appears");
  await page.getByLabel("Program text").fill("run gather\ntask a\n  sleep 1\ntask b\n  sleep 1\n");
  await page.getByRole("tab", { name: "Table" }).click();
  const kind = page.locator(".block-head select").last();
  await kind.focus();
  await page.keyboard.press("ArrowDown");
  await page.locator(".block-row").last().locator(".copies").waitFor({ state: "detached" });
  assert.ok(await focusIsOn(".block-head select"), "the kind select keeps the focus when the copies field goes");
  assert.equal(await kind.inputValue(), "coroutine");
  assert.deepEqual(errors, []);
  await page.close();
});

/** Downloads the run's trace and its Chrome trace (the worker writes it) and checks each is of the run. */
async function assertTraceDownloads(page) {
  const downloaded = async (button) => {
    const [download] = await Promise.all([page.waitForEvent("download"), page.locator(button).click()]);
    return { name: download.suggestedFilename(), json: JSON.parse(await readFile(await download.path(), "utf8")) };
  };
  const trace = await downloaded("button.download-trace");
  assert.equal(trace.name, "trace.json");
  assert.equal(trace.json.format, "coroutine-playground-trace");
  const chrome = await downloaded("button.download-chrome");
  assert.equal(chrome.name, "trace.perfetto.json");
  const tracks = chrome.json.traceEvents.filter((e) => e.ph === "M").map((e) => e.args.name);
  assert.deepEqual(tracks, ["loop", ...new Set(trace.json.events.map((e) => e.task).filter((task) => task !== "loop"))]);
  const instants = chrome.json.traceEvents.filter((e) => e.ph === "i");
  assert.equal(instants.length, trace.json.events.length, "an instant per event of the run");
}

test("the Orders tab compares a run with the prediction the worker makes", async () => {
  const { page, errors } = await open(ctx.browser, `${ctx.site.url}#example/gather-vs-wait`);
  await page.getByRole("tab", { name: "Orders" }).click();
  await page.getByRole("button", { name: "Show the prediction" }).click();
  const predictedStarts = page.locator("ol.predicted").first().locator("li");
  await predictedStarts.first().waitFor();
  assert.deepEqual(await predictedStarts.allTextContents(), Array.from({ length: 10 }, (_, i) => `num${i}`));
  assert.match(await page.locator(".orders-panel").textContent(), /Press Run to see the order tasks start/);
  assert.equal(await page.locator(".totals").count(), 0, "no totals before a run");
  await pickScale(page, 0.25);
  await page.locator("button.run").click();
  await finished(page);
  assert.match(await page.locator(".totals").textContent(), /Total time\d+ ms/);
  assert.equal(await page.locator(".orders-panel .empty").count(), 0);
  assert.match(await page.locator(".finding").textContent(), /The run happened in the predicted order/);
  await assertTraceDownloads(page);
  await page.getByLabel("Program text").fill("task a\n  sleep x\n");
  assert.match(await page.locator(".finding").textContent(), /The run happened in the predicted order/, "the run is still compared with what it ran");
  await page.locator(`[data-preset="hello"]`).click();
  await page.getByLabel("Program text").fill("task a\n  sleep x\n");
  await page.locator("#program-error").waitFor();
  assert.equal(await page.locator("ol.predicted").count(), 0, "no prediction of a program that does not parse");
  assert.equal(await page.locator(".finding").count(), 0);
  assert.deepEqual(errors, []);
  await page.close();
});

test("screenshots at laptop and phone width, in both languages", async () => {
  for (const [name, viewport] of [["desktop", { width: 1280, height: 800 }], ["phone", { width: 390, height: 844 }]]) {
    for (const lang of ["en", "zh"]) {
      const { page, errors } = await open(ctx.browser, `${ctx.site.url}?lang=${lang}`, viewport);
      await page.locator('[data-preset="gather-vs-wait"]').click();
      await pickScale(page, 0.25);
      await page.locator("button.run").click();
      await page.locator("output.status", { hasText: lang === "en" ? "Finished" : "完成" }).waitFor({ timeout: 15_000 });
      await page.locator(".tabs button").nth(1).click();
      await page.locator(".finding").waitFor();
      await page.screenshot({ path: `${shotsDir}gather-vs-wait-${name}-${lang}.png`, fullPage: true });
      assert.deepEqual(errors, []);
      await page.close();
    }
  }
});

test("a run keeps the program it ran: after an edit, its comparison and trace are of that program, and the page says so", async () => {
  const { page, errors } = await open(ctx.browser, `${ctx.site.url}#example/hello`);
  const ran = await page.getByLabel("Program text").inputValue();
  await pickScale(page, 0.1);
  await page.locator("button.run").click();
  await finished(page);
  assert.equal(await page.locator(".stale").count(), 0);
  await page.getByLabel("Program text").fill(`${ran}\ntask added\n  print "not run yet"\n`);
  assert.equal(await page.locator(".stale").textContent(), "This run is of an earlier version of the program; press Run to run it as it is now.");
  assert.match(await ordersFinding(page), /The run happened in the predicted order/);
  await page.getByRole("tab", { name: "Orders" }).click();
  const [download] = await Promise.all([page.waitForEvent("download"), page.locator(".download-trace").click()]);
  const trace = JSON.parse(await (await import("node:fs/promises")).readFile(await download.path(), "utf8"));
  assert.equal(trace.program, ran, "the trace carries the program that ran");
  await page.locator("button.run").click();
  await finished(page);
  assert.equal(await page.locator(".stale").count(), 0, "a new run is of the program as it is");
  assert.deepEqual(errors, []);
  await page.close();
});

test("the Notes tab shows the preset's explanation, which the worker holds, in both languages", async () => {
  for (const [lang, tab, words] of [["en", "Notes", "Calling an async function only creates a coroutine object"], ["zh", "说明", "调用异步函数只会创建一个协程对象"]]) {
    const { page, errors } = await open(ctx.browser, `${ctx.site.url}?lang=${lang}#example/hello`);
    await page.getByRole("tab", { name: tab }).click();
    await page.locator(".notes p", { hasText: words }).waitFor({ timeout: 15_000 });
    assert.deepEqual(errors, []);
    await page.close();
  }
});

test("the Python tab shows the program as a script and its button copies it", async () => {
  const context = await ctx.browser.newContext({ locale: "en-US", permissions: ["clipboard-read", "clipboard-write"] });
  const page = await context.newPage();
  await page.goto(`${ctx.site.url}#example/hello-world`);
  await page.locator(".tabs").getByRole("tab", { name: "Python" }).click();
  const script = page.locator(".code pre");
  await script.filter({ hasText: "asyncio.run(main())" }).waitFor({ timeout: 15_000 });
  await page.getByRole("button", { name: "Copy" }).click();
  await page.getByRole("button", { name: "Copied" }).waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), await script.textContent());
  // Another program: the tab shows its script, and the button offers to copy again.
  await page.locator('[data-preset="hello"]').click();
  await script.filter({ hasText: "this is a coroutine" }).waitFor();
  await page.getByRole("button", { name: "Copy" }).waitFor();
  await context.close();
});
