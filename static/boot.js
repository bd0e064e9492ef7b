// Starts the playground (glue, then wasm; no inline script, for the CSP). If it cannot load, or the
// wasm traps (a panic aborts as a WebAssembly.RuntimeError), a banner offers a reload; an embed tells its host once.
const query = new URLSearchParams(location.search);

// `?lang=`, else the language the app shows, else the browser's before the app has drawn.
function inChinese() {
  const lang = query.get("lang") ?? (document.querySelector(".page:not(#first-paint)") ? document.documentElement.lang : navigator.language);
  return lang.toLowerCase().startsWith("zh");
}

const embedded = /^(1|true)$/.test(query.get("embed") ?? "");

// index.html's first paint (the default demo, Run not yet working) shows in the page's language
// until the app has drawn itself, or a banner says why it cannot; not for a link to another
// program, nor in an embed, whose page looks otherwise.
document.documentElement.lang = inChinese() ? "zh-CN" : "en";
const endFirstPaint = () => document.getElementById("first-paint")?.remove();
if (location.hash.length > 1 || embedded) endFirstPaint();

const SAID = {
  load: [(d) => `The playground could not load (${d}). `, (d) => `协程游乐场没能加载（${d}）。`, (d) => `the page could not load (${d})`],
  bug: [(d) => `The playground stopped because of a bug (${d}). `, (d) => `协程游乐场因程序错误而停止（${d}）。`, (d) => `the page stopped because of a bug (${d})`],
};

function stopped(what, detail) {
  if (document.getElementById("crash")) return;
  endFirstPaint();
  const [en, zh, host] = SAID[what];
  const chinese = inChinese();
  const banner = document.createElement("div");
  banner.id = "crash";
  banner.className = "crash";
  banner.setAttribute("role", "alert");
  const reload = document.createElement("a");
  reload.href = location.href;
  reload.textContent = chinese ? "重新加载页面" : "Reload the page";
  reload.onclick = (event) => {
    event.preventDefault();
    location.reload();
  };
  banner.append((chinese ? zh : en)(detail), reload);
  document.body.prepend(banner);
  if (embedded && window.parent !== window) {
    window.parent.postMessage({ type: "coroutine-playground:error", message: host(detail) }, "*");
  }
}

const isTrap = (error) => error instanceof WebAssembly.RuntimeError;
addEventListener("error", (event) => isTrap(event.error) && stopped("bug", String(event.error)));
addEventListener("unhandledrejection", (event) => isTrap(event.reason) && stopped("bug", String(event.reason)));
// The panels' styles are not needed for the first paint: they load once the page has started.
const addPanelStyles = () => document.head.append(Object.assign(document.createElement("link"), { rel: "stylesheet", href: "./panels.css" }));

// The views the page loads the first time one is shown (src/ui/on_demand.rs): their module, started.
globalThis.loadOnDemandViews = () =>
  import("./on_demand.js").then(async (views) => {
    await views.default({ module_or_path: "./on_demand_bg.wasm" });
    return views;
  });

import("./coroutine-playground.js")
  .then((glue) => glue.default({ module_or_path: "./coroutine-playground_bg.wasm" }))
  .then(endFirstPaint)
  .then(addPanelStyles)
  .catch((error) => stopped("load", error?.message ?? String(error)));
