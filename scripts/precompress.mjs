// Writes a gzip (`.gz`, level 9) and a brotli (`.br`, quality 11) copy beside each text and wasm
// file of a built dist/, for static hosts that serve precompressed files (README, "Static hosting").
// scripts/post-build.mjs runs it after each build (Trunk.toml), on trunk's staging folder. The Python runtime's
// folder, pyodide/, brings its own copies (scripts/pyodide-assets.mjs).
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const COMPRESSED = /\.(html|js|wasm|css|svg|json)$/;

/** Every file below `folder` whose name COMPRESSED matches. */
async function files(folder) {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && COMPRESSED.test(e.name) && !e.parentPath.split(/[\\/]/).includes("pyodide"))
    .map((e) => join(e.parentPath, e.name));
}

const folder = process.env.TRUNK_STAGING_DIR ?? process.argv[2] ?? "dist";
for (const file of await files(folder)) {
  const body = await readFile(file);
  await writeFile(`${file}.gz`, gzipSync(body, { level: 9 }));
  await writeFile(
    `${file}.br`,
    brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }),
  );
}
