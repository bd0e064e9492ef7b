// Starts the playground: the wasm-bindgen glue, then its wasm (no inline script, for the CSP).
import init from "./coroutine-playground.js";
init({ module_or_path: "./coroutine-playground_bg.wasm" });
