from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

# In CI the property tests draw the same examples every run (a failure
# there is reproducible, never a fluke); elsewhere they explore anew.
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("UNBOIL_SHARED", ROOT.parent / "shared"))
GOLDEN = Path(__file__).resolve().parent / "golden"


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "score.py").is_file():
        pytest.fail(f"the shared benchmark material is missing: {SHARED} (set UNBOIL_SHARED)")
    return SHARED
