"""Quality floors on the benchmark's text exports (../shared), scored by
../shared/score.py, and the cleaner's invariants on those real pages."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import unboil
from conftest import ROOT

sys.path.insert(0, str(ROOT / "benches"))
import text_quality  # noqa: E402

# Raise these as the cleaner improves; never lower them to make a change pass.
FLOORS = {"text": 0.885, "text-fragmented": 0.885}
# With keep_title=False (the article body alone, as the ground truth has it).
BODY_FLOORS = {"text": 0.895, "text-fragmented": 0.885}


@pytest.mark.quality
@pytest.mark.parametrize("name", sorted(FLOORS))
def test_f1_floor(shared: Path, name: str) -> None:
    table = text_quality.score(name, unboil.clean_text)
    assert table["docs"] == 181
    assert table["f1"] >= FLOORS[name], f"{name}: F1 {table['f1']:.4f} < floor {FLOORS[name]}"


@pytest.mark.quality
@pytest.mark.parametrize("name", sorted(BODY_FLOORS))
def test_body_f1_floor(shared: Path, name: str) -> None:
    table = text_quality.score(name, lambda text: unboil.clean_text(text, keep_title=False))
    assert table["f1"] >= BODY_FLOORS[name], f"{name}: body F1 {table['f1']:.4f} < floor {BODY_FLOORS[name]}"


@pytest.mark.quality
@pytest.mark.parametrize("name", sorted(FLOORS))
def test_invariants_on_real_pages(shared: Path, name: str) -> None:
    cleaner = unboil.Cleaner()
    for doc, text in text_quality.load_set(name).items():
        out = cleaner.clean_text(text)
        assert cleaner.clean_text(out) == out, f"{name}/{doc}: not idempotent"
        lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
        known = set(lines)
        for line in out.split("\n"):
            assert line == "" or line in known or any(l.startswith(line) for l in lines), f"{name}/{doc}: invented {line!r}"


# HTML extraction on the benchmark pages (clean_html, default options):
# (pages, F1 floor) of each bench.
HTML_FLOORS = {"scrapinghub": (181, 0.968), "wcxb-dev": (1291, 0.730)}


@pytest.mark.quality
@pytest.mark.parametrize("bench", sorted(HTML_FLOORS))
def test_html_f1_floor(shared: Path, bench: str) -> None:
    import html_bench

    truth = text_quality.load_truth(bench)
    pages = html_bench.load_pages(truth, bench)
    results = unboil.clean_batch(list(pages.values()))
    predictions = {doc: {"articleBody": text} for doc, text in zip(pages, results)}
    table = text_quality.load_scorer().f1_table(truth, predictions)
    docs, floor = HTML_FLOORS[bench]
    assert table["docs"] == docs
    assert table["f1"] >= floor, f"{bench} html: F1 {table['f1']:.4f} < floor {floor}"
