"""WARC files (Common Crawl and the like) in: the article of every HTML response out.

Records are read with FastWARC: gzip members and other compressed streams
are detected, HTTP transfer and content encodings (chunked, gzip, deflate,
brotli) are decoded, and the charset of the HTTP ``Content-Type`` header is
handed to the decoder. Responses that are not HTML are counted and skipped.
A response whose body ends before its declared length (a file cut off in
the middle of its last record) is still cleaned, and marked ``truncated``.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterable, Iterator
from typing import Any, Callable, Optional, Union

from fastwarc.warc import ArchiveIterator, WarcRecordType

from ._batch import paired
from ._cleaner import Cleaner, cleaner_for
from ._html import Document
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


def iter_warc(
    path: Union[str, os.PathLike[str]],
    *,
    threads: Optional[int] = 1,
    stats: Optional[WarcStats] = None,
    **options: Any,
) -> Iterator[dict[str, Any]]:
    """One dict per HTML response of the WARC file at ``path``, in file order:
    ``url``, ``warc_date``, ``warc_record_id``, ``content_type``, ``text``
    and the page's metadata (``title``, ``author``, ``date``,
    ``canonical_url``, ``sitename``, ``language``). A record that cannot be
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
            document = row if isinstance(row, UnboilError) else Document(*row)
            yield _cleaned_record(_record(response), document)

    return cleaned(path, stats, mapper)


#: Runs the cleaning over responses, results in their order (threads for
#: the API, worker processes for the command line).
Mapper = Callable[[Iterable["Response"]], Iterator[Union[dict[str, Any], UnboilError]]]


def cleaned(path: Union[str, os.PathLike[str]], stats: Optional[WarcStats], mapper: Mapper) -> Iterator[dict[str, Any]]:
    """The records of :func:`iter_warc`, each HTML response cleaned by ``mapper``."""
    counts = stats if stats is not None else WarcStats()
    for response, result in paired(mapper, html_responses(path, counts)):
        if isinstance(result, UnboilError):
            # A fault clean_response did not foresee (a worker that died):
            # the record still comes out, marked.
            result = {**_record(response), "error": str(result)}
        if "error" in result:
            counts.failed += 1
        else:
            counts.cleaned += 1
        yield result


def html_responses(path: Union[str, os.PathLike[str]], counts: WarcStats) -> Iterator[Response]:
    """The HTML responses of the WARC file at ``path``, in file order; every
    response is counted in ``counts``."""
    try:
        stream = open(path, "rb")
    except OSError as error:
        raise InputReadError(f"cannot read {os.fspath(path)}: {error.strerror or error}") from error
    with stream:
        records = ArchiveIterator(
            stream, record_types=WarcRecordType.response, parse_http=True, auto_decode="all", stream_detect=True
        )
        for record in records:
            counts.responses += 1
            content_type = (record.http_content_type or "").lower()
            if not content_type.startswith(_HTML_TYPES):
                counts.not_html += 1
                continue
            date = record.record_date
            body = record.reader.read()
            # The declared length is the body's as sent: comparable only
            # when no transfer or content encoding was undone.
            encoded = any(record.http_headers.get(h) for h in ("Content-Encoding", "Transfer-Encoding"))
            truncated = not encoded and len(body) < record.content_length
            counts.truncated += truncated
            yield Response(
                url=record.headers.get("WARC-Target-URI"),
                date=date.isoformat() if date is not None else record.headers.get("WARC-Date"),
                record_id=record.record_id,
                content_type=content_type,
                charset=record.http_charset,
                body=body,
                truncated=truncated,
            )


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
        canonical_url=document.url,
        sitename=document.sitename,
        language=document.language,
    )
    return out
