"""WARC in, one JSON object per HTML response out (unboil.iter_warc, unboil warc)."""

from __future__ import annotations

import gzip
import io
import json
import subprocess
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import pytest
from fastwarc.stream_io import BrotliWriter, ZstdWriter

import unboil
from unboil.warc import WarcStats

PROSE = "The council approved the new budget on Tuesday, after a long debate about the schools and roads."
PAGE = f"<html><head><title>Budget</title></head><body><nav><a href='/'>Home</a></nav><p>{PROSE}</p></body></html>"
RUSSIAN = "Городской совет утвердил новый бюджет во вторник после долгих споров о школах и дорогах."


def record(uri: str, body: bytes, headers: list[tuple[str, str]], kind: str = "response") -> bytes:
    http = b"HTTP/1.1 200 OK\r\n" + b"".join(f"{k}: {v}\r\n".encode() for k, v in headers) + b"\r\n" + body
    head = (
        f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2024-05-01T10:00:00Z\r\n"
        f"WARC-Record-ID: <urn:uuid:{abs(hash(uri)):032d}>\r\nContent-Type: application/http; msgtype={kind}\r\n"
        f"Content-Length: {len(http)}\r\n\r\n"
    )
    return head.encode() + http + b"\r\n\r\n"


def chunked(body: bytes) -> bytes:
    half = len(body) // 2
    return b"%x\r\n%s\r\n%x\r\n%s\r\n0\r\n\r\n" % (half, body[:half], len(body) - half, body[half:])


@pytest.fixture()
def warc(tmp_path: Path) -> Path:
    page = PAGE.encode()
    records = [
        record("http://example.org/plain", page, [("Content-Type", "text/html; charset=utf-8")]),
        record("http://example.org/chunked", chunked(page), [("Content-Type", "text/html"), ("Transfer-Encoding", "chunked")]),
        record("http://example.org/gzip", gzip.compress(page), [("Content-Type", "text/html"), ("Content-Encoding", "gzip")]),
        record("http://example.org/deflate", zlib.compress(page), [("Content-Type", "text/html"), ("Content-Encoding", "deflate")]),
        record(
            "http://example.org/cp1251",
            f"<html><body><p>{RUSSIAN}</p></body></html>".encode("cp1251"),
            [("Content-Type", "text/html; charset=windows-1251")],
        ),
        record("http://example.org/doc.pdf", b"%PDF-1.4\n\x00\x01", [("Content-Type", "application/pdf")]),
        record("http://example.org/request", b"", [("Host", "example.org")], kind="request"),
    ]
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(b"".join(gzip.compress(r) for r in records))  # one gzip member a record
    return path


def test_every_html_response_in_order(warc: Path) -> None:
    stats = WarcStats()
    out = list(unboil.iter_warc(warc, stats=stats))
    urls = [r["url"] for r in out]
    assert urls == [f"http://example.org/{n}" for n in ("plain", "chunked", "gzip", "deflate", "cp1251")]
    for r in out[:4]:
        assert r["text"] == PROSE
        assert r["warc_date"].startswith("2024-05-01T10:00:00") and r["warc_record_id"].startswith("<urn:uuid:")
        assert r["content_type"] == "text/html" and r["title"] == "Budget"
    assert out[4]["text"] == RUSSIAN
    assert stats == WarcStats(responses=6, cleaned=5, not_html=1, failed=0)


@pytest.mark.parametrize("compress", [False, True], ids=["plain", "gzip"])
def test_a_truncated_last_record_comes_out_marked(tmp_path: Path, compress: bool) -> None:
    pages = [f"<html><body><p>{PROSE} ({n})</p>{'<p>More text.</p>' * 40}</body></html>".encode() for n in range(3)]
    records = [record(f"http://example.org/{n}", page, [("Content-Type", "text/html")]) for n, page in enumerate(pages)]
    members = [gzip.compress(r) if compress else r for r in records]
    path = tmp_path / "cut.warc"
    path.write_bytes(b"".join(members)[:-60])
    stats = WarcStats()
    out = list(unboil.iter_warc(path, threads=2, stats=stats))
    assert [r["url"] for r in out] == [f"http://example.org/{n}" for n in range(3)]
    assert [r.get("truncated", False) for r in out] == [False, False, True]
    if not compress:  # a cut gzip member loses more than the bytes cut
        assert out[2]["text"].startswith(f"{PROSE} (2)")
    assert stats.truncated == 1 and stats.cleaned == 3


