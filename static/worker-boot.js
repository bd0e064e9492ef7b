// Boots the offload pool's worker: the wasm-bindgen glue, then its wasm.
importScripts("./worker.js");
wasm_bindgen({ module_or_path: "./worker_bg.wasm" });
