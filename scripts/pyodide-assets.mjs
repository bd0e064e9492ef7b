// Copies the Python runtime (npm `pyodide`, pinned in package-lock.json) into the build's
// pyodide/ folder with its gzip and brotli copies and a manifest of its bytes, which the
// Python worker's progress bar counts against (docs/python-mode.md). Trunk runs it after each
// build, beside scripts/post-build.mjs (whose compressing leaves pyodide/ alone). Brotli at quality 11
// takes about 40 s for these 13 MB, so the copies are made once per Pyodide version and kept
// in target/.
import { copyFile, mkdir, readFile, stat, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const FILES = ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json"];
const source = "node_modules/pyodide";
const { version } = JSON.parse(await readFile(join(source, "package.json"), "utf8"));
const cache = join("target", `pyodide-${version}`);
const folder = join(process.env.TRUNK_STAGING_DIR ?? process.argv[2] ?? "dist", "pyodide");
await mkdir(cache, { recursive: true });
await mkdir(folder, { recursive: true });

const bytes = {};
for (const name of FILES) {
  const file = join(source, name);
  bytes[name] = (await stat(file)).size;
  if (!existsSync(join(cache, `${name}.br`))) {
    const body = await readFile(file);
    await writeFile(join(cache, `${name}.gz`), gzipSync(body, { level: 9 }));
    await writeFile(
      join(cache, `${name}.br`),
      brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }),
    );
  }
  await copyFile(file, join(folder, name));
  await copyFile(join(cache, `${name}.gz`), join(folder, `${name}.gz`));
  await copyFile(join(cache, `${name}.br`), join(folder, `${name}.br`));
}
const total = Object.values(bytes).reduce((sum, n) => sum + n, 0);
await writeFile(join(folder, "manifest.json"), JSON.stringify({ version, bytes, total }));
