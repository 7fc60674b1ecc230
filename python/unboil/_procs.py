"""Ordered work in worker processes, for the command line.

Worker processes share nothing: reading files, gzip and JSON, which hold
the GIL, run beside the cleaning in every worker, and a worker that dies
takes no other with it. Each builds its :class:`Cleaner` once; items go to
them in chunks, a few chunks per worker in flight, so memory stays bounded
however long the input; results come back in input order. Chunks matter:
sent one by one, pages cost the pool about half a millisecond each of
pickling and wake-ups, and two workers ran 1.5x as fast as one; eight to
a chunk, 1.74x (``benches/cli_bench.py --pool --copies 3``).

Workers ignore Ctrl-C: the main process gets it, and the pool stops with
it. A worker that dies (a crash inside a native library, a kill by the
out-of-memory killer) costs only the item that killed it: the pool is
rebuilt, the items of the chunk in flight are run again one by one, and the
one that kills a worker again comes back as an :class:`InternalError`.
A worker killed while it was sending its results leaves half a message in
the pool's result pipe, which the pool's reader then waits on for ever: the
main process looks at its workers while it waits, and when one has died
without the pool noticing, it ends them all and closes the pipe, so that
the pool breaks as it does for any death.
"""

from __future__ import annotations

import functools
import multiprocessing
import signal
import sys
from collections import deque
from collections.abc import Iterable, Iterator, Sized
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Callable, Optional, TypeVar, Union

from ._batch import guard, jobs_count
from ._cleaner import Cleaner
from .errors import InternalError, UnboilError
from .options import Options

__all__ = ["ordered_map"]

T = TypeVar("T")
R = TypeVar("R")

#: ``work(cleaner, item)``, module-level (or a partial of one): it is
#: pickled to the workers.
Work = Callable[[Cleaner, T], Union[R, UnboilError]]

#: Chunks in flight per worker.
_WINDOW_PER_WORKER = 4

#: Seconds between two looks at the workers while a result is awaited.
_WATCH_S = 0.5

#: The worker's cleaner, built once by :func:`_start`.
_cleaner: Optional[Cleaner] = None


