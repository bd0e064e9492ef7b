"""Where the page's wasm bytes come from: groups `twiggy top -f csv` rows by origin.

Usage (after `cargo install twiggy`; `for_size` is in scripts/setup.sh):
    for_size cargo build --release --target wasm32-unknown-unknown --bin coroutine-playground
    wasm-bindgen --target web --out-dir target/sizes target/wasm32-unknown-unknown/release/coroutine-playground.wasm
    twiggy top -n 100000 -f csv target/sizes/coroutine-playground_bg.wasm | python3 bench/sizes.py

Sizes are of the wasm before wasm-opt, with function names (not counted).
"""
import collections
import csv
import re
import sys

GROUPS = {
    "std": ("core", "alloc", "std", "hashbrown", "talc", "f64", "char", "str", "u64", "usize", "T", "__rustc"),
    "yew": ("yew", "implicit_clone", "indexmap", "slab", "tracing"),
    "serde_json": ("serde_json", "serde_core", "zmij", "itoa", "ryu"),
    "miniz_oxide": ("miniz_oxide",),
    "bindings and futures": ("wasm_bindgen", "js_sys", "web_sys", "import", "export", "futures_util",
                             "futures_core", "gloo_timers", "console_error_panic_hook", "elem"),
}


def origin(name):
    """The group of a twiggy row: the crate (or, for ours, the module) that defines the function."""
    if "rodata" in name:
        return "data (.rodata: texts, tables)"
    ours = re.match(r"<?coroutine_playground(?:\[\w+\])?::(\w+)::", name)
    if ours:
        return "ours: " + ours.group(1)
    first = re.match(r"<?&?(?:mut )?(\w+)", name)
    crate = first.group(1) if first else name
    return next((group for group, crates in GROUPS.items() if crate in crates), "other")


sizes = collections.Counter()
for row in csv.DictReader(sys.stdin):
    if "function names" not in row["Name"]:
        sizes[origin(row["Name"])] += int(row["ShallowSize"])
total = sum(sizes.values())
for group, size in sizes.most_common():
    print(f"{size:8d} B {100 * size / total:5.1f} %  {group}")
print(f"{total:8d} B total")
