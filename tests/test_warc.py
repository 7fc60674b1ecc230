"""WARC in, one JSON object per HTML response out (unboil.iter_warc, unboil warc)."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

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
