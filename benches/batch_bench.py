"""Throughput of many pages at once: ``clean_batch`` (a list, one native
call) and ``clean_many`` (a generator, read in chunks) on 1, 2, ... threads.

Cleans the 181 benchmark pages (``../shared/bench/scrapinghub/html``, raw
bytes, read into memory first) ``--copies`` times over with each thread
count, several passes interleaved, and prints the median pages/s and the
scaling from 1 thread (the issue's bar: at least 0.85 x N on N cores).

    python benches/batch_bench.py [--passes N] [--copies N] [--threads 1,2,4]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable

from html_bench import page_copies


def main() -> int:
    import unboil

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--passes", type=int, default=5)
    parser.add_argument("--copies", type=int, default=3, help="times each page is cleaned a pass")
    cores = os.cpu_count() or 1
    default = ",".join(str(n) for n in (1, 2, 4, 8, 16) if n <= cores) or "1"
    parser.add_argument("--threads", default=default, help=f"comma-separated thread counts (default {default})")
    args = parser.parse_args()
    counts = [int(n) for n in args.threads.split(",")]
    pages = list(page_copies(args.copies).values())
    ways: dict[str, Callable[[int], list[object]]] = {
        "clean_batch": lambda n: unboil.clean_batch(pages, threads=n),
        "clean_many": lambda n: list(unboil.clean_many(iter(pages), threads=n)),
    }
    runs: dict[tuple[str, int], list[float]] = {(way, n): [] for way in ways for n in counts}
    for _ in range(args.passes):
        for way, run in ways.items():
            for n in counts:
                start = time.perf_counter()
                results = run(n)
                runs[way, n].append(time.perf_counter() - start)
                assert len(results) == len(pages)
    megabytes = sum(map(len, pages)) / 1e6
    print(f"{len(pages)} pages, {megabytes:.1f} MB, median of {args.passes} interleaved passes, {cores} cores")
    print(f"{'how':<12} {'threads':>7} {'pages/s':>9} {'MB/s':>7} {'x 1 thread':>10} {'/ threads':>9}")
    for way in ways:
        base = statistics.median(runs[way, counts[0]])
        for n in counts:
            seconds = statistics.median(runs[way, n])
            scale = base / seconds
            print(f"{way:<12} {n:>7} {len(pages) / seconds:9.1f} {megabytes / seconds:7.1f} {scale:10.2f} {scale / n:9.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
