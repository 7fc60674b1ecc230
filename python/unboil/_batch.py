"""Cleaning many items at once: in the core, on its threads, in input order.

A batch is one native call with the GIL released for all of it; no Python
runs per item. An endless iterable is read in chunks (a few items per
thread), each chunk cleaned before the next is read.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any, Callable, Optional, TypeVar, Union

from . import _core
from .errors import InputTypeError, InternalError, OptionsError, UnboilError

__all__ = ["Item", "Result", "guard", "jobs_count", "native_map", "paired"]

#: An item: a page or a text, or a ``(page, url)`` pair.
Item = Union[str, bytes, tuple[Union[str, bytes], Optional[str]]]
#: What an item gives: its text, or the error that stopped it.
Result = Union[str, UnboilError]

T = TypeVar("T")
R = TypeVar("R")

#: Items read ahead per thread from an iterable that is not a list, at most:
#: a chunk is done when its slowest item is, so the more items, the less the
#: other threads wait for it; few enough that an endless iterable is read
#: only about as fast as results are taken ...
_CHUNK_PER_THREAD = 64
#: ... and bytes (of str and bytes items) per thread, at most: huge pages
#: make short chunks.
_CHUNK_BYTES_PER_THREAD = 16 << 20


#: Turns a batch item into the one the core reads, and says whether its
#: body is the content the user's selectors chose (``Cleaner._prepare_item``).
Prepare = Callable[[Any, str], tuple[Any, bool]]


def native_map(
    native: _core.NativeCleaner,
    items: Iterable[Any],
    threads: Optional[int],
    mode: str,
    prepare: Optional[Prepare] = None,
) -> Iterator[Any]:
    """``native.batch`` over ``items`` (a list in one call, any other
    iterable in chunks), results in input order. When the iterable raises,
    the results of the items read before come out first. ``prepare``, when
    given (the user's selectors), runs on every item first."""
    if isinstance(items, (str, bytes, bytearray)):
        raise InputTypeError(f"expected an iterable of items, got {type(items).__name__}: put one item in a list")
    workers = jobs_count(threads)

    def run(chunk: list[Any]) -> list[Any]:
        if prepare is None:
            return native.batch(chunk, workers, mode)
        prepared = [guard(lambda item: prepare(item, mode), item) for item in chunk]
        failed = {i: p for i, p in enumerate(prepared) if isinstance(p, UnboilError)}
        ready = [(None, False) if isinstance(p, UnboilError) else p for p in prepared]
        results = native.batch([item for item, _ in ready], workers, mode, [target for _, target in ready])
        return [failed.get(i, result) for i, result in enumerate(results)]

    if isinstance(items, list):
        yield from run(items)
        return
    iterator = iter(items)
    most_items, most_bytes = workers * _CHUNK_PER_THREAD, workers * _CHUNK_BYTES_PER_THREAD
    while True:
        chunk: list[Any] = []
        failure: Optional[BaseException] = None
        full = False
        size = 0
        try:
            for item in iterator:
                chunk.append(item)
                size += _size(item)
                if len(chunk) >= most_items or size >= most_bytes:
                    full = True
                    break
        except Exception as error:
            failure = error
        if chunk:
            yield from run(chunk)
        if failure is not None:
            raise failure
        if not full:
            return


def _size(item: Any) -> int:
    """The bytes an item holds, about: its content's length."""
    content = item[0] if isinstance(item, tuple) and item else item
    return len(content) if isinstance(content, (str, bytes, bytearray)) else 0


def paired(run: Callable[[Iterable[T]], Iterable[R]], items: Iterable[T]) -> Iterator[tuple[T, R]]:
    """The results of ``run(items)``, each with its item. ``run`` gives one
    result per item, in input order (as :func:`native_map` does); only the
    items in flight are held."""
    in_flight: deque[T] = deque()

    def remembered() -> Iterator[T]:
        for item in items:
            in_flight.append(item)
            yield item

    for result in run(remembered()):
        yield in_flight.popleft(), result


def guard(work: Callable[[T], Union[R, UnboilError]], item: T) -> Union[R, UnboilError]:
    """``work(item)``, an exception that escapes it turned into a value:
    a failure on one item never ends the batch."""
    try:
        return work(item)
    except UnboilError as error:
        return error
    except Exception as error:
        return InternalError(f"{type(error).__name__}: {error}")


def jobs_count(jobs: Optional[int], name: str = "threads") -> int:
    """How many workers: ``jobs``, or all cores for ``None``."""
    if jobs is None:
        return os.cpu_count() or 1
    if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1:
        raise OptionsError(f"{name}: expected a whole number >= 1 or None, got {jobs!r}")
    return jobs
