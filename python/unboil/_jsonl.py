"""JSON Lines in, JSON Lines out: every record comes back, in input order,
with the cleaned text added (or an ``error`` field), streaming. Lines go to
worker processes in chunks; each line is parsed, cleaned and serialised
there, and the main process writes the results in order."""

from __future__ import annotations

import contextlib
import functools
import json
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, BinaryIO, ContextManager, Optional, Union

import orjson

from . import _procs
from ._batch import paired
from ._cleaner import Cleaner, clean_as
from .errors import UnboilError
from .options import Options

__all__ = ["Settings", "run"]

#: Fields tried, in order, when no field is named.
DEFAULT_FIELDS = ("html", "text")

#: Lines per chunk sent to a worker, and the bytes a chunk holds at most
#: (beyond its first line): many small records share a trip, a big one
#: travels alone.
_CHUNK_LINES = 64
_CHUNK_BYTES = 1 << 22


@dataclass(frozen=True)
class Settings:
    field: Optional[str]
    out_field: str
    on_error: str  # mark | skip | fail
    jobs: Optional[int]
    input: str = "auto"  # auto | html | text


@dataclass(frozen=True)
class _Line:
    where: str
    raw: bytes
    #: Why the line could not even be read (its file is unreadable).
    problem: Optional[str] = None


@dataclass(frozen=True)
class _Outcome:
    """A line's output record, and the problem that marks it (if any)."""

    line: bytes
    problem: Optional[str] = None


def run(options: Options, names: Sequence[str], out: BinaryIO, stdin: BinaryIO, settings: Settings) -> int:
    """Cleans every record of the files (``-``: standard input); the exit status."""
    failed = False
    work = functools.partial(_clean_line, settings=settings)

    def run_all(lines: Iterable[_Line]) -> Iterator[Union[_Outcome, UnboilError]]:
        return _procs.ordered_map(work, lines, settings.jobs, options,
                                  chunk_items=_CHUNK_LINES, chunk_bytes=_CHUNK_BYTES, size=lambda line: len(line.raw))

    for line, outcome in paired(run_all, _lines(names, stdin)):
        if isinstance(outcome, UnboilError):
            # A fault _clean_line did not foresee (a worker that died): the
            # line still comes out, as it came, marked.
            problem = str(outcome)
            print(f"unboil: {line.where}: {problem}", file=sys.stderr)
            outcome = _Outcome(_marked_raw(line, problem), problem)
        if outcome.problem is not None:
            failed = True
            if settings.on_error == "fail":
                return 1
            if settings.on_error == "skip":
                continue
        out.write(outcome.line)
    return 1 if failed else 0


def _lines(names: Iterable[str], stdin: BinaryIO) -> Iterator[_Line]:
    for name in names:
        try:
            opened: ContextManager[BinaryIO] = contextlib.nullcontext(stdin) if name == "-" else open(name, "rb")
        except OSError as error:
            yield _Line(name, b"", f"cannot read: {error.strerror or error}")
            continue
        with opened as handle:
            for number, raw in enumerate(handle, 1):
                if number == 1:
                    raw = raw.removeprefix(b"\xef\xbb\xbf")  # a file's byte-order mark is not its first record's
                if raw.strip():
                    yield _Line(f"{'<stdin>' if name == '-' else name}:{number}", raw)


def _clean_line(cleaner: Cleaner, line: _Line, settings: Settings) -> _Outcome:
    text = line.raw.decode("utf-8", "replace").rstrip("\r\n")
    record, problem = (None, line.problem) if line.problem is not None else _parse(text)
    added: Optional[tuple[str, str]] = None
    if record is not None:
        content = _content(record, settings.field)
        result = _clean(cleaner, content, settings.input) if isinstance(content, str) else None
        if result is None:
            problem = f"no string field {settings.field or ' or '.join(DEFAULT_FIELDS)}"
        elif isinstance(result, UnboilError):
            problem = str(result)
        else:
            added = (settings.out_field, result)
    if problem is not None:
        print(f"unboil: {line.where}: {problem}", file=sys.stderr)
        if record is None:
            return _Outcome(_marked_raw(line, problem), problem)
        added = ("error", problem)
    assert record is not None and added is not None
    return _Outcome(_with_field(line.raw, text, record, *added), problem)


def _marked_raw(line: _Line, problem: str) -> bytes:
    """A line that gave no record, as a record: its text and the problem."""
    text = line.raw.decode("utf-8", "replace").rstrip("\r\n")
    return orjson.dumps({"raw": text, "error": problem}, option=orjson.OPT_APPEND_NEWLINE)


def _parse(text: str) -> tuple[Optional[dict[str, Any]], Optional[str]]:
    """The JSON object on the line, or why there is none."""
    try:
        parsed = orjson.loads(text)
    except orjson.JSONDecodeError:
        try:
            # What orjson refuses and Python's json reads: NaN and Infinity,
            # numbers beyond a double, lone surrogates in strings.
            parsed = json.loads(text)
        except ValueError as error:
            return None, f"not valid JSON: {error}"
    if not isinstance(parsed, dict):
        return None, "not a JSON object"
    return parsed, None


def _with_field(raw: bytes, text: str, record: dict[str, Any], name: str, value: str) -> bytes:
    """The record with ``name`` added: the input line as it came, the field
    appended before its closing brace, so numbers (even beyond 64 bits),
    key order and spacing stay exactly as they were. A record that has the
    field already, or a line that is not clean UTF-8, is serialised again."""
    body = raw.rstrip()
    if name in record or not body.endswith(b"}") or "\ufffd" in text or text.startswith("\ufeff"):
        updated = {**record, name: value}
        try:
            return orjson.dumps(updated, option=orjson.OPT_APPEND_NEWLINE)
        except TypeError:  # a lone surrogate, which Python's json escapes
            return json.dumps(updated).encode("ascii") + b"\n"
    head = body[:-1].rstrip()
    separator = b"" if head.endswith(b"{") else b","
    return head + separator + orjson.dumps({name: value})[1:-1] + b"}\n"


def _clean(cleaner: Cleaner, content: str, mode: str) -> Union[str, UnboilError]:
    try:
        return clean_as(cleaner, content, mode)
    except UnboilError as error:
        return error


def _content(record: dict[str, Any], field: Optional[str]) -> object:
    if field is not None:
        return record.get(field)
    return next((record[name] for name in DEFAULT_FIELDS if isinstance(record.get(name), str)), None)
