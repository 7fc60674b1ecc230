"""Cleaning many items at once, in parallel threads, in input order.

The native work (decoding, Lexbor's parse, extraction, the text cleaner)
runs with the GIL released, so threads scale with the cores.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TYPE_CHECKING, Callable, Optional, TypeVar, Union

from .errors import InputTypeError, InternalError, OptionsError, UnboilError

if TYPE_CHECKING:
    from ._cleaner import Cleaner

__all__ = ["Item", "Result", "clean_many", "guard", "jobs_count", "ordered_map", "paired"]

#: An item: a page or a text, or a ``(page, url)`` pair.
Item = Union[str, bytes, tuple[Union[str, bytes], Optional[str]]]
#: What an item gives: its text, or the error that stopped it.
Result = Union[str, UnboilError]

T = TypeVar("T")
R = TypeVar("R")

#: Items in flight per thread: enough to keep every thread busy, few enough
#: that an endless iterable is read only as fast as results are taken.
_WINDOW_PER_THREAD = 4


def clean_many(cleaner: Cleaner, items: Iterable[object], threads: Optional[int]) -> Iterator[Result]:
    """See :meth:`unboil.Cleaner.clean_many`."""
    return ordered_map(lambda item: _clean_one(cleaner, item), items, threads)


def ordered_map(
    work: Callable[[T], Union[R, UnboilError]], items: Iterable[T], threads: Optional[int]
) -> Iterator[Union[R, UnboilError]]:
    """``work`` over ``items`` in a thread pool, results in input order, a
    few items per thread read ahead. ``work`` returns errors, never raises
    them: an exception that escapes it becomes an :class:`InternalError`."""
    workers = jobs_count(threads)
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="unboil") as pool:
        pending: deque[Future[Union[R, UnboilError]]] = deque()
        for item in items:
            pending.append(pool.submit(guard, work, item))
            if len(pending) >= workers * _WINDOW_PER_THREAD:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


def paired(run: Callable[[Iterable[T]], Iterable[R]], items: Iterable[T]) -> Iterator[tuple[T, R]]:
    """The results of ``run(items)``, each with its item. ``run`` gives one
    result per item, in input order (as :func:`ordered_map` does); only the
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


def _clean_one(cleaner: Cleaner, item: object) -> Result:
    if isinstance(item, tuple):
        if len(item) != 2 or not (item[1] is None or isinstance(item[1], str)):
            raise InputTypeError(f"expected a (content, url) pair, got a tuple of {len(item)}")
        return cleaner.clean_html(item[0], item[1])  # type: ignore[arg-type]
    return cleaner.clean(item)  # type: ignore[arg-type]
