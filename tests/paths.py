"""Where the tests find the project and the shared fixtures (../shared, present in CI too)."""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("TRAINING_SHARED_DIR", ROOT.parent / "shared"))
FIXTURES = SHARED / "fixtures"


def fixture(*parts):
    """Return the path of a shared fixture file; fail loudly if the shared folder is missing."""
    path = FIXTURES.joinpath(*parts)
    assert path.exists(), f"shared fixture not found: {path} (set TRAINING_SHARED_DIR)"
    return path
