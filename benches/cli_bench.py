"""Throughput of the ``unboil`` command with 1 and 2 jobs.

Writes the 181 benchmark pages (``../shared/bench/scrapinghub/html``),
``--copies`` times over, to a temporary directory, as files, as a JSON Lines file (``{"id", "html"}``
per page) and as a gzipped WARC file (one response record per page), then
times ``unboil -j N DIR``, ``unboil --jsonl -j N FILE`` and
``unboil warc -j N FILE`` as whole commands
(start-up included: about a quarter of a second, which one copy of the
pages does not hide), median of several runs, and prints pages/s, MB/s of
input and the scaling from 1 job to 2.

``--pool`` times the worker pool alone instead, in this process (no
start-up): the files through ``unboil._procs.ordered_map`` with 1 and 2 jobs.

    python benches/cli_bench.py [--runs N] [--copies N] [--pool]
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from html_bench import page_copies


def warc_record(uri: str, page: bytes) -> bytes:
    """A gzip member holding one WARC response record of ``page``."""
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + page
    head = (
        f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2024-01-01T00:00:00Z\r\n"
        f"WARC-Record-ID: <urn:uuid:{uri}>\r\nContent-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(http)}\r\n\r\n"
    )
    return gzip.compress(head.encode() + http + b"\r\n\r\n", compresslevel=1)


def timed(command: list[str], runs: int) -> float:
    seconds = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        seconds.append(time.perf_counter() - start)
    return statistics.median(seconds)


def pool_only(files: list[Path], runs: int, megabytes: float) -> int:
    import functools

    from unboil import _procs, cli
    from unboil.options import Options

    work = functools.partial(cli._clean_file, cli._FileJob("text", "auto", False))
    items = [(str(path), None) for path in files]
    seconds: dict[int, list[float]] = {1: [], 2: []}
    for _ in range(runs):
        for jobs in seconds:
            start = time.perf_counter()
            results = list(_procs.ordered_map(work, items, jobs, Options()))
            seconds[jobs].append(time.perf_counter() - start)
            assert len(results) == len(items) and all(isinstance(r, str) for r in results)
    print(f"{len(items)} files, {megabytes:.1f} MB; the pool alone, median of {runs} interleaved runs")
    print(f"{'jobs':>4} {'pages/s':>9} {'MB/s':>7} {'x 1 job':>8}")
    base = statistics.median(seconds[1])
    for jobs, times in seconds.items():
        median = statistics.median(times)
        print(f"{jobs:>4} {len(items) / median:9.1f} {megabytes / median:7.1f} {base / median:8.2f}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--copies", type=int, default=1, help="times each page is in the input")
    parser.add_argument("--pool", action="store_true", help="time the worker pool alone, in this process")
    args = parser.parse_args()
    pages = page_copies(args.copies)
    megabytes = sum(map(len, pages.values())) / 1e6
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
        if args.pool:
            return pool_only(sorted(folder.iterdir()), args.runs, megabytes)
        warc = Path(tmp) / "pages.warc.gz"
        warc.write_bytes(b"".join(warc_record(f"https://example.org/{doc}", page) for doc, page in pages.items()))
        print(f"{len(pages)} pages, {megabytes:.1f} MB; median of {args.runs} runs of the whole command")
        print(f"{'input':<8} {'jobs':>4} {'pages/s':>9} {'MB/s':>7} {'x 1 job':>8}")
        commands = {
            "files": lambda jobs: [*unboil, "-j", jobs, str(folder)],
            "jsonl": lambda jobs: [*unboil, "--jsonl", "-j", jobs, str(jsonl)],
            "warc": lambda jobs: [*unboil, "warc", "-j", jobs, str(warc)],
        }
        for name, command in commands.items():
            base = None
            for jobs in (1, 2):
                seconds = timed(command(str(jobs)), args.runs)
                base = base or seconds
                print(f"{name:<8} {jobs:>4} {len(pages) / seconds:9.1f} {megabytes / seconds:7.1f} {base / seconds:8.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
