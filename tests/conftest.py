from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

# The property tests draw the same examples every run, so a run of the
# suite fails only on a change, never on a fluke, and a failure reproduces;
# UNBOIL_EXPLORE=1 has them draw new examples (and remember failures) to
# look for more.
settings.register_profile("fixed", derandomize=True, database=None)
if not os.environ.get("UNBOIL_EXPLORE"):
    settings.load_profile("fixed")

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("UNBOIL_SHARED", ROOT.parent / "shared"))
GOLDEN = Path(__file__).resolve().parent / "golden"


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "score.py").is_file():
        pytest.fail(f"the shared benchmark material is missing: {SHARED} (set UNBOIL_SHARED)")
    return SHARED
