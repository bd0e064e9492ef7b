// Starts the playground (the wasm-bindgen glue, then its wasm; no inline script, for the CSP),
// and shows a banner with a reload link instead of a blank or frozen page when it cannot start
// or its wasm stops on a bug (a panic aborts as a WebAssembly.RuntimeError); an embedded page
// also tells its host, once.

const query = new URLSearchParams(location.search);

/** The page's language: `?lang=`, else the one the app shows, else the browser's before the app has drawn. */
function inChinese() {
  const drawn = document.querySelector(".page") !== null;
  const lang = query.get("lang") ?? (drawn ? document.documentElement.lang : navigator.language);
  return lang.toLowerCase().startsWith("zh");
}

const SAID = {
  load: { en: (d) => `The playground could not load (${d}). `, zh: (d) => `协程游乐场没能加载（${d}）。`, host: (d) => `the page could not load (${d})` },
  bug: {
    en: (d) => `The playground stopped because of a bug (${d}). `,
    zh: (d) => `协程游乐场因程序错误而停止（${d}）。`,
    host: (d) => `the page stopped because of a bug (${d})`,
  },
};

/** Shows the banner and posts `coroutine-playground:error` to a host page, the first time only. */
function stopped(what, detail) {
  if (document.getElementById("crash")) return;
  const zh = inChinese();
  const banner = document.createElement("div");
  banner.id = "crash";
  banner.className = "crash";
  banner.setAttribute("role", "alert");
  const reload = document.createElement("a");
  reload.href = location.href;
  reload.textContent = zh ? "重新加载页面" : "Reload the page";
  reload.addEventListener("click", (event) => {
    event.preventDefault();
    location.reload();
  });
  banner.append(SAID[what][zh ? "zh" : "en"](detail), reload);
  document.body.prepend(banner);
  if (/^(1|true)$/.test(query.get("embed") ?? "") && window.parent !== window) {
    window.parent.postMessage({ type: "coroutine-playground:error", message: SAID[what].host(detail) }, "*");
  }
}

/** Whether `error` is the wasm stopping: a trap, which is what a panic is in this build. */
const isTrap = (error) => error instanceof WebAssembly.RuntimeError;

window.addEventListener("error", (event) => {
  if (isTrap(event.error)) stopped("bug", String(event.error));
});
window.addEventListener("unhandledrejection", (event) => {
  if (isTrap(event.reason)) stopped("bug", String(event.reason));
});
import("./coroutine-playground.js")
  .then((glue) => glue.default({ module_or_path: "./coroutine-playground_bg.wasm" }))
  .catch((error) => stopped("load", error?.message ?? String(error)));
