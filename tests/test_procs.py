"""Ordered work in worker processes (the command line's -j)."""

from __future__ import annotations

import gc
import itertools
import multiprocessing.queues
import os
import struct
import threading
from collections.abc import Iterator

import pytest

import unboil
from unboil import _procs
from unboil.options import Options


def shout(cleaner: unboil.Cleaner, item: str) -> str:
    return f"{item}!{os.getpid()}"


def die_on_x(cleaner: unboil.Cleaner, item: str) -> str:
    if item.startswith("x"):
        os._exit(3)  # a crash inside a native library looks like this to the pool
    return item.upper()


def die_mid_result_on_x(cleaner: unboil.Cleaner, item: str) -> str:
    """Dies as a worker killed while sending its results does: half a
    message in the pool's result pipe (its length says 1000 bytes, 10 follow)."""
    if item.startswith("x"):
        [queue] = [q for q in gc.get_objects() if isinstance(q, multiprocessing.queues.SimpleQueue)]
        os.write(queue._writer.fileno(), struct.pack("!i", 1000) + b"0123456789")
        os._exit(9)
    return item.upper()


def fail_on_x(cleaner: unboil.Cleaner, item: str) -> str:
    if item == "x":
        raise ZeroDivisionError("x")
    return cleaner.clean_text(item)


@pytest.mark.parametrize("jobs", [1, 2, 3])
@pytest.mark.parametrize("count", [0, 1, 5, 200])
def test_results_in_input_order(jobs: int, count: int) -> None:
    items = [f"item {i}" for i in range(count)]
    results = list(_procs.ordered_map(shout, items, jobs, Options(), chunk_items=4))
    assert [r.rsplit("!", 1)[0] for r in results] == [f"{item}" for item in items]
    pids = {r.rsplit("!", 1)[1] for r in results}
    if jobs == 1 or count == 0:
        assert pids <= {str(os.getpid())}
    else:
        assert str(os.getpid()) not in pids


@pytest.mark.parametrize("chunk_items", [1, 3, 8])
def test_a_dead_worker_costs_only_its_item(chunk_items: int) -> None:
    items = (["a", "b", "x1", "c", "d", "e", "x2", "x3", "f"] * 4)[:-1] + ["x4"]
    results = list(_procs.ordered_map(die_on_x, items, 2, Options(), chunk_items=chunk_items))
    assert len(results) == len(items)
    for item, result in zip(items, results):
        if item.startswith("x"):
            assert isinstance(result, unboil.InternalError) and "died" in str(result)
        else:
            assert result == item.upper()


def test_a_worker_dead_in_the_middle_of_its_results_hangs_nothing() -> None:
    # It did: the pool's reader waited for the rest of the message for ever.
    items = ["a", "b", "x1", "c", "d"]
    results: list[object] = []
    run = threading.Thread(
        target=lambda: results.extend(_procs.ordered_map(die_mid_result_on_x, items, 2, Options(), chunk_items=1)),
        daemon=True,
    )
    run.start()
    run.join(timeout=120)
    assert not run.is_alive(), "the pool hangs on a worker dead in the middle of its results"
    assert results[:2] == ["A", "B"] and results[3:] == ["C", "D"]
    assert isinstance(results[2], unboil.InternalError) and "died" in str(results[2])


def test_an_exception_is_a_value() -> None:
    results = list(_procs.ordered_map(fail_on_x, ["Share on Facebook", "x", "ok"], 2, Options()))
    assert results[0] == "" and results[2] == "ok"
    assert isinstance(results[1], unboil.InternalError) and "ZeroDivisionError" in str(results[1])


def test_an_endless_input_streams() -> None:
    taken = 0

    def endless() -> Iterator[str]:
        nonlocal taken
        for i in itertools.count():
            taken = i + 1
            yield f"item {i}"

    results = _procs.ordered_map(shout, endless(), 2, Options(), chunk_items=4)
    first = [r.rsplit("!", 1)[0] for r in itertools.islice(results, 10)]
    assert first == [f"item {i}" for i in range(10)]
    # A few chunks per worker are read ahead, never the whole input.
    assert taken <= 10 + 2 * 4 * 4 + 4
    results.close()  # type: ignore[attr-defined]


@pytest.mark.parametrize("jobs", [0, -1, True, 1.5, "2"])
def test_bad_jobs(jobs: object) -> None:
    with pytest.raises(unboil.OptionsError, match="jobs"):
        _procs.ordered_map(shout, [], jobs, Options())  # type: ignore[arg-type]


def test_big_items_travel_alone() -> None:
    chunks = list(_procs._chunks(["a" * 10, "b", "c" * 30, "d", "e"], 3, 20, len))
    assert chunks == [["a" * 10, "b"], ["c" * 30], ["d", "e"]]
