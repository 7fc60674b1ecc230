"""Golden outputs: the seeds' expectations and the fixtures in tests/golden
(which the Rust tests read too)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Callable

import pytest

import unboil
from conftest import GOLDEN

RUNNERS: dict[str, Callable[[Path], str]] = {
    "clean": lambda path: unboil.clean(path.read_text(encoding="utf-8")),
    "clean_text": lambda path: unboil.clean_text(path.read_bytes()),
    "Cleaner": lambda path: unboil.Cleaner().clean(path.read_bytes()),
    "cli": lambda path: subprocess.run(
        [sys.executable, "-m", "unboil.cli", str(path)], check=True, capture_output=True
    ).stdout.decode("utf-8"),
}


def seeds(shared: Path) -> list[tuple[Path, dict]]:
    expectations = json.loads((shared / "seeds" / "expectations.json").read_text(encoding="utf-8"))
    return [(shared / "seeds" / name, expected) for name, expected in sorted(expectations.items())]


@pytest.mark.parametrize("runner", sorted(RUNNERS))
def test_seeds_meet_their_expectations(shared: Path, runner: str) -> None:
    for path, expected in seeds(shared):
        out = RUNNERS[runner](path)
        lines = out.splitlines()
        position = 0
        for keep in expected["keep_in_order"]:
            assert keep in lines[position:], f"{path.name} via {runner}: missing or out of order: {keep!r}"
            position = lines.index(keep, position) + 1
        for gone in expected["absent"]:
            assert gone not in out, f"{path.name} via {runner}: still holds {gone!r}"
        for once in expected["at_most_once"]:
            assert out.count(once) <= 1, f"{path.name} via {runner}: {once!r} more than once"


GOLDEN_CASES = sorted(p.name[: -len(".input.txt")] for p in GOLDEN.glob("*.input.txt"))


@pytest.mark.parametrize("case", GOLDEN_CASES)
@pytest.mark.parametrize("runner", sorted(RUNNERS))
def test_golden_fixtures(case: str, runner: str) -> None:
    expected = (GOLDEN / f"{case}.expected.txt").read_text(encoding="utf-8").rstrip("\n")
    assert RUNNERS[runner](GOLDEN / f"{case}.input.txt").rstrip("\n") == expected


def test_there_are_golden_fixtures() -> None:
    assert len(GOLDEN_CASES) >= 5
