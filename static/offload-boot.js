// Boots a worker of the offload pool: the wasm-bindgen glue, then its small wasm.
importScripts("./offload.js");
wasm_bindgen({ module_or_path: "./offload_bg.wasm" });
