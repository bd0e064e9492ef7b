// Shortens the names of what a built wasm imports from its JavaScript glue: wasm-bindgen names
// each import `__wbg_<name>_<16 hex digits>`, written once in the wasm's import section and once
// in the glue's import object, where neither gzip nor brotli shrinks the hex (the page's 211
// imports: 3.1 KB of its wasm and 2.7 KB of its glue, gzipped). This renames each import in the
// wasm's import section (the module to `a`, the names to `a`, `b`, … `ab`, …) and the same keys
// of the glue, and fails the build if any import is left without its key. Exports keep their
// names: the glue reads them under a name terser chose. scripts/post-build.mjs runs it after
// each build, before scripts/precompress.mjs.
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";

/** Each wasm of the build with its glue. */
const BUILT = [
  ["coroutine-playground_bg.wasm", "coroutine-playground.js"],
  ["analysis_bg.wasm", "analysis.js"],
  ["offload_bg.wasm", "offload.js"],
  ["on_demand_bg.wasm", "on_demand.js"],
];

const IMPORT_SECTION = 2;

/** The `n`th short name: a … z, then ab, bb, … (letters only, so every one is a plain JS key). */
function shortName(n) {
  const letters = "abcdefghijklmnopqrstuvwxyz";
  let name = letters[n % 26];
  for (n = Math.floor(n / 26); n > 0; n = Math.floor(n / 26)) name += letters[n % 26];
  return name;
}

/** Reads a wasm binary: LEB128 numbers, names, and the bytes between two offsets. */
class Reader {
  constructor(bytes) {
    this.bytes = bytes;
    this.at = 0;
  }
  u32() {
    let value = 0;
    for (let shift = 0; ; shift += 7) {
      const byte = this.bytes[this.at++];
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return value;
    }
  }
  name() {
    const length = this.u32();
    const text = new TextDecoder().decode(this.bytes.subarray(this.at, this.at + length));
    this.at += length;
    return text;
  }
  /** Skips an import's description (the kinds of the wasm 2.0 spec and the exception tag). */
  skipDescription() {
    const kind = this.bytes[this.at++];
    const limits = () => {
      const flags = this.bytes[this.at++];
      this.u32();
      if (flags & 1) this.u32();
    };
    if (kind === 0) this.u32();
    else if (kind === 1) (this.at++, limits());
    else if (kind === 2) limits();
    else if (kind === 3) this.at += 2;
    else if (kind === 4) (this.at++, this.u32());
    else throw new Error(`an import of an unknown kind ${kind}`);
  }
}

/** `value` as unsigned LEB128. */
function leb(value) {
  const out = [];
  do {
    let byte = value & 0x7f;
    value = Math.floor(value / 128);
    if (value > 0) byte |= 0x80;
    out.push(byte);
  } while (value > 0);
  return out;
}

/** `text` as a wasm name: its length, then its UTF-8 bytes. */
function nameBytes(text) {
  const bytes = new TextEncoder().encode(text);
  return [...leb(bytes.length), ...bytes];
}

/** The wasm `bytes` with its imports renamed, and the names given: [module, name, short name]. */
function renameImports(bytes) {
  const reader = new Reader(bytes);
  reader.at = 8;
  const parts = [bytes.subarray(0, 8)];
  const renamed = [];
  while (reader.at < bytes.length) {
    const start = reader.at;
    const id = bytes[reader.at++];
    const size = reader.u32();
    const end = reader.at + size;
    if (id !== IMPORT_SECTION) {
      parts.push(bytes.subarray(start, end));
      reader.at = end;
      continue;
    }
    const count = reader.u32();
    const body = [...leb(count)];
    for (let n = 0; n < count; n++) {
      const module = reader.name();
      const name = reader.name();
      const description = reader.at;
      reader.skipDescription();
      renamed.push([module, name, shortName(n)]);
      body.push(...nameBytes("a"), ...nameBytes(shortName(n)), ...bytes.subarray(description, reader.at));
    }
    if (reader.at !== end) throw new Error("the import section is longer than its imports");
    parts.push(Uint8Array.from([IMPORT_SECTION, ...leb(body.length), ...body]));
  }
  return { wasm: Buffer.concat(parts), renamed };
}

/** Renames the imports of `wasmFile` and the glue's keys for them in `folder`. */
async function minify(folder, wasmFile, glueFile) {
  const { wasm, renamed } = renameImports(new Uint8Array(await readFile(join(folder, wasmFile))));
  new WebAssembly.Module(wasm);
  const modules = new Set(renamed.map(([module]) => module));
  if (modules.size !== 1) throw new Error(`${wasmFile} imports from ${[...modules].join(", ")}, not from its glue alone`);
  let glue = await readFile(join(folder, glueFile), "utf8");
  const moduleKey = JSON.stringify([...modules][0]);
  if (glue.split(`${moduleKey}:`).length !== 2) throw new Error(`${glueFile} does not name ${moduleKey} once`);
  glue = glue.replace(`${moduleKey}:`, `"a":`);
  const missing = [];
  for (const [, name, short] of renamed) {
    const key = new RegExp(`(?<=[{,])${name.replace(/\$/g, "\\$")}(?=:)`);
    if (!key.test(glue)) missing.push(name);
    glue = glue.replace(key, short);
  }
  if (missing.length > 0) throw new Error(`${glueFile} has no key for ${wasmFile}'s imports ${missing.join(", ")}`);
  await writeFile(join(folder, glueFile), glue);
  await writeFile(join(folder, wasmFile), wasm);
}

const folder = process.env.TRUNK_STAGING_DIR ?? process.argv[2] ?? "dist";
for (const [wasmFile, glueFile] of BUILT) await minify(folder, wasmFile, glueFile);
