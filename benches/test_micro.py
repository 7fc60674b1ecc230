"""pytest-benchmark micro-benchmarks on the seeds and the golden fixtures.

    pip install '.[bench]' && pytest benches/test_micro.py --benchmark-only
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import unboil

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("UNBOIL_SHARED", ROOT.parent / "shared"))
INPUTS = sorted((SHARED / "seeds").glob("*.txt")) + sorted((ROOT / "tests" / "golden").glob("*.input.txt"))


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: p.name)
def test_clean_text(benchmark, path: Path) -> None:
    cleaner = unboil.Cleaner()
    text = path.read_text(encoding="utf-8")
    result = benchmark(cleaner.clean_text, text)
    assert isinstance(result, str)
