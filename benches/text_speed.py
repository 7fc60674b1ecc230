"""Speed and memory of the text cleaner, single thread.

Times ``clean_text`` over every text of ``../shared/bench/scrapinghub/text``
and ``text-fragmented`` (several passes, median reported), beside a
plain-Python yardstick in the same run: split lines and test each with one
compiled regex. Prints MB/s of input, the ratio, and the peak RSS.

    python benches/text_speed.py [--passes N]
"""

from __future__ import annotations

import argparse
import re
import resource
import statistics
import sys
import time
from typing import Callable

from text_quality import SETS, load_set

_YARDSTICK = re.compile(r"share|cookie|subscribe|comment|advertisement", re.IGNORECASE)


def yardstick(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not _YARDSTICK.search(line))


def timed(fn: Callable[[str], str], texts: list[str], passes: int) -> float:
    runs = []
    for _ in range(passes):
        start = time.perf_counter()
        for text in texts:
            fn(text)
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def main() -> int:
    import unboil

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--passes", type=int, default=7)
    args = parser.parse_args()
    cleaner = unboil.Cleaner()
    print(f"{'set':<16} {'MB':>6} {'unboil MB/s':>12} {'yardstick MB/s':>15} {'ratio':>6}")
    for name in SETS:
        texts = list(load_set(name).values())
        megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
        ours = timed(cleaner.clean_text, texts, args.passes)
        theirs = timed(yardstick, texts, args.passes)
        print(f"{name:<16} {megabytes:6.2f} {megabytes / ours:12.1f} {megabytes / theirs:15.1f} {theirs / ours:6.2f}")
    # Cost growth: one text made of every benchmark text, then ten of those.
    whole = "\n\n".join(load_set("text").values())
    print(f"{'input':<16} {'MB':>6} {'seconds':>8} {'x previous':>10}")
    previous = None
    for copies in (1, 10):
        text = "\n\n".join([whole] * copies)
        seconds = timed(cleaner.clean_text, [text], 3)
        growth = f"{seconds / previous:10.1f}" if previous else f"{'':>10}"
        print(f"{f'{copies}x all texts':<16} {len(text.encode()) / 1e6:6.1f} {seconds:8.3f} {growth}")
        previous = seconds
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of this run: {peak:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
