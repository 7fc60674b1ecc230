"""The overhead of the Spark and datatrove integrations.

Cleans the 181 benchmark pages (``../shared/bench/scrapinghub/html``, raw
bytes, in memory first, ``--copies`` times over) through each integration and through
``unboil.clean_batch`` directly, on the same cores, and prints the median
pages/s of ``--passes`` interleaved passes and each integration's share of
the direct speed:

- Spark: a DataFrame of the pages (binary column, cached) through
  ``clean_udf()`` on ``local[N]``, in ``--partitions`` partitions
  (default N), evaluated with a noop
  write; beside ``clean_batch(pages, threads=N)``;
- datatrove: the ``Unboil`` step's ``run`` over the pages as Documents
  (which sends each one to a sandbox process and back, as datatrove's
  extractors do); beside ``clean_batch(pages, threads=1)``.

A Spark job costs about 0.3 s on its own (scheduling, moving the pages
through Arrow to the Python workers), which 181 pages do not hide: more
copies show the share that remains at scale.

    python benches/integrations_bench.py [--passes N] [--cores N] [--partitions N] [--copies N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from typing import Callable

from html_bench import page_copies


def timed(runs: dict[str, list[float]], name: str, work: Callable[[], object]) -> None:
    start = time.perf_counter()
    work()
    runs.setdefault(name, []).append(time.perf_counter() - start)


def main() -> int:
    import unboil
    from datatrove.data import Document
    from datatrove.utils.logging import logger
    from pyspark.sql import SparkSession
    from unboil.integrations.datatrove import Unboil
    from unboil.integrations.spark import clean_udf

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--passes", type=int, default=5)
    parser.add_argument("--cores", type=int, default=2, help="Spark's local[N] and clean_batch's threads")
    parser.add_argument("--partitions", type=int, default=None, help="partitions of the pages (default: --cores)")
    parser.add_argument("--copies", type=int, default=1, help="times each page is in the input")
    args = parser.parse_args()
    pages = page_copies(args.copies)
    spark = (
        SparkSession.builder.master(f"local[{args.cores}]")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.ui.showConsoleProgress", "false")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    frame = spark.createDataFrame(list(pages.items()), "id string, html binary").repartition(args.partitions or args.cores).cache()
    frame.count()
    udf = clean_udf()
    texts = frame.select(udf("html").alias("text"))
    logger.remove()  # datatrove logs every run of the step
    step = Unboil()
    documents = [Document(text=page.decode("utf-8", "replace"), id=doc) for doc, page in pages.items()]
    data = list(pages.values())
    texts.write.format("noop").mode("overwrite").save()  # warm up the executors' Python workers

    runs: dict[str, list[float]] = {}
    for _ in range(args.passes):
        timed(runs, "spark", lambda: texts.write.format("noop").mode("overwrite").save())
        timed(runs, f"clean_batch threads={args.cores}", lambda: unboil.clean_batch(data, threads=args.cores))
        timed(runs, "datatrove", lambda: list(step.run(iter(Document(text=d.text, id=d.id) for d in documents))))
        timed(runs, "clean_batch threads=1", lambda: unboil.clean_batch(data, threads=1))
    spark.stop()

    print(f"{len(pages)} pages, median of {args.passes} interleaved passes")
    print(f"{'how':<26} {'pages/s':>9} {'of direct':>10}")
    pairs = (("spark", f"clean_batch threads={args.cores}"), ("datatrove", "clean_batch threads=1"))
    for integration, direct in pairs:
        for name in (direct, integration):
            rate = len(pages) / statistics.median(runs[name])
            share = statistics.median(runs[direct]) / statistics.median(runs[name])
            print(f"{name:<26} {rate:9.1f} {share:10.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
