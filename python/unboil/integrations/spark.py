"""unboil on PySpark DataFrames.

A column of pages (string or binary) in, a string column of their text out::

    from unboil.integrations.spark import clean_udf, clean_partitions

    df = df.withColumn("text", clean_udf()("html"))
    df = df.withColumn("text", clean_udf()("html", "charset"))  # with the HTTP charset

    # or: keep every column and add one, a pandas batch at a time
    schema = StructType([*df.schema.fields, StructField("text", StringType())])
    df = df.mapInPandas(clean_partitions("html", "text"), schema)

    # Common Crawl: the HTML responses of WARC files, read on the executors
    pages = warc_frame(spark, ["CC-MAIN-...-00000.warc.gz", ...])
    pages.withColumn("text", clean_udf()("html", "charset")).drop("html").write.parquet("text.parquet")

Each executor process builds one cleaner per set of options (not one per
row or batch). A null cell gives null, and so does a cell that cannot be
cleaned: the job never fails on a row. Bytes that are no text at all (a
PDF, an image) give ``""``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, Callable, Optional, Union

from . import missing

try:
    import pandas as pd
    from pyspark.sql import DataFrame, SparkSession
    from pyspark.sql.column import Column
    from pyspark.sql.functions import pandas_udf
except ImportError as error:
    raise missing("spark", error) from error

from .._cleaner import cleaner_for
from ..errors import UnboilError
from ..options import Options
from ..warc import WarcStats, html_responses

__all__ = ["WARC_SCHEMA", "clean_partitions", "clean_series", "clean_udf", "warc_frame"]

#: The columns of :func:`warc_frame`.
WARC_SCHEMA = (
    "url string, warc_date string, warc_record_id string, content_type string, charset string, html binary, "
    "error string"
)


def clean_series(
    pages: pd.Series, options: Options, threads: int = 1, encodings: Optional[pd.Series] = None
) -> pd.Series:
    """The text of every cell of ``pages`` (``str`` or ``bytes``; a null
    cell, or one that cannot be cleaned, gives ``None``), same index.
    ``encodings``, when given, holds each page's declared encoding (an HTTP
    charset, or null)."""
    cleaner = cleaner_for(options)
    declared = encodings.tolist() if encodings is not None else [None] * len(pages)
    # A null cell (None, NaN, NA) or one of a type no page has gives an
    # InputTypeError in its place, and the cell None.
    cells = [(page, None, encoding if isinstance(encoding, str) else None) for page, encoding in zip(pages.tolist(), declared)]
    results = cleaner.map(cells, threads, "auto")
    texts = [None if isinstance(result, UnboilError) else result for result in results]
    return pd.Series(texts, index=pages.index, dtype="object")


def clean_udf(*, threads: int = 1, **options: Any) -> Callable[..., Column]:
    """A column function: ``clean_udf()(pages)`` or ``clean_udf()(pages,
    encodings)``, a string or binary column of pages (and a string column of
    their declared encodings) in, their text out, as pandas UDFs.
    ``threads`` cleans each batch with that many threads (Spark already runs
    one task per core); ``options`` are those of :class:`unboil.Options`,
    checked here, on the driver."""
    checked = Options.from_kwargs(options)

    @pandas_udf("string")  # type: ignore
    def unboil_clean(pages: pd.Series) -> pd.Series:
        return clean_series(pages, checked, threads)

    @pandas_udf("string")  # type: ignore
    def unboil_clean_declared(pages: pd.Series, encodings: pd.Series) -> pd.Series:
        return clean_series(pages, checked, threads, encodings)

    def apply(pages: Union[Column, str], encodings: Union[Column, str, None] = None) -> Column:
        if encodings is None:
            return unboil_clean(pages)  # type: ignore[no-any-return]
        return unboil_clean_declared(pages, encodings)  # type: ignore[no-any-return]

    return apply


def clean_partitions(
    column: str = "html", output: str = "text", *, encoding_column: Optional[str] = None, threads: int = 1, **options: Any
) -> Callable[[Iterator[pd.DataFrame]], Iterator[pd.DataFrame]]:
    """A function for ``DataFrame.mapInPandas`` that adds ``output``, the
    text of ``column`` (decoded by ``encoding_column`` where the page's bytes
    need it), to every batch and keeps every other column. The schema given
    to ``mapInPandas`` is the DataFrame's plus ``output string``."""
    checked = Options.from_kwargs(options)

    def add_text(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        for batch in batches:
            encodings = batch[encoding_column] if encoding_column is not None else None
            yield batch.assign(**{output: clean_series(batch[column], checked, threads, encodings)})

    return add_text


def warc_frame(spark: SparkSession, paths: list[str], partitions: Optional[int] = None) -> DataFrame:
    """A DataFrame of the HTML responses of WARC files (:data:`WARC_SCHEMA`),
    read with FastWARC on the executors, one file per task (``partitions``:
    default, as many as files). Each path must be readable where the tasks
    run (a shared file system, or local files on ``local[N]``); HTTP bodies
    come decoded (chunked, gzip, ...), ``charset`` is the HTTP header's. A
    record that cannot be read or decoded, or whose body is over the default
    ``max_warc_body_bytes``, has no ``html`` and says why in ``error``."""
    files = spark.sparkContext.parallelize([(path,) for path in paths], partitions or max(1, len(paths)))
    return spark.createDataFrame(files.mapPartitions(_responses), WARC_SCHEMA)


def _responses(files: Iterable[tuple[str]]) -> Iterator[tuple[Any, ...]]:
    for (path,) in files:
        for r in html_responses(path, WarcStats(), Options().max_warc_body_bytes):
            yield r.url, r.date, r.record_id, r.content_type, r.charset, r.body if r.error is None else None, r.error
