"""Runs a Python file under the playground's tracer with this machine's CPython.

Usage: run_traced.py FILE EVENTS_JSON [--virtual | --coarse]; --coarse reads the wall
clock to the millisecond, coarser than a browser's (100 µs). The program's output goes
to stdout and stderr as it would untraced; the events, the notes (in English and
Chinese) and how the run ended go to EVENTS_JSON. tests/python_mode.rs compares the
output with plain `python3 FILE` and reads the events as the page does.
"""

import json
import os
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "static", "python"))

import pg_trace  # noqa: E402

SITE = os.path.join(ROOT, "static")


def fetch(path):
    try:
        with open(os.path.join(SITE, path), encoding="utf-8") as page:
            return 200, page.read()
    except OSError:
        return 404, "Not Found"


def main():
    source_path, events_path = sys.argv[1], sys.argv[2]
    virtual = "--virtual" in sys.argv
    resolution = 0.001 if "--coarse" in sys.argv else 0.0
    out, err = sys.stdout, sys.stderr
    events = []
    notes = []

    def emit(batch, output):
        events.extend(batch)
        for stream, *text in output:
            if stream == "stdout":
                out.write(text[0])
            elif stream == "stderr":
                err.write(text[0])
            else:
                notes.append(text)

    with open(source_path, encoding="utf-8") as source:
        code = source.read()
    sleep = time.sleep
    ended = pg_trace.run_program(code, emit=emit, hold=sleep, fetch=fetch, virtual=virtual, filename=source_path, resolution=resolution)
    out.flush()
    with open(events_path, "w", encoding="utf-8") as file:
        json.dump({"ended": ended, "events": events, "notes": notes}, file, ensure_ascii=False)
    sys.exit(ended["exit_code"])


main()
