// Replay and compare: stepping through a run and through the prediction, `?step=` links,
// a 10 000-event trace stepped in short frames, and pinned runs compared with their ratio.
import { test } from "node:test";
import assert from "node:assert/strict";
import { finished, open, shotsDir, useSite } from "./harness.mjs";

const ctx = useSite();

/** The replay's state on the page: the highlighted log line, the cursor's place, the line about the loop. */
function replayState(page) {
  return page.evaluate(() => {
    const selected = document.querySelector(".log-line.selected");
    const cursor = document.querySelector(".timeline-box .tl-cursor");
    const drawn = cursor && getComputedStyle(cursor).display !== "none";
    return {
      logTime: selected ? parseFloat(selected.querySelector(".time").textContent) : null,
      logTask: selected?.querySelector(".task").textContent ?? null,
      cursor: drawn ? cursor.getBoundingClientRect().left : null,
      line: document.querySelector(".loop-now")?.textContent ?? "",
    };
  });
}

/** Waits until the line about the loop names event `n` (counted from 1) and returns the replay's state. */
async function atEvent(page, n) {
  // The log scrolls to the step's line a frame after the step: wait for that line too.
  await page.waitForFunction(
    (n) => (document.querySelector(".loop-now")?.textContent ?? "").includes(`Event ${n} of`) && document.querySelector(".log-line.selected"),
    n,
  );
  return replayState(page);
}

test("stepping forward and back keeps the log, the timeline's cursor and the loop's line on one event", async () => {
  const { page, errors } = await open(ctx.browser, `${ctx.site.url}#example/hello-world`);
  await page.locator(".scale select").selectOption("0.1");
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await finished(page);
  const next = page.getByRole("button", { name: "Next ▶" });
  await next.click();
  const first = await atEvent(page, 1);
  assert.equal(first.logTask, "main");
  const seen = [first];
  for (let n = 2; n <= 6; n++) {
    await page.keyboard.press("ArrowRight");
    seen.push(await atEvent(page, n));
  }
  for (const state of seen) {
    assert.match(state.line, new RegExp(`${state.logTask}: `), "the line says the highlighted event");
  }
  assert.ok(seen.every((s) => s.cursor !== null), "the cursor is drawn at each step");
  assert.ok(seen.every((s, i) => i === 0 || s.cursor >= seen[i - 1].cursor), "the cursor moves right as time goes on");
  assert.match(seen[5].line, /Ready queue:/);
  await page.keyboard.press("ArrowLeft");
  const back = await atEvent(page, 5);
  assert.deepEqual(back, seen[4], "one step back is the step before");
  await page.keyboard.press("End");
  await page.waitForFunction(() => /Event (\d+) of \1\b/.test(document.querySelector(".loop-now")?.textContent ?? ""));
  // At the last event the row marks Next as going nowhere, and a press of it stays there.
  await page.waitForFunction(() => [...document.querySelectorAll(".replay button")].some((b) => b.textContent === "Next ▶" && b.getAttribute("aria-disabled") === "true"));
  const lastLine = await page.locator(".loop-now").textContent();
  // Playwright does not click a button marked aria-disabled: the click is the browser's.
  await next.dispatchEvent("click");
  await page.evaluate(() => new Promise(requestAnimationFrame));
  assert.equal(await page.locator(".loop-now").textContent(), lastLine);
  await page.keyboard.press("Home");
  await atEvent(page, 1);
  await page.getByRole("button", { name: "Next print" }).click();
  await page.waitForFunction(() => document.querySelector(".log-line.selected .what")?.classList.contains("print"));
  const printsBefore = await page.evaluate(() => {
    const lines = [...document.querySelectorAll(".log-line")];
    const at = lines.findIndex((line) => line.classList.contains("selected"));
    return lines.slice(0, at).filter((line) => line.querySelector(".what.print")).length;
  });
  assert.equal(printsBefore, 0, "Next print goes to the first print");

  // The slider goes to the last event at or before the time it points at.
  await page.locator(".replay-time").evaluate((slider) => {
    slider.value = slider.max;
    slider.dispatchEvent(new Event("input", { bubbles: true }));
  });
  await page.waitForFunction(() => /Event (\d+) of \1\b/.test(document.querySelector(".loop-now")?.textContent ?? ""));

  // With the log following one task, the steps go through its events only.
  await page.locator(".filter select").selectOption("hello2");
  const eventNumber = () => page.evaluate(() => Number(document.querySelector(".loop-now").textContent.match(/Event (\d+) of/)[1]));
  await page.locator(".replay").dispatchEvent("keydown", { key: "Home" });
  for (let n = 0; n < 3; n++) {
    // The log scrolls to the step's line a frame after the step: wait for both.
    await page.waitForFunction(() => document.querySelector(".loop-now")?.textContent.includes("hello2:") && document.querySelector(".log-line.selected"));
    assert.equal((await replayState(page)).logTask, "hello2");
    const at = await eventNumber();
    await page.getByRole("button", { name: "Next ▶" }).click();
    await page.waitForFunction((at) => !document.querySelector(".loop-now").textContent.includes(`Event ${at} of`), at);
  }
  assert.match(await page.locator(".replay-note").textContent(), /hello2 only/);
  assert.deepEqual(errors, []);
  await page.close();
});

