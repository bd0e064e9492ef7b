// One run of a program in the playground's page, measured as the benchmark
// and the side-by-side comparison both take it.

/**
 * Runs `source` in `page`: `main`'s total as the page reports it, and how
 * long after `main` ended the log and the timeline of the whole run were
 * shown and then painted.
 */
export async function appRun(page, source) {
  await page.getByLabel("Program text").fill(source);
  return page.evaluate(async () => {
    const status = document.querySelector("output.status");
    const done = () => /Finished in|main failed in/.test(status.textContent);
    const clicked = performance.now();
    document.querySelector("button.run").click();
    await new Promise((resolve) => {
      const observer = new MutationObserver(() => done() && (observer.disconnect(), resolve()));
      observer.observe(status, { childList: true, subtree: true, characterData: true });
    });
    // The worker has drawn the whole run once the screen reader's line holds its summary.
    const said = document.querySelector(".output p.sr-only[aria-live]");
    while (!/Start order/.test(said?.textContent ?? "")) await new Promise((resolve) => requestAnimationFrame(resolve));
    const shown = performance.now();
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const painted = performance.now();
    const total = Number(status.textContent.match(/(\d+) ms/)[1]);
    return { total, drawnAfterMs: painted - clicked - total, shownAfterMs: shown - clicked - total };
  });
}
