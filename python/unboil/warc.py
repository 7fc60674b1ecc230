"""WARC files (Common Crawl and the like) in: the article of every HTML response out.

Records are read with FastWARC (gzip members and other compressed streams
detected); HTTP transfer and content encodings (chunked, gzip, deflate,
brotli, zstd) are undone here, a record at a time, so that a body that
does not decode costs that record only. The charset of the HTTP
``Content-Type`` header is handed to the decoder. Responses that are not
HTML are counted and skipped. A response whose body ends before its
declared length (a file cut off in the middle of its last record) is still
cleaned, and marked ``truncated``. Every record that cannot be read or
decoded, or whose body is over ``max_warc_body_bytes``, comes out marked
with its ``error``; where the file itself cannot be read on from a bad
record, one record says so and the file ends there.
"""

from __future__ import annotations

import dataclasses
import io
import os
import zlib
from collections.abc import Iterable, Iterator
from typing import Any, Callable, Optional, Union

from fastwarc.stream_io import BrotliReader, ZstdReader
from fastwarc.warc import ArchiveIterator, WarcRecord, WarcRecordType

from ._batch import paired
from ._cleaner import Cleaner, cleaner_for
from ._html import Document, document_of
from .errors import InputReadError, UnboilError
from .options import Options

__all__ = ["Response", "WarcStats", "clean_response", "cleaned", "html_responses", "iter_warc"]

#: HTTP content types taken for pages.
_HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclasses.dataclass
class WarcStats:
    """What :func:`iter_warc` met, counted as it goes."""

    responses: int = 0
    cleaned: int = 0
    not_html: int = 0
    failed: int = 0
    #: Responses whose body ends before its declared length (also counted
    #: as cleaned or failed).
    truncated: int = 0


@dataclasses.dataclass(frozen=True)
class Response:
    """An HTML response, as read from the WARC file."""

    url: Optional[str]
    date: Optional[str]
    record_id: Optional[str]
    content_type: str
    charset: Optional[str]
    body: bytes
    truncated: bool = False
    #: Why the record cannot be cleaned (it could not be read or decoded,
    #: or its body is over the limit); its body is then empty.
    error: Optional[str] = None


def iter_warc(
    path: Union[str, os.PathLike[str]],
    *,
    threads: Optional[int] = 1,
    stats: Optional[WarcStats] = None,
    **options: Any,
) -> Iterator[dict[str, Any]]:
    """One dict per HTML response of the WARC file at ``path``, in file order:
    ``url``, ``warc_date``, ``warc_record_id``, ``content_type``, ``text``
    and the page's metadata (``title``, ``author``, ``date``, ``date_raw``,
    ``canonical_url``, ``sitename``, ``language``, ``image``,
    ``description``, ``page_type``, ``confidence``). A record that cannot be
    cleaned has an ``error`` field instead of the text; one whose body was
    cut short (a truncated file) has ``truncated: true`` beside its text. ``stats``, when
    given, is updated as records go by. A file that cannot be opened raises
    :class:`InputReadError`; a truncated last record ends the iteration.
    """
    cleaner = cleaner_for(Options.from_kwargs(options))

    def documents(responses: Iterable[Response]) -> Iterator[Any]:
        return cleaner.map(((r.body, r.url, r.charset) for r in responses), threads, "document")

    def mapper(responses: Iterable[Response]) -> Iterator[dict[str, Any]]:
        for response, row in paired(documents, responses):
            document = row if isinstance(row, UnboilError) else document_of(row)
            yield _cleaned_record(_record(response), document)

    return cleaned(path, stats, mapper, cleaner.options.max_warc_body_bytes)


#: Runs the cleaning over responses, results in their order (threads for
#: the API, worker processes for the command line).
Mapper = Callable[[Iterable["Response"]], Iterator[Union[dict[str, Any], UnboilError]]]


def cleaned(
    path: Union[str, os.PathLike[str]], stats: Optional[WarcStats], mapper: Mapper, max_body: Optional[int]
) -> Iterator[dict[str, Any]]:
    """The records of :func:`iter_warc`, each HTML response cleaned by
    ``mapper`` (a response marked with an error comes out so, uncleaned)."""
    counts = stats if stats is not None else WarcStats()
    for response, result in paired(mapper, html_responses(path, counts, max_body)):
        if response.error is not None:
            result = {**_record(response), "error": response.error}
        elif isinstance(result, UnboilError):
            # A fault clean_response did not foresee (a worker that died):
            # the record still comes out, marked.
            result = {**_record(response), "error": str(result)}
        if "error" in result:
            counts.failed += 1
        else:
            counts.cleaned += 1
        yield result


def html_responses(
    path: Union[str, os.PathLike[str]], counts: WarcStats, max_body: Optional[int] = None
) -> Iterator[Response]:
    """The HTML responses of the WARC file at ``path``, in file order, their
    bodies decoded; every response is counted in ``counts``. A record that
    cannot be read, or whose body cannot be decoded or decodes to more than
    ``max_body`` bytes, comes as a response marked with its ``error``. A
    record that cannot be read right after another is taken for a file
    that cannot be read on: it is marked so, and the file ends there."""
    try:
        stream = open(path, "rb")
    except OSError as error:
        raise InputReadError(f"cannot read {os.fspath(path)}: {error.strerror or error}") from error
    with stream:
        records = iter(
            ArchiveIterator(
                stream, record_types=WarcRecordType.response, parse_http=True, auto_decode="none", stream_detect=True
            )
        )
        unreadable_before = False
        while True:
            try:
                record = next(records)
            except StopIteration:
                return
            except (OSError, ValueError) as error:
                counts.responses += 1
                if unreadable_before:
                    yield _unreadable(f"the rest of the file cannot be read: {error}")
                    return
                unreadable_before = True
                yield _unreadable(f"a record cannot be read: {error}")
                continue
            unreadable_before = False
            counts.responses += 1
            content_type = (record.http_content_type or "").lower()
            if not content_type.startswith(_HTML_TYPES):
                counts.not_html += 1
                continue
            date = record.record_date
            response = Response(
                url=record.headers.get("WARC-Target-URI"),
                date=date.isoformat() if date is not None else record.headers.get("WARC-Date"),
                record_id=record.record_id,
                content_type=content_type,
                charset=record.http_charset,
                body=b"",
            )
            try:
                body, truncated = _body(record, max_body)
            except _BodyError as error:
                yield dataclasses.replace(response, error=str(error))
                continue
            counts.truncated += truncated
            yield dataclasses.replace(response, body=body, truncated=truncated)


