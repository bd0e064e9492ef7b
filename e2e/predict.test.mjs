// Predict mode: answer before the run, with the keyboard or by dragging; wrong answers say where
// they differ and why, the run then confirms; a host page gets each answer.
import { test } from "node:test";
import assert from "node:assert/strict";
import { assertCleanLoad, examplesDir, open, serveDir, shotsDir, useSite, watchProblems } from "./harness.mjs";

const ctx = useSite();

/** The fieldset of question `n` (from 1). */
const question = (page, n) => page.locator(".quiz .question").nth(n - 1);

/** Arranges question `n`'s lines into `wanted` with the move buttons, pressed from the keyboard. */
async function arrangeWithKeyboard(page, n, wanted) {
  for (let at = 0; at < wanted.length; at++) {
    for (;;) {
      const lines = await question(page, n).locator("li").evaluateAll((items) => items.map((li) => li.dataset.item));
      const from = lines.indexOf(wanted[at], at);
      if (from === at) break;
      await question(page, n).locator("li").nth(from).locator("button[data-move=up]").focus();
      await page.keyboard.press("Enter");
    }
  }
}

/** Checks the answers (with the button called `name`) and waits for question `n`'s verdict (its check counted once more), then for the run it starts to end. */
async function check(page, n, name = "Check and run") {
  const attempts = Number((await question(page, n).getAttribute("data-attempts")) ?? 0);
  await page.getByRole("button", { name }).click();
  await page.waitForFunction(
    ([n, count]) => document.querySelectorAll(".quiz .question")[n - 1]?.dataset.attempts === String(count),
    [n, attempts + 1],
  );
  await page.locator("button.stop:not([disabled])").waitFor();
  await page.locator("button.stop[disabled]").waitFor({ timeout: 15_000 });
  return question(page, n).locator(".verdict");
}

test("how long and in what order: a wrong answer says why, the run confirms, the right one is right", async () => {
  const { page, errors } = await open(ctx.browser, `${ctx.site.url}?mode=predict#example/hello-world`);
  await question(page, 2).waitFor();
  assert.match(await question(page, 1).locator("legend").textContent(), /How long does the run take/);
  await question(page, 1).locator("input").fill("12000");
  let verdict = await check(page, 1);
  assert.equal(await verdict.getAttribute("class"), "verdict wrong");
  assert.equal(await verdict.textContent(), "Shorter than that. The four sleeps wait at the same time.");
  const shuffled = question(page, 2).locator(".verdict");
  assert.equal(await shuffled.getAttribute("class"), "verdict wrong", "the lines as shown are not the answer");
  assert.match(await shuffled.textContent(), /^Line \d: you put “(hello|world) \d”; the run has “(hello|world) \d”\. Every hello prints before the first sleep ends\.$/);
  await question(page, 1).locator("input").fill("3000");
  const order = [0, 1, 2, 3].map((i) => `hello ${i}`).concat([0, 1, 2, 3].map((i) => `world ${i}`));
  await arrangeWithKeyboard(page, 2, order);
  assert.match(await question(page, 2).locator("[aria-live]").textContent(), /^(hello|world) \d moved to place \d$/, "a screen reader hears where the line went");
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.move), "up", "the focus stays on the button pressed");
  verdict = await check(page, 2);
  assert.equal(await verdict.getAttribute("class"), "verdict right");
  assert.equal(await question(page, 1).locator(".verdict").getAttribute("class"), "verdict right");
  assert.equal(await question(page, 1).getAttribute("data-attempts"), "2");
  await page.screenshot({ path: `${shotsDir}predict-desktop.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${shotsDir}predict-phone.png`, fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});

