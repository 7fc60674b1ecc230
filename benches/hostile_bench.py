"""Time per megabyte of every hostile input of the robustness tests
(``tests/test_html.py``'s ``HOSTILE``, those of 10 KB and more), through
``unboil.clean_html``: each should stay well under a second per MB (the
work is linear and bounded).

    python benches/hostile_bench.py [--worst N]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))


def main() -> int:
    import unboil
    from test_html import HOSTILE

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--worst", type=int, default=len(HOSTILE), help="print the N slowest per MB (default all)")
    args = parser.parse_args()
    unboil.clean_html("<p>warm up</p>")  # the cleaner is compiled once, on first use
    rows = []
    for name, make in HOSTILE.items():
        content = make()
        if len(content) < 10_000:
            continue  # too small to time per megabyte: instant
        megabytes = len(content) / 1e6
        start = time.perf_counter()
        unboil.clean_html(content)
        seconds = time.perf_counter() - start
        rows.append((seconds / megabytes, name, megabytes, seconds))
    rows.sort(reverse=True)
    print(f"{'input':<28} {'MB':>7} {'seconds':>8} {'s/MB':>7}")
    for per_mb, name, megabytes, seconds in rows[: args.worst]:
        print(f"{name:<28} {megabytes:7.2f} {seconds:8.3f} {per_mb:7.3f}")
    print(f"worst: {rows[0][1]}, {rows[0][0]:.3f} s/MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
