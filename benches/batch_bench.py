"""Throughput of ``unboil.clean_many`` with 1 and 2 threads.

Cleans the 181 benchmark pages (``../shared/bench/scrapinghub/html``, raw
bytes, read into memory first) ``--copies`` times over with each thread
count, several passes interleaved, and prints the median pages/s and the
scaling from 1 thread to the most.

    python benches/batch_bench.py [--passes N] [--copies N] [--threads 1,2]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time

from html_bench import page_copies


def main() -> int:
    import unboil

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--passes", type=int, default=5)
    parser.add_argument("--copies", type=int, default=3, help="times each page is cleaned a pass")
    parser.add_argument("--threads", default="1,2", help="comma-separated thread counts")
    args = parser.parse_args()
    counts = [int(n) for n in args.threads.split(",")]
    pages = list(page_copies(args.copies).values())
    runs: dict[int, list[float]] = {n: [] for n in counts}
    for _ in range(args.passes):
        for n in counts:
            start = time.perf_counter()
            results = unboil.clean_batch(pages, threads=n)
            runs[n].append(time.perf_counter() - start)
            assert len(results) == len(pages)
    megabytes = sum(map(len, pages)) / 1e6
    print(f"{len(pages)} pages, {megabytes:.1f} MB, median of {args.passes} interleaved passes")
    print(f"{'threads':>7} {'pages/s':>9} {'MB/s':>7} {'x 1 thread':>10}")
    base = statistics.median(runs[counts[0]])
    for n in counts:
        seconds = statistics.median(runs[n])
        print(f"{n:>7} {len(pages) / seconds:9.1f} {megabytes / seconds:7.1f} {base / seconds:10.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
