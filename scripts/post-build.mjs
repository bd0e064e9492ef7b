// Trunk's hook after each build, on its staging folder: shortens the names each wasm shares with
// its glue, then writes the compressed copies of every file, in that order (Trunk.toml).
await import("./minify-names.mjs");
await import("./precompress.mjs");