def test_uncompressed_warc(tmp_path: Path) -> None:
    path = tmp_path / "plain.warc"
    path.write_bytes(record("http://example.org/a", PAGE.encode(), [("Content-Type", "text/html")]))
    assert [r["text"] for r in unboil.iter_warc(path)] == [PROSE]


@pytest.mark.parametrize("charset", ["bogus", "utf-7", "", "x\udcff"])
def test_a_charset_no_decoder_knows_is_ignored_not_an_error(tmp_path: Path, charset: str) -> None:
    path = tmp_path / "odd.warc"
    content_type = f"text/html; charset={charset}".encode("utf-8", "surrogateescape").decode("latin-1")
    path.write_bytes(record("http://example.org/a", PAGE.encode(), [("Content-Type", content_type)]))
    [out] = unboil.iter_warc(path)
    assert "error" not in out and out["text"] == PROSE


def test_missing_file_is_an_input_read_error(tmp_path: Path) -> None:
    with pytest.raises(unboil.InputReadError):
        list(unboil.iter_warc(tmp_path / "none.warc.gz"))


def test_cli_writes_json_lines_and_a_summary(warc: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    done = subprocess.run(
        [sys.executable, "-m", "unboil.cli", "warc", str(warc), "-o", str(out), "-j", "2"],
        capture_output=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["url"] for r in records] == [r["url"] for r in unboil.iter_warc(warc)]
    assert b"6 responses, 5 cleaned, 1 not HTML (skipped), 0 failed" in done.stderr


def test_an_unforeseen_fault_keeps_the_record(warc: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from unboil import warc as module

    def broken(self: object, items: Iterable[object], threads: object, mode: str) -> Iterator[object]:
        # What the core gives for an item it failed on (a caught panic).
        return (unboil.InternalError("boom") for _ in items)

    monkeypatch.setattr(module.Cleaner, "map", broken)
    stats = WarcStats()
    out = list(unboil.iter_warc(warc, stats=stats))
    assert [r["url"] for r in out][:2] == ["http://example.org/plain", "http://example.org/chunked"]
    assert all(r["error"] == "boom" and r["warc_record_id"] for r in out)
    assert stats.failed == 5


def _compressed(writer: type, body: bytes) -> bytes:
    sink = io.BytesIO()
    stream = writer(sink)
    stream.write(body)
    stream.close()
    return sink.getvalue()


@pytest.mark.parametrize(
    ("coding", "encode"),
    [
        ("br", lambda body: _compressed(BrotliWriter, body)),
        ("zstd", lambda body: _compressed(ZstdWriter, body)),
        ("deflate", lambda body: zlib.compress(body)[2:-4]),  # raw deflate, sent without its zlib header
        ("x-gzip", gzip.compress),
        ("gzip, identity", gzip.compress),
    ],
)
def test_every_content_coding_is_undone(tmp_path: Path, coding: str, encode: Callable[[bytes], bytes]) -> None:
    path = tmp_path / "coded.warc"
    path.write_bytes(
        record("http://example.org/a", encode(PAGE.encode()), [("Content-Type", "text/html"), ("Content-Encoding", coding)])
    )
    [out] = unboil.iter_warc(path)
    assert out.get("error") is None and out["text"] == PROSE


def _between_good_ones(tmp_path: Path, bad: bytes) -> Path:
    good = [record(f"http://example.org/good{n}", PAGE.encode(), [("Content-Type", "text/html")]) for n in (1, 2)]
    path = tmp_path / "bad.warc.gz"
    path.write_bytes(b"".join(gzip.compress(r) for r in [good[0], bad, good[1]]))
    return path


# Each of these ended the whole run with an OSError from FastWARC.
BAD_RECORDS = [
    (
        "not-gzip",
        record("http://example.org/bad", b"not gzip" * 20, [("Content-Type", "text/html"), ("Content-Encoding", "gzip")]),
        "the gzip body cannot be decoded",
    ),
    (
        "bad-chunking",
        record("http://example.org/bad", b"zz\r\nxx\r\n" + PAGE.encode(), [("Content-Type", "text/html"), ("Transfer-Encoding", "chunked")]),
        "malformed chunked body",
    ),
    (
        "unknown-coding",
        record("http://example.org/bad", PAGE.encode(), [("Content-Type", "text/html"), ("Content-Encoding", "compress")]),
        "not one unboil decodes",
    ),
    (
        "huge-header",
        record("http://example.org/bad", PAGE.encode(), [("Content-Type", "text/html"), ("X-Big", "a" * 3_000_000)]),
        "a record cannot be read",
    ),
]


@pytest.mark.parametrize(("name", "bad", "error"), BAD_RECORDS, ids=[case[0] for case in BAD_RECORDS])
def test_a_bad_record_is_marked_and_the_file_read_on(tmp_path: Path, name: str, bad: bytes, error: str) -> None:
    path = _between_good_ones(tmp_path, bad)
    stats = WarcStats()
    out = list(unboil.iter_warc(path, stats=stats))
    assert [r.get("text") for r in out] == [PROSE, None, PROSE]
    assert error in out[1]["error"]
    assert stats.failed == 1 and stats.cleaned == 2
    for jobs in ("1", "2"):
        done = subprocess.run(
            [sys.executable, "-m", "unboil.cli", "warc", "-j", jobs, str(path), str(path)], capture_output=True, timeout=120
        )
        assert done.returncode == 1, done.stderr  # a record failed
        records = [json.loads(line) for line in done.stdout.splitlines()]
        assert [r.get("text") for r in records] == [PROSE, None, PROSE] * 2, jobs


def test_a_body_past_the_limit_is_not_inflated(tmp_path: Path) -> None:
    bomb = gzip.compress(b"<p>" + b"a" * 8_000_000 + b"</p>", 9)  # 8 KB that inflate to 8 MB
    path = _between_good_ones(
        tmp_path, record("http://example.org/bomb", bomb, [("Content-Type", "text/html"), ("Content-Encoding", "gzip")])
    )
    out = list(unboil.iter_warc(path, max_warc_body_bytes=1_000_000))
    assert [r["url"] for r in out] == ["http://example.org/good1", "http://example.org/bomb", "http://example.org/good2"]
    assert "inflates past max_warc_body_bytes (1000000 bytes)" in out[1]["error"]
    plain = _between_good_ones(tmp_path, record("http://example.org/big", b"x" * 2000, [("Content-Type", "text/html")]))
    assert "over max_warc_body_bytes (1000 bytes)" in list(unboil.iter_warc(plain, max_warc_body_bytes=1000))[1]["error"]


def test_a_file_that_cannot_be_read_on_ends_marked_and_the_next_file_is_read(tmp_path: Path) -> None:
    members = [gzip.compress(record(f"http://example.org/g{n}", PAGE.encode(), [("Content-Type", "text/html")])) for n in range(3)]
    broken = bytearray(members[1])
    broken[30:60] = b"\xff" * 30  # a gzip member of the file itself corrupted
    path = tmp_path / "corrupt.warc.gz"
    path.write_bytes(members[0] + bytes(broken) + members[2])
    out = list(unboil.iter_warc(path))
    assert out[0]["text"] == PROSE and len(out) == 3
    assert out[1]["error"].startswith("a record cannot be read")
    assert out[2]["error"].startswith("the rest of the file cannot be read")
    good = tmp_path / "good.warc"
    good.write_bytes(record("http://example.org/after", PAGE.encode(), [("Content-Type", "text/html")]))
    done = subprocess.run([sys.executable, "-m", "unboil.cli", "warc", str(path), str(good)], capture_output=True, timeout=120)
    records = [json.loads(line) for line in done.stdout.splitlines()]
    assert records[-1]["url"] == "http://example.org/after" and records[-1]["text"] == PROSE
