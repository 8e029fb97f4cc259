"""Suite-wide: the sandbox's live activity is off unless a test turns it on, so the embedded
default's data stays as generated while a test reads it (tests/graph/test_sandbox_activity.py
turns it on, at a fast rate)."""

from __future__ import annotations

import os

os.environ.setdefault("HIREGRAPH_SANDBOX_ACTIVITY_S", "0")
