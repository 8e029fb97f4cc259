"""Access to ``../shared/fixtures``: real provider payloads kept beside the repository.

A plain clone has no ``shared/`` folder; tests that need it skip with a clear reason.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

SHARED = Path(os.environ.get("HIREGRAPH_SHARED", Path(__file__).resolve().parents[2] / "shared"))
PROVIDER_FIXTURES = SHARED / "fixtures" / "providers"


def fixture_path(provider: str, name: str) -> Path:
    path = PROVIDER_FIXTURES / provider / name
    if not PROVIDER_FIXTURES.is_dir():
        pytest.skip(f"shared fixtures not found at {PROVIDER_FIXTURES} (a plain clone has no ../shared)")
    if not path.is_file():
        pytest.fail(f"fixture {path} is missing although {PROVIDER_FIXTURES} exists")
    return path


def load_fixture(provider: str, name: str) -> Any:
    """The parsed JSON of ``shared/fixtures/providers/<provider>/<name>``, or skip the test."""
    return json.loads(fixture_path(provider, name).read_text())
