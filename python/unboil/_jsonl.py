"""JSON Lines in, JSON Lines out: every record comes back, in input order,
with the cleaned text added (or an ``error`` field), streaming."""

from __future__ import annotations

import contextlib
import json
import sys
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, BinaryIO, ContextManager, Optional

from ._cleaner import Cleaner
from .errors import UnboilError

__all__ = ["Settings", "run"]

#: Fields tried, in order, when no field is named.
DEFAULT_FIELDS = ("html", "text")


@dataclass(frozen=True)
class Settings:
    field: Optional[str]
    out_field: str
    on_error: str  # mark | skip | fail
    jobs: Optional[int]


@dataclass
class _Record:
    """One input line: its place, its record (or None) and why it cannot be cleaned."""

    where: str
    record: Optional[dict[str, Any]]
    raw: str
    problem: Optional[str] = None


def run(cleaner: Cleaner, names: Sequence[str], out: BinaryIO, stdin: BinaryIO, settings: Settings) -> int:
    """Cleans every record of the files (``-``: standard input); the exit status."""
    pending: deque[_Record] = deque()
    failed = False

    def contents() -> Iterator[object]:
        # Feeds clean_many while remembering each record, a bounded window ahead.
        for record in _records(names, stdin, settings.field):
            pending.append(record)
            yield None if record.problem else _content(record.record, settings.field)

    for result in cleaner.clean_many(contents(), threads=settings.jobs):
        record = pending.popleft()
        if record.problem is None and isinstance(result, UnboilError):
            record.problem = str(result)
        if record.problem is not None:
            failed = True
            print(f"unboil: {record.where}: {record.problem}", file=sys.stderr)
            if settings.on_error == "fail":
                return 1
            if settings.on_error == "skip":
                continue
            written = dict(record.record) if record.record is not None else {"raw": record.raw}
            written["error"] = record.problem
        else:
            assert record.record is not None
            written = dict(record.record)
            written[settings.out_field] = result
        out.write(json.dumps(written, ensure_ascii=False).encode("utf-8") + b"\n")
    return 1 if failed else 0


def _records(names: Iterable[str], stdin: BinaryIO, field: Optional[str]) -> Iterator[_Record]:
    for name in names:
        try:
            opened: ContextManager[BinaryIO] = contextlib.nullcontext(stdin) if name == "-" else open(name, "rb")
        except OSError as error:
            yield _Record(name, None, "", f"cannot read: {error.strerror or error}")
            continue
        with opened as handle:
            for number, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                yield _parse(f"{'<stdin>' if name == '-' else name}:{number}", line, field)


def _parse(where: str, line: bytes, field: Optional[str]) -> _Record:
    raw = line.decode("utf-8", "replace").rstrip("\r\n")
    try:
        record = json.loads(raw)
    except ValueError as error:
        return _Record(where, None, raw, f"not valid JSON: {error}")
    if not isinstance(record, dict):
        return _Record(where, None, raw, "not a JSON object")
    value = _content(record, field)
    if not isinstance(value, str):
        wanted = field or " or ".join(DEFAULT_FIELDS)
        return _Record(where, record, raw, f"no string field {wanted}")
    return _Record(where, record, raw)


def _content(record: Optional[dict[str, Any]], field: Optional[str]) -> object:
    if record is None:
        return None
    if field is not None:
        return record.get(field)
    return next((record[name] for name in DEFAULT_FIELDS if isinstance(record.get(name), str)), None)
