"""The Spark integration, on a real local SparkSession (local[2])."""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import GOLDEN
from pyspark.sql import SparkSession
from pyspark.sql.types import BinaryType, StringType, StructField, StructType

import unboil
from unboil.integrations.spark import clean_partitions, clean_udf, warc_frame

GARBAGE = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR garbage \xff\xfe"


@pytest.fixture(scope="module")
def spark() -> Iterator[SparkSession]:
    session = (
        SparkSession.builder.master("local[2]")
        .appName("unboil-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def pages(shared: Path) -> list[tuple[str, bytes]]:
    folder = shared / "bench" / "scrapinghub" / "html"
    return [(path.name, gzip.decompress(path.read_bytes())) for path in sorted(folder.glob("*.html.gz"))]


def test_udf_over_binary_pages_gives_what_clean_gives(spark: SparkSession, pages: list[tuple[str, bytes]]) -> None:
    schema = StructType([StructField("id", StringType()), StructField("html", BinaryType())])
    rows = [*pages, ("null", None), ("garbage", GARBAGE)]
    frame = spark.createDataFrame(rows, schema).repartition(4)
    out = {row.id: row.text for row in frame.withColumn("text", clean_udf()("html")).select("id", "text").collect()}
    assert len(out) == len(pages) + 2
    for name, page in pages:
        assert out[name] == unboil.clean(page), name
    assert out["null"] is None and out["garbage"] == ""


def test_udf_over_a_string_column_with_options(spark: SparkSession, pages: list[tuple[str, bytes]]) -> None:
    sample = [(name, page.decode("utf-8", "replace")) for name, page in pages[:20]] + [("null", None), ("text", "Share on Facebook\nThe vote passed on Tuesday after a long debate.")]
    frame = spark.createDataFrame(sample, "id string, html string")
    udf = clean_udf(favor="precision", include_title=True)
    out = {row.id: row.text for row in frame.select("id", udf("html").alias("text")).collect()}
    for name, page in sample[:20]:
        assert out[name] == unboil.clean(page, favor="precision", include_title=True), name
    assert out["null"] is None and out["text"] == "The vote passed on Tuesday after a long debate."


def test_a_declared_encoding_column(spark: SparkSession) -> None:
    russian = "Городской совет утвердил новый бюджет во вторник после долгих споров о школах и дорогах."
    page = f"<html><body><p>{russian}</p></body></html>".encode("cp1251")  # no <meta>: only the charset tells
    frame = spark.createDataFrame([(page, "windows-1251"), (page, None)], "html binary, charset string")
    out = [row.text for row in frame.select(clean_udf()("html", "charset").alias("text")).collect()]
    assert out[0] == russian and out[1] != russian  # without it, windows-1252
    schema = StructType([*frame.schema.fields, StructField("text", StringType())])
    rows = frame.mapInPandas(clean_partitions("html", "text", encoding_column="charset"), schema).collect()
    assert rows[0].text == russian


def test_map_in_pandas_keeps_every_column(spark: SparkSession, pages: list[tuple[str, bytes]]) -> None:
    frame = spark.createDataFrame([(name, page, len(page)) for name, page in pages[:30]] + [("garbage", GARBAGE, 1)], "id string, html binary, size long")
    schema = StructType([*frame.schema.fields, StructField("text", StringType())])
    out = frame.mapInPandas(clean_partitions("html", "text"), schema).collect()
    assert [row.id for row in out] == [name for name, _ in pages[:30]] + ["garbage"]
    for row, (name, page) in zip(out, pages[:30]):
        assert (row.html, row.size, row.text) == (page, len(page), unboil.clean(page)), name
    assert out[-1].text == ""


def test_common_crawl_recipe_warc_to_parquet(spark: SparkSession, tmp_path: Path) -> None:
    from test_warc import PAGE, PROSE, RUSSIAN, record

    russian = f"<html><body><p>{RUSSIAN}</p></body></html>".encode("cp1251")
    files = []
    for n in range(3):
        path = tmp_path / f"crawl-{n}.warc.gz"
        records = [
            record(f"http://example.org/{n}/en", PAGE.encode(), [("Content-Type", "text/html")]),
            record(f"http://example.org/{n}/ru", russian, [("Content-Type", "text/html; charset=windows-1251")]),
            record(f"http://example.org/{n}/pdf", b"%PDF-1.4", [("Content-Type", "application/pdf")]),
        ]
        path.write_bytes(b"".join(gzip.compress(r) for r in records))
        files.append(str(path))
    pages = warc_frame(spark, files)
    out = tmp_path / "text.parquet"
    pages.withColumn("text", clean_udf()("html", "charset")).drop("html").write.parquet(str(out))
    rows = sorted(spark.read.parquet(str(out)).collect(), key=lambda row: row.url)
    assert [row.url for row in rows] == [f"http://example.org/{n}/{lang}" for n in range(3) for lang in ("en", "ru")]
    assert [row.text for row in rows] == [PROSE, RUSSIAN] * 3
    assert rows[1].charset == "windows-1251" and rows[0].warc_record_id.startswith("<urn:uuid:")


def test_selectors_pass_through(spark: SparkSession) -> None:
    listing = (GOLDEN / "html" / "listing.html").read_bytes()
    frame = spark.createDataFrame([("listing", listing)], "id string, html binary")
    text = frame.select(clean_udf(target=["div.grid"])("html").alias("text")).collect()[0].text
    assert text == unboil.clean_html(listing, target=["div.grid"])
    assert "Council approves new housing plan" in text


def test_bad_options_fail_on_the_driver_at_once() -> None:
    with pytest.raises(unboil.OptionsError):
        clean_udf(favor="fast")
    with pytest.raises(unboil.OptionsError):
        clean_partitions(nope=1)
