"""The batch API: clean_many / clean_batch, in order, in parallel, never losing an item."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pytest

import unboil
from conftest import GOLDEN

PROSE = "The council approved the new budget on Tuesday, after a long debate about item {}."
PAGE = (GOLDEN / "html" / "share-bar.html").read_bytes()


def test_results_come_in_input_order_whatever_the_threads() -> None:
    items = [PROSE.format(i) for i in range(500)]
    expected = [unboil.clean(item) for item in items]
    for threads in (1, 2, 8):
        assert unboil.clean_batch(items, threads=threads) == expected


@pytest.mark.parametrize(
    ("item", "error"),
    [
        (5, unboil.InputTypeError),
        (None, unboil.InputTypeError),
        (("<p>x</p>", "u", None, "extra"), unboil.InputTypeError),
        (("<p>x</p>",), unboil.InputTypeError),
        (("<p>x</p>", 7), unboil.InputTypeError),
        (("<p>x</p>", None, 7), unboil.InputTypeError),
        (("<p>x</p>", None, b"utf-8"), unboil.InputTypeError),
    ],
    ids=["int", "none", "quadruple", "single", "url-not-str", "encoding-not-str", "encoding-bytes"],
)
def test_a_bad_item_yields_its_error_and_the_batch_goes_on(item: object, error: type) -> None:
    items = [PROSE.format(0), item, PAGE, (PAGE, "https://example.org/a")]
    results = unboil.clean_batch(items, threads=2)
    assert len(results) == 4
    assert results[0] == unboil.clean(PROSE.format(0))
    assert isinstance(results[1], error) and isinstance(results[1], unboil.UnboilError)
    assert results[2] == results[3] == unboil.clean_html(PAGE)


def test_a_triple_gives_the_page_its_declared_encoding() -> None:
    page = "<html><body><p>Le caf\u00e9 du coin a rouvert ses portes ce matin, apr\u00e8s trois mois de travaux.</p></body></html>"
    data = page.encode("latin-1")
    results = unboil.clean_batch([(data, None, "iso-8859-1"), (data, "https://example.org/a", "latin1"), data])
    assert results[0] == results[1] == unboil.clean_html(data, encoding="iso-8859-1")
    assert "caf\u00e9" in results[0]
    assert "caf\u00e9" in results[2]  # windows-1252, the fallback, reads these bytes alike


def test_every_record_in_comes_out_with_hostile_items() -> None:
    items = [PAGE, b"\x89PNG\r\n\x1a\n\x00\x00", b"", "", "<div>" * 100_000, PAGE * 200, 3.5, PAGE]
    results = unboil.clean_batch(items, threads=2)
    assert len(results) == len(items)
    assert results[0] == results[-1] == unboil.clean_html(PAGE)
    assert results[1:4] == ["", "", ""]
    assert isinstance(results[6], unboil.InputTypeError)


def test_an_endless_iterable_streams() -> None:
    endless = (PROSE.format(i) for i in itertools.count())
    results = unboil.clean_many(endless, threads=2)
    first = list(itertools.islice(results, 20))
    results.close()
    assert first == [unboil.clean(PROSE.format(i)) for i in range(20)]


def test_options_apply_to_every_item() -> None:
    assert unboil.clean_batch([PAGE], include_title=True) == [unboil.clean_html(PAGE, include_title=True)]
    with pytest.raises(unboil.OptionsError):
        unboil.clean_batch([PAGE], favor="nope")


@pytest.mark.parametrize("threads", [0, -1, 1.5, True, "2"])
def test_bad_thread_counts_are_option_errors(threads: object) -> None:
    with pytest.raises(unboil.OptionsError):
        unboil.clean_batch(["x"], threads=threads)  # type: ignore[arg-type]


def test_results_read_before_the_iterable_raises_come_out_first() -> None:
    def five_then_fail() -> Iterator[str]:
        for i in range(5):
            yield PROSE.format(i)
        raise ValueError("the source broke")

    results = unboil.clean_many(five_then_fail(), threads=2)
    got = [next(results) for _ in range(5)]
    assert got == [unboil.clean(PROSE.format(i)) for i in range(5)]
    with pytest.raises(ValueError, match="the source broke"):
        next(results)


def test_a_string_is_not_a_batch() -> None:
    for items in ("abc", b"abc"):
        with pytest.raises(unboil.InputTypeError):
            unboil.clean_batch(items)  # type: ignore[arg-type]


def test_huge_items_make_short_chunks_and_all_come_out() -> None:
    big = PAGE * 600  # about 3 MB a page: a chunk of 2 threads holds 11 of them
    results = list(unboil.clean_many((big for _ in range(40)), threads=2))
    assert len(results) == 40 and len(set(results)) == 1