def ordered_map(
    work: Work[T, R],
    items: Iterable[T],
    jobs: Optional[int],
    options: Options,
    *,
    chunk_items: int = 8,
    chunk_bytes: int = 1 << 22,
    size: Callable[[T], int] = lambda item: 0,
) -> Iterator[Union[R, UnboilError]]:
    """``work`` over ``items`` in ``jobs`` worker processes (default: all
    cores), results in input order. A chunk holds up to ``chunk_items``
    items (fewer when ``items`` is a short list, so that every worker gets
    some) and, beyond its first, up to ``chunk_bytes`` of ``size``. With
    one job everything runs in this process. Errors come back as values."""
    workers = jobs_count(jobs, "jobs")
    if workers == 1:
        cleaner = Cleaner(options)
        return (guard(functools.partial(work, cleaner), item) for item in items)
    if isinstance(items, Sized):
        chunk_items = max(1, min(chunk_items, len(items) // (workers * 2 * _WINDOW_PER_WORKER)))
    return _ordered(work, _chunks(items, chunk_items, chunk_bytes, size), workers, options)


def _ordered(
    work: Work[T, R], chunks: Iterator[list[T]], workers: int, options: Options
) -> Iterator[Union[R, UnboilError]]:
    pool = _Pool(workers, options)
    pending: deque[tuple[list[T], Future[list[Union[R, UnboilError]]]]] = deque()
    try:
        for chunk in chunks:
            pending.append((chunk, pool.submit(work, chunk)))
            if len(pending) >= workers * _WINDOW_PER_WORKER:
                yield from pool.take(work, pending)
        while pending:
            yield from pool.take(work, pending)
    except BaseException:
        # Ctrl-C, or the results are no longer wanted (the generator is
        # closed): nobody waits for the chunks in flight.
        pool.stop()
        raise
    pool.close()


class _Pool:
    """A process pool that is rebuilt when a worker dies."""

    def __init__(self, workers: int, options: Options) -> None:
        self._workers = workers
        self._options = options
        self._executor = self._new()

    def _new(self) -> ProcessPoolExecutor:
        # fork where it is safe (Linux): workers start at once, without
        # importing anything again. Elsewhere the platform's default.
        context = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else None)
        return ProcessPoolExecutor(self._workers, context, initializer=_start, initargs=(self._options,))

    def submit(self, work: Work[T, R], chunk: list[T]) -> Future[list[Union[R, UnboilError]]]:
        try:
            return self._executor.submit(_run, work, chunk)
        except BrokenProcessPool as error:
            # A worker died since the last submit: the chunk fails as those
            # in flight do, and is run again when its turn comes.
            failed: Future[list[Union[R, UnboilError]]] = Future()
            failed.set_exception(error)
            return failed

    def take(
        self, work: Work[T, R], pending: deque[tuple[list[T], Future[list[Union[R, UnboilError]]]]]
    ) -> list[Union[R, UnboilError]]:
        """The results of the oldest chunk in flight."""
        chunk, future = pending.popleft()
        try:
            return self._result(future)
        except BrokenProcessPool:
            pass
        self._restart()
        results = [self._alone(work, item) for item in chunk]
        for index, (waiting, earlier) in enumerate(pending):
            if not _succeeded(earlier):
                pending[index] = (waiting, self.submit(work, waiting))
        return results

    def _alone(self, work: Work[T, R], item: T) -> Union[R, UnboilError]:
        try:
            return self._result(self.submit(work, [item]))[0]
        except BrokenProcessPool:
            self._restart()
            return InternalError("the worker process died on this input")

    def _result(self, future: Future[list[Union[R, UnboilError]]]) -> list[Union[R, UnboilError]]:
        """``future.result()``, or :class:`BrokenProcessPool` once a worker
        has been dead for two looks and the pool has not noticed."""
        dead_before = False
        while True:
            try:
                return future.result(timeout=_WATCH_S)
            except TimeoutError:
                pass
            processes = list((getattr(self._executor, "_processes", None) or {}).values())
            dead = any(process.exitcode is not None for process in processes)
            if dead and dead_before:
                self._unstick(processes)
            dead_before = dead

    def _unstick(self, processes: list[Any]) -> None:
        """Ends every worker and closes this process's end of the result
        pipe: the pool's reader, waiting on half a message, gets end of file
        and breaks the pool, failing every future in flight."""
        for process in processes:
            process.kill()
        queue = getattr(self._executor, "_result_queue", None)
        writer = getattr(queue, "_writer", None)
        if writer is not None:
            writer.close()

    def _restart(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)
        self._executor = self._new()

    def close(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)

    def stop(self) -> None:
        """Ends the workers now, whatever they are doing."""
        processes = getattr(self._executor, "_processes", None) or {}
        for process in list(processes.values()):
            process.terminate()
        self._executor.shutdown(wait=True, cancel_futures=True)


def _succeeded(future: Future[Any]) -> bool:
    return future.done() and not future.cancelled() and future.exception() is None


def _start(options: Options) -> None:
    global _cleaner
    # Ctrl-C is the main process's to handle: it stops the pool.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _cleaner = Cleaner(options)


def _run(work: Work[T, R], chunk: list[T]) -> list[Union[R, UnboilError]]:
    assert _cleaner is not None, "the worker was started without a cleaner"
    bound = functools.partial(work, _cleaner)
    return [guard(bound, item) for item in chunk]


def _chunks(items: Iterable[T], most: int, budget: int, size: Callable[[T], int]) -> Iterator[list[T]]:
    chunk: list[T] = []
    used = 0
    for item in items:
        weight = size(item)
        if chunk and (len(chunk) >= most or used + weight > budget):
            yield chunk
            chunk, used = [], 0
        chunk.append(item)
        used += weight
    if chunk:
        yield chunk
