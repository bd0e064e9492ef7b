// Boots the analysis worker: the wasm-bindgen glue, then its wasm.
importScripts("./analysis.js");
wasm_bindgen({ module_or_path: "./analysis_bg.wasm" });
