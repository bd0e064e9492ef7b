// The Python worker: CPython (Pyodide, self-hosted in ./pyodide/) and the
// playground's tracer (./python/), loaded when the page first runs Python,
// then one program run per worker. It posts typed messages only
// (docs/python-mode.md): progress, ready, batch, ended, failed.
import { loadPyodide } from "./pyodide/pyodide.mjs";

const BASE = new URL("./", self.location.href);
const TRACER = ["pg_trace.py", "pg_threads.py", "pg_web.py"];

// A run's waits hold this thread as CPython's loop holds its own: without
// spinning where the browser lets a worker wait on shared memory.
const waitCell = (() => {
  try {
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true });
    return new Int32Array(memory.buffer);
  } catch {
    return null;
  }
})();

function hold(seconds) {
  const ms = seconds * 1000;
  if (waitCell) {
    const end = performance.now() + ms;
    for (let left = ms; left > 0; left = end - performance.now()) Atomics.wait(waitCell, 0, 0, left);
    return;
  }
  const end = performance.now() + ms;
  while (performance.now() < end);
}

// The playground's own pages, for pg_web's aiohttp, requests and bs4.
function fetchPage(path) {
  const request = new XMLHttpRequest();
  request.open("GET", new URL(path, BASE), false);
  try {
    request.send();
  } catch {
    return [0, ""];
  }
  return [request.status, request.responseText];
}

// Counts the bytes of the runtime's files as they arrive.
async function withProgress(total) {
  let loaded = 0;
  const plainFetch = self.fetch.bind(self);
  self.fetch = async (input, init) => {
    const response = await plainFetch(input, init);
    if (!response.ok || !response.body) return response;
    const counted = response.body.pipeThrough(
      new TransformStream({
        transform(chunk, controller) {
          loaded += chunk.byteLength;
          postMessage({ kind: "progress", loaded: Math.min(loaded, total), total });
          controller.enqueue(chunk);
        },
      }),
    );
    return new Response(counted, { status: response.status, headers: response.headers });
  };
  return () => {
    self.fetch = plainFetch;
  };
}

async function start() {
  const manifest = await (await fetch(new URL("pyodide/manifest.json", BASE))).json();
  postMessage({ kind: "progress", loaded: 0, total: manifest.total });
  const restore = await withProgress(manifest.total);
  const pyodide = await loadPyodide({ indexURL: new URL("pyodide/", BASE).href, packages: [] });
  restore();
  for (const name of TRACER) {
    const text = await (await fetch(new URL(`python/${name}`, BASE))).text();
    pyodide.FS.writeFile(`/home/pyodide/${name}`, text);
  }
  pyodide.registerJsModule("pg_host", {
    hold,
    fetch_page: (path) => fetchPage(path),
    emit: (batch) => {
      const { events, output } = JSON.parse(batch);
      postMessage({ kind: "batch", events, output });
    },
  });
  pyodide.runPython(
    "import sys, json\nsys.path.insert(0, '/home/pyodide')\nimport pg_trace, pg_host",
  );
  postMessage({ kind: "progress", loaded: manifest.total, total: manifest.total });
  postMessage({ kind: "ready" });
  return pyodide;
}

const describe = (error) => String(error && error.message ? error.message : error);
let loadError = null;
const loading = start().catch((error) => {
  loadError = describe(error);
  postMessage({ kind: "failed", message: loadError });
  return null;
});

self.onmessage = async ({ data }) => {
  if (!data || data.kind !== "run" || typeof data.source !== "string") return;
  const pyodide = await loading;
  if (!pyodide) {
    // Said again for the run: the page may have heard the first one as a spare's.
    postMessage({ kind: "failed", message: loadError });
    return;
  }
  const run = pyodide.runPython(
    `def run(source, virtual, trace):
    def emit(events, output):
        pg_host.emit(json.dumps({"events": events, "output": output}))
    def fetch(path):
        status, text = pg_host.fetch_page(path)
        return status, text
    return json.dumps(pg_trace.run_program(source, emit=emit, hold=pg_host.hold, fetch=fetch, virtual=virtual, trace=trace))
run`,
  );
  try {
    const ended = JSON.parse(run(data.source, Boolean(data.virtual), data.trace !== false));
    postMessage({ kind: "ended", ...ended });
  } catch (error) {
    postMessage({ kind: "failed", message: describe(error) });
  } finally {
    run.destroy();
  }
};
