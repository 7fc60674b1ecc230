from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("UNBOIL_SHARED", ROOT.parent / "shared"))
GOLDEN = Path(__file__).resolve().parent / "golden"


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "score.py").is_file():
        pytest.fail(f"the shared benchmark material is missing: {SHARED} (set UNBOIL_SHARED)")
    return SHARED