test("the prediction can be stepped through without running, and ?step= opens a link there", async () => {
  const { page, errors } = await open(ctx.browser, `${ctx.site.url}#example/gather-vs-wait`);
  await page.getByRole("button", { name: "Step through the prediction" }).click();
  await atEvent(page, 1);
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), "Next ▶", "the focus is handed to Next");
  assert.match(await page.locator(".replay-note").textContent(), /nothing has run/);
  assert.equal(await page.locator("button.pin").count(), 0, "a prediction is not pinned");
  for (let n = 2; n <= 4; n++) {
    await page.keyboard.press("ArrowRight");
    await atEvent(page, n);
  }
  await page.getByRole("button", { name: "Share" }).click();
  const shared = await page.locator(".shared input").inputValue();
  assert.match(shared, /\?step=3#example\/gather-vs-wait$/);
  const opened = await open(ctx.browser, shared);
  const state = await atEvent(opened.page, 4);
  assert.equal(state.logTask, (await replayState(page)).logTask);
  assert.deepEqual(opened.errors, []);
  await opened.page.close();
  const zh = await open(ctx.browser, shared.replace("?step=3", "?lang=zh&step=9999"));
  await zh.page.waitForFunction(() => /事件 (\d+) \/ \1\b/.test(document.querySelector(".loop-now")?.textContent ?? ""));
  assert.match(await zh.page.locator(".loop-now").textContent(), /就绪队列/);
  assert.deepEqual(zh.errors, []);
  await zh.page.close();
  assert.deepEqual(errors, []);
  await page.close();
});

test("a 10 000-event trace is stepped in short frames, without rendering the whole log", async () => {
  const { page, errors } = await open(ctx.browser, ctx.site.url);
  await page.getByLabel("Program text").fill("run gather\n\ntask t x2500\n  print \"go\"\n  sleep 1\n");
  await page.getByRole("button", { name: "Step through the prediction" }).click();
  await atEvent(page, 1);
  const total = Number((await page.locator(".loop-now").textContent()).match(/of (\d+)/)[1]);
  assert.ok(total >= 10_000, `${total} events`);
  const measured = await page.evaluate(async () => {
    const times = [];
    const said = [];
    const lines = () => document.querySelectorAll(".log-line").length;
    const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
    let most = 0;
    for (let step = 0; step < 40; step++) {
      const started = performance.now();
      const group = document.querySelector(".replay");
      group.dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowRight", bubbles: true }));
      await frame();
      times.push(performance.now() - started);
      most = Math.max(most, lines());
      const want = `Event ${step + 2} of`;
      const waited = performance.now();
      while (!document.querySelector(".loop-now").textContent.includes(want)) {
        if (performance.now() - waited > 10_000) throw new Error(`no ${want}: ${document.querySelector(".loop-now").textContent}`);
        await frame();
      }
      said.push(performance.now() - started);
    }
    return { times: times.sort((a, b) => a - b), said: said.sort((a, b) => a - b), most };
  });
  const at = (q, times = measured.times) => times[Math.floor(q * (times.length - 1))];
  console.log(
    `10 000-event trace, one step to the next frame: median ${at(0.5).toFixed(1)} ms, max ${at(1).toFixed(1)} ms; ` +
      `to the worker's line about the loop: median ${at(0.5, measured.said).toFixed(1)} ms, max ${at(1, measured.said).toFixed(1)} ms; ${measured.most} log lines rendered`,
  );
  assert.ok(measured.most < 100, `the log renders the lines in view, not ${measured.most}`);
  // A long frame is one over 50 ms: nine steps in ten stay under it, with room for a busy machine.
  assert.ok(at(0.9) < 50, `nine steps in ten take under ${at(0.9)} ms to the next frame`);
  assert.deepEqual(errors, []);
  await page.close();
});

test("two pinned runs are compared on one axis, with their totals, ratio and orders", async () => {
  const { page, errors } = await open(ctx.browser, `${ctx.site.url}#example/hello-world`);
  const program = page.getByLabel("Program text");
  const tasks = "task a\n  sleep 300\n\ntask b\n  sleep 200\n\ntask c\n  sleep 100\n";
  await program.fill(`title "gather"\nrun gather\n\n${tasks}`);
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await finished(page);
  await page.getByRole("button", { name: "Pin this run" }).click();
  await page.locator(".gallery [data-preset='chain']").click();
  await program.fill(`title "sequential"\nrun sequential\n\n${tasks}`);
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await finished(page);
  await page.locator(".comparison").waitFor();
  const ratio = await page.locator(".comparison .ratio").textContent();
  const [, gather, sequential, times] = ratio.match(/gather: ([\d.]+) ms, sequential: ([\d.]+) ms — gather ([\d.]+)× faster/).map(Number);
  assert.ok(gather > 280 && sequential > 580, ratio);
  assert.ok(Math.abs(times - sequential / gather) < 0.2, `${times} is the ratio of ${sequential} to ${gather}`);
  assert.equal(await page.locator(".comparison figure.timeline").count(), 2, "a timeline per run");
  assert.ok((await page.locator(".comparison li.differs").count()) > 0, "the completion orders differ");
  await page.setViewportSize({ width: 1280, height: 1000 });
  await page.screenshot({ path: `${shotsDir}compare-laptop.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${shotsDir}compare-phone.png`, fullPage: true });
  await page.getByRole("button", { name: "Unpin gather" }).click();
  await page.locator(".tab-panel .empty").waitFor();
  assert.deepEqual(errors, []);
  await page.close();
});

test("the replay at laptop and phone width, in English and Chinese", async () => {
  for (const [lang, width, height] of [["en", 1280, 900], ["zh", 390, 844]]) {
    const { page, errors } = await open(ctx.browser, `${ctx.site.url}?lang=${lang}&step=5#example/create-task`, { width, height });
    await page.locator(".loop-now span").waitFor();
    await page.screenshot({ path: `${shotsDir}replay-${lang}-${width}.png`, fullPage: true });
    assert.deepEqual(errors, []);
    await page.close();
  }
});