test("which finishes first and the result order, in Chinese, with a line dragged into place", async () => {
  const { page, errors } = await open(ctx.browser, `${ctx.site.url}?lang=zh&mode=predict#example/gather-vs-wait`, { width: 390, height: 844 });
  await question(page, 2).waitFor();
  await question(page, 1).locator("select").selectOption("num0");
  const verdict = await check(page, 1, "检查并运行");
  assert.match(await verdict.textContent(), /^不是 num0。睡眠最短的先结束/);
  await question(page, 1).locator("select").selectOption("num9");
  const wanted = Array.from({ length: 10 }, (_, i) => `num${i}`);
  const lines = question(page, 2).locator("li");
  const first = await lines.evaluateAll((items) => items.findIndex((li) => li.dataset.item === "num0"));
  if (first !== 0) await lines.nth(first).dragTo(lines.nth(0));
  assert.equal(await lines.first().getAttribute("data-item"), "num0", "the dragged line is first");
  await arrangeWithKeyboard(page, 2, wanted);
  await page.getByRole("button", { name: "检查并运行" }).click();
  await page.waitForFunction(() => document.querySelectorAll(".quiz .verdict.right").length === 2);
  await page.screenshot({ path: `${shotsDir}predict-zh-phone.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.screenshot({ path: `${shotsDir}predict-zh-desktop.png`, fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});

test("a challenge embedded on another origin posts each answer, and the host shows a score", async () => {
  const host = await serveDir(examplesDir);
  try {
    const page = await ctx.browser.newPage({ viewport: { width: 1000, height: 900 } });
    const problems = watchProblems(page);
    await page.goto(`${host.url}embed-host.html?app=${encodeURIComponent(ctx.site.url)}`);
    await page.waitForFunction(() => window.received.filter((m) => m.type === "coroutine-playground:ready").length === 2);
    await assertCleanLoad(page, problems);
    const challenge = page.frames().find((frame) => frame.url().includes("blocking-sleep"));
    assert.equal(await challenge.locator(".lints").count(), 0, "lints=0: no lint gives the answer away");
    await challenge.locator(".quiz input").fill("1000");
    await challenge.getByRole("button", { name: "Check and run" }).click();
    await page.waitForFunction(() => window.received.some((m) => m.type === "coroutine-playground:answer"));
    await challenge.locator(".quiz input").fill("4000");
    await challenge.getByRole("button", { name: "Check and run" }).click();
    await page.waitForFunction(() => window.received.filter((m) => m.type === "coroutine-playground:answer").length === 2, null, { timeout: 20_000 });
    const answers = await page.evaluate(() => window.received.filter((m) => m.type === "coroutine-playground:answer").map(({ frame, question, correct, attempts }) => ({ frame, question, correct, attempts })));
    assert.deepEqual(answers, [
      { frame: "second", question: 0, correct: false, attempts: 1 },
      { frame: "second", question: 0, correct: true, attempts: 2 },
    ]);
    assert.equal(await page.locator("#score").textContent(), "Score: 1 of 1 right (2 checks)");
    await page.screenshot({ path: `${shotsDir}predict-embed-host.png`, fullPage: true });
    await page.close();
  } finally {
    await host.close();
  }
});

test("the Embed dialog offers a challenge's options, and the challenge link opens locked, asking first", async () => {
  const { page, errors } = await open(ctx.browser, `${ctx.site.url}#example/call-soon`);
  await page.getByRole("button", { name: "Embed" }).click();
  for (const option of ["Ask for a prediction first", "Lock the program", "Hide the Python"]) {
    await page.getByLabel(option).check();
  }
  // The worker writes the dialog: the snippet follows each option once it answers.
  const snippetHas = (text, has = true) =>
    page.waitForFunction(([text, has]) => document.querySelector("textarea.snippet")?.value.includes(text) === has, [text, has]);
  await snippetHas("hide=code");
  const snippet = await page.locator("textarea.snippet").inputValue();
  const src = snippet.match(/src="([^"]+)"/)[1].replaceAll("&amp;", "&");
  assert.match(src, /\?embed=1&mode=predict&readonly=1&hide=code#example\/call-soon$/);
  await page.getByLabel("Lock the program").uncheck();
  await snippetHas("readonly", false);
  assert.doesNotMatch(await page.locator("textarea.snippet").inputValue(), /readonly/);

  const challenge = await open(ctx.browser, src.replace("embed=1&", ""));
  const { page: locked } = challenge;
  await locked.locator(".quiz .question").first().waitFor();
  assert.notEqual(await locked.getByLabel("Program text").getAttribute("readonly"), null, "the program is locked");
  assert.equal(await locked.locator(".view-switch").isVisible(), false, "no other view of a locked program");
  assert.equal(await locked.getByRole("tab", { name: "Python" }).isVisible(), false, "the Python is hidden");
  assert.equal(await locked.getByRole("tab", { name: "Orders" }).isVisible(), true);
  assert.match(await locked.locator(".quiz legend").first().textContent(), /When do the callbacks run/);
  assert.deepEqual(challenge.errors, []);
  assert.deepEqual(errors, []);
  await locked.close();
  await page.close();
});
