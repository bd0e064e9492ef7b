// Share links: the round trip, bad links, back/forward, and the query options.
import { test } from "node:test";
import assert from "node:assert/strict";
import { assertCleanLoad, finished, open, shotsDir, useSite, watchProblems } from "./harness.mjs";

const ctx = useSite();

test("an edited program shared as a link opens the same program", async () => {
  const { page } = await open(ctx.browser, `${ctx.site.url}#example/chain`);
  const program = "title \"Mine\"\nrun race\n\ntask a x3\n  sleep 100-10*{i}\n  return \"{i}\"\n";
  await page.getByLabel("Program text").fill(program);
  await page.getByRole("button", { name: "Share" }).click();
  const link = await page.getByLabel("Link to this program").inputValue();
  assert.match(link, /#code\/v1\./);
  const { page: other, errors } = await open(ctx.browser, link);
  assert.equal(await other.getByLabel("Program text").inputValue(), program);
  assert.deepEqual(errors, []);
  await page.locator('[data-preset="hello"]').click();
  assert.match(page.url(), /#example\/hello$/);
  await page.goBack();
  await page.waitForFunction(() => document.querySelector("textarea").value.includes("Mine"));
  await page.goBack();
  await page.waitForFunction(() => document.querySelector("textarea").value.includes("An await chain"));
  await page.close();
  await other.close();
});

test("where the browser cannot deflate, the link carries the text as #src and opens the same program", async () => {
  const page = await ctx.browser.newPage({ locale: "en-US" });
  await page.addInitScript(() => delete window.CompressionStream);
  const problems = watchProblems(page);
  await page.goto(`${ctx.site.url}#example/chain`);
  await assertCleanLoad(page, problems);
  const program = "task a\n  print \"50% 你好 & more\"\n";
  await page.getByLabel("Program text").fill(program);
  await page.waitForFunction(() => location.hash.startsWith("#src/"));
  await page.getByRole("button", { name: "Share" }).click();
  const link = await page.getByLabel("Link to this program").inputValue();
  assert.match(link, /#src\//);
  const { page: other, errors } = await open(ctx.browser, link);
  assert.equal(await other.getByLabel("Program text").inputValue(), program);
  assert.deepEqual(errors, []);
  await page.close();
  await other.close();
});

test("bad links show what is wrong and the default demo", async () => {
  const cases = [
    ["#example/nope", /names a demo that does not exist: "nope"/],
    ["#code/v1.@@@not-base64", /damaged/],
    ["#code/v1.AAAA", /damaged/],
    ["#code/v7.abc", /newer version/],
    [`#code/v1.${"A".repeat(8100)}`, /too long/],
    ["#src/%FF%FE", /not valid percent-encoded/],
    ["#mystery", /not a playground link/],
  ];
  for (const [hash, message] of cases) {
    const { page, errors } = await open(ctx.browser, `${ctx.site.url}${hash}`);
    assert.match(await page.getByRole("alert").textContent(), message, hash);
    assert.match(await page.getByLabel("Program text").inputValue(), /task hello x4/, hash);
    assert.deepEqual(errors, [], hash);
    await page.close();
  }
});

test("lang, view and autorun work together with a hand-written #src link", async () => {
  const source = encodeURIComponent("task t x2\n  print \"来自链接 {i}\"\n");
  const { page } = await open(ctx.browser, `${ctx.site.url}?lang=zh&view=code&autorun=1#src/${source}`);
  await page.locator("output.status", { hasText: "完成" }).waitFor({ timeout: 10_000 });
  assert.match(await page.locator(".code pre").textContent(), /print\(f"来自链接 \{i\}"\)/);
  assert.equal(await page.locator(".tabs button.active").textContent(), "Python");
  await page.close();
});

test("a link that would hold the loop long neither freezes the page nor runs without a click", async () => {
  const long = encodeURIComponent("task t x3\n  block 5000\n");
  const { page, errors } = await open(ctx.browser, `${ctx.site.url}?autorun=1#src/${long}`);
  const notice = page.locator(".banner.notice");
  assert.equal(
    await notice.textContent(),
    "This link asks to run at once, but its program would hold the page for up to 15.0 s, so it waits for you: press Run to start it.",
  );
  assert.equal(await page.locator("output.status").textContent(), "Ready", "nothing ran");
  assert.ok(await page.getByRole("button", { name: "Run", exact: true }).isEnabled());

  const endless = encodeURIComponent("task t x10000\n  block 5000\n");
  await page.goto(`${ctx.site.url}?autorun=1#src/${endless}`);
  await page.reload();
  await page.locator("#program-error").waitFor();
  assert.match(
    await page.locator("#program-error").textContent(),
    /line 1, col 6: this program would hold the loop for 50000 s in all .*; the limit is 30 s/,
  );
  assert.ok(await page.getByRole("button", { name: "Run", exact: true }).isDisabled(), "a program over the limit cannot run");
  assert.deepEqual(errors, []);
  await page.close();
});
