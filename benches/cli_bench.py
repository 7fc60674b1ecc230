"""Throughput of the ``unboil`` command with 1 and 2 jobs.

Writes the 181 benchmark pages (``../shared/bench/scrapinghub/html``) to a
temporary directory, once as files and once as a JSON Lines file
(``{"id", "html"}`` per page), then times ``unboil -j N DIR`` and
``unboil --jsonl -j N FILE`` as whole commands (start-up included), median
of several runs, and prints pages/s and the scaling from 1 job to 2.

    python benches/cli_bench.py [--runs N]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from html_bench import load_pages
from text_quality import load_truth


def timed(command: list[str], runs: int) -> float:
    seconds = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        seconds.append(time.perf_counter() - start)
    return statistics.median(seconds)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    pages = load_pages(load_truth())
    unboil = [sys.executable, "-m", "unboil.cli"]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "pages"
        folder.mkdir()
        for doc, page in pages.items():
            (folder / f"{doc}.html").write_bytes(page)
        jsonl = Path(tmp) / "pages.jsonl"
        with open(jsonl, "w", encoding="utf-8") as handle:
            for doc, page in pages.items():
                handle.write(json.dumps({"id": doc, "html": page.decode("utf-8", "replace")}) + "\n")
        print(f"{len(pages)} pages; median of {args.runs} runs of the whole command")
        print(f"{'input':<8} {'jobs':>4} {'pages/s':>9} {'x 1 job':>8}")
        for name, target in (("files", [str(folder)]), ("jsonl", ["--jsonl", str(jsonl)])):
            base = None
            for jobs in (1, 2):
                seconds = timed([*unboil, "-j", str(jobs), *target], args.runs)
                base = base or seconds
                print(f"{name:<8} {jobs:>4} {len(pages) / seconds:9.1f} {base / seconds:8.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