def _unreadable(error: str) -> Response:
    return Response(url=None, date=None, record_id=None, content_type="", charset=None, body=b"", error=error)


class _BodyError(Exception):
    """A response body that cannot be had: it does not decode, or is over the limit."""


def _body(record: WarcRecord, limit: Optional[int]) -> tuple[bytes, bool]:
    """The decoded HTTP body of ``record`` and whether it ends before its
    declared length; no more than ``limit`` bytes are read or inflated."""
    try:
        raw = record.reader.read(-1 if limit is None else limit + 1)
    except (OSError, ValueError) as error:
        raise _BodyError(f"the body cannot be read: {error}") from None
    if limit is not None and len(raw) > limit:
        raise _BodyError(f"the body is over max_warc_body_bytes ({limit} bytes)")
    truncated = len(raw) < record.content_length
    headers = record.http_headers
    codings = [
        c.strip().lower()
        for header in ("Transfer-Encoding", "Content-Encoding")
        for c in (headers.get(header) or "").split(",")
        if c.strip()
    ]
    body = raw
    # Undone last applied first: the content coding, then the transfer's
    # (which is listed after it).
    for coding in reversed(codings):
        body = _decoded(coding, body, limit)
    return body, truncated


def _decoded(coding: str, body: bytes, limit: Optional[int]) -> bytes:
    """``body`` with one HTTP coding undone; at most ``limit`` bytes of it."""
    if coding in ("identity", "none"):
        return body
    if coding == "chunked":
        return _dechunked(body)
    most = -1 if limit is None else limit + 1
    try:
        if coding in ("gzip", "x-gzip", "deflate"):
            out = _inflated(body, most, zlib.MAX_WBITS | 32 if coding != "deflate" else zlib.MAX_WBITS)
        elif coding in ("br", "zstd"):
            reader = (BrotliReader if coding == "br" else ZstdReader)(io.BytesIO(body))
            out = reader.read(most)
        else:
            raise _BodyError(f"the body's content coding {coding!r} is not one unboil decodes")
    except (zlib.error, OSError, ValueError) as error:
        raise _BodyError(f"the {coding} body cannot be decoded: {error}") from None
    if limit is not None and len(out) > limit:
        raise _BodyError(f"the body inflates past max_warc_body_bytes ({limit} bytes)")
    return out


def _inflated(body: bytes, most: int, wbits: int) -> bytes:
    """A gzip or zlib body inflated (``deflate`` bodies come raw too), up
    to ``most`` bytes (-1: all); a body cut short gives what it holds."""
    try:
        inflater = zlib.decompressobj(wbits)
        out = inflater.decompress(body, max(most, 0))
    except zlib.error:
        if wbits != zlib.MAX_WBITS:
            raise
        inflater = zlib.decompressobj(-zlib.MAX_WBITS)  # deflate sent without its zlib header
        out = inflater.decompress(body, max(most, 0))
    return out


def _dechunked(body: bytes) -> bytes:
    """A chunked transfer coding undone; a body cut short gives the chunks it holds."""
    out = bytearray()
    at = 0
    while at < len(body):
        end = body.find(b"\r\n", at)
        if end < 0:
            break  # cut short in a size line
        size_field = body[at:end].split(b";", 1)[0].strip()
        try:
            size = int(size_field, 16)
        except ValueError:
            raise _BodyError(f"malformed chunked body: chunk size {size_field[:20]!r}") from None
        if size == 0:
            break
        out += body[end + 2 : end + 2 + size]
        at = end + 2 + size + 2
    return bytes(out)


def _record(response: Response) -> dict[str, Any]:
    """What a record says of its response, before any cleaning."""
    out: dict[str, Any] = {
        "url": response.url,
        "warc_date": response.date,
        "warc_record_id": response.record_id,
        "content_type": response.content_type,
    }
    if response.truncated:
        out["truncated"] = True
    return out


def clean_response(cleaner: Cleaner, response: Response) -> dict[str, Any]:
    """The record of one response: what it says of itself, its text and
    the page's metadata, or the error that stopped it."""
    try:
        # The charset is the server's word: one no decoder knows is ignored.
        document: Union[Document, UnboilError] = cleaner._extract(response.body, response.url, response.charset)
    except UnboilError as error:
        document = error
    return _cleaned_record(_record(response), document)


def _cleaned_record(out: dict[str, Any], document: Union[Document, UnboilError]) -> dict[str, Any]:
    """``out``, what a response says of itself, with its page's text and
    metadata, or the error that stopped it."""
    if isinstance(document, UnboilError):
        out["error"] = str(document)
        return out
    out["text"] = document.text
    out.update(
        title=document.title,
        author=document.author,
        date=document.date,
        date_raw=document.date_raw,
        canonical_url=document.url,
        sitename=document.sitename,
        language=document.language,
        image=document.image,
        description=document.description,
        page_type=document.page_type,
        confidence=document.confidence,
    )
    return out
