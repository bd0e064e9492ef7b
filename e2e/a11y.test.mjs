// Accessibility: axe-core (npm `axe-core`, injected into the page) finds no violation, at any
// impact, on the page's screens in both languages and both colour schemes.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { open, finished, useSite } from "./harness.mjs";

const ctx = useSite();
const axeSource = readFile(new URL("../node_modules/axe-core/axe.min.js", import.meta.url), "utf8");

/** axe's violations on the page now, one line each: rule, impact, how many nodes, the first node. */
async function violations(page) {
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(await axeSource);
  return page.evaluate(async () =>
    (await window.axe.run(document)).violations.map(
      (v) => `${v.id} (${v.impact}, ${v.nodes.length}): ${v.nodes[0].html.slice(0, 100)} ${v.nodes[0].failureSummary?.split("\n")[1] ?? ""}`,
    ),
  );
}

const SCHEMES = ["light", "dark"];

test("no axe violations after a run, on every tab, in the table and in the embed, in both languages and schemes", async () => {
  const found = [];
  for (const lang of ["en", "zh"]) {
    for (const colorScheme of SCHEMES) {
      const { page, errors } = await open(ctx.browser, `${ctx.site.url}?lang=${lang}#example/gather-vs-wait`);
      await page.emulateMedia({ colorScheme });
      const where = (screen) => `${lang} ${colorScheme} ${screen}`;
      found.push(...(await violations(page)).map((v) => `${where("before a run")}: ${v}`));
      await page.locator(".scale select").selectOption("0.1");
      await page.locator("button.run").click();
      await finished(page).catch(() => page.locator("output.status").filter({ hasText: /完成/ }).waitFor());
      for (const tab of await page.locator(".tabs [role=tab]").all()) {
        const name = await tab.textContent();
        await tab.click();
        await page.waitForFunction(() => !document.querySelector(".tab-panel [role=status]"));
        found.push(...(await violations(page)).map((v) => `${where(`tab ${name}`)}: ${v}`));
      }
      await page.locator(".view-switch [role=tab]").nth(1).click();
      await page.locator(".table-editor").waitFor();
      found.push(...(await violations(page)).map((v) => `${where("table")}: ${v}`));
      assert.deepEqual(errors, []);
      await page.close();
      const embed = await open(ctx.browser, `${ctx.site.url}?embed=1&lang=${lang}#example/hello-world`);
      await embed.page.emulateMedia({ colorScheme });
      found.push(...(await violations(embed.page)).map((v) => `${where("embed")}: ${v}`));
      await embed.page.close();
    }
  }
  assert.deepEqual(found, []);
});

test("no axe violations on a phone's replay and Compare tab, in predict mode, on a bad link's banner and in the Share and Embed dialogs", async () => {
  const found = [];
  for (const lang of ["en", "zh"]) {
    for (const colorScheme of SCHEMES) {
      const where = (screen) => `${lang} ${colorScheme} ${screen}`;
      const phone = await open(ctx.browser, `${ctx.site.url}?lang=${lang}#example/hello-world`, { width: 390, height: 844 });
      const page = phone.page;
      await page.emulateMedia({ colorScheme });
      await page.locator(".scale select").selectOption("0.1");
      await page.locator("button.run").click();
      await page.locator(".replay").getByRole("button", { name: /^(Next ▶|下一步 ▶)$/ }).click();
      await page.locator(".loop-now span").waitFor();
      found.push(...(await violations(page)).map((v) => `${where("phone replay")}: ${v}`));
      await page.locator(".replay .pin").click();
      await page.locator("button.run").click();
      await page.locator(".comparison").waitFor();
      found.push(...(await violations(page)).map((v) => `${where("phone compare")}: ${v}`));
      assert.deepEqual(phone.errors, []);
      await page.close();

      const laptop = await open(ctx.browser, `${ctx.site.url}?lang=${lang}&mode=predict#example/gather-vs-wait`);
      await laptop.page.emulateMedia({ colorScheme });
      await laptop.page.locator(".quiz .question").first().waitFor();
      found.push(...(await violations(laptop.page)).map((v) => `${where("predict mode")}: ${v}`));
      await laptop.page.close();

      const bad = await ctx.browser.newPage({ viewport: { width: 1280, height: 800 }, locale: "en-US", colorScheme });
      await bad.goto(`${ctx.site.url}?lang=${lang}#example/nope`);
      await bad.locator(".banner").waitFor();
      found.push(...(await violations(bad)).map((v) => `${where("bad link")}: ${v}`));
      await bad.locator(".embed-button").click();
      await bad.locator(".snippet").waitFor();
      await bad.locator("button.share:not(.embed-button)").click();
      await bad.locator(".shared input[readonly]").first().waitFor();
      found.push(...(await violations(bad)).map((v) => `${where("share and embed")}: ${v}`));
      await bad.close();
    }
  }
  assert.deepEqual(found, []);
});

test("no axe violations in Python mode: the Python view, a Python run's output and notes, and a Python error, in both languages and schemes", async () => {
  const python = "import asyncio, time\nfrom concurrent.futures import ThreadPoolExecutor\n\nasync def main():\n    loop = asyncio.get_running_loop()\n    print(await loop.run_in_executor(None, time.sleep, 0))\n    raise ValueError('shown in red')\n\nasyncio.run(main())\n";
  const found = [];
  for (const lang of ["en", "zh"]) {
    for (const colorScheme of SCHEMES) {
      const where = (screen) => `${lang} ${colorScheme} ${screen}`;
      const { page, errors } = await open(ctx.browser, `${ctx.site.url}?lang=${lang}#py/${encodeURIComponent(python)}`);
      await page.emulateMedia({ colorScheme });
      found.push(...(await violations(page)).map((v) => `${where("Python view")}: ${v}`));
      await page.locator("button.run").click();
      await page.locator(".python-output .console .stderr").waitFor({ timeout: 60_000 });
      await page.locator(".python-notes li").waitFor();
      found.push(...(await violations(page)).map((v) => `${where("Python run")}: ${v}`));
      assert.deepEqual(errors, []);
      await page.close();
    }
  }
  assert.deepEqual(found, []);
});
