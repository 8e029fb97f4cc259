"""The user docs that name closed sets must name all of them (they drifted once: issue 10)."""

from __future__ import annotations

import re
from pathlib import Path

from gateway.errors import ErrorCode
from graph.settings import default_settings

DOCS = Path(__file__).resolve().parents[1] / "docs"


def test_errors_md_documents_every_error_code_and_no_other() -> None:
    table = re.findall(r"^\| `([A-Z_]+)` \|", (DOCS / "errors.md").read_text(), re.MULTILINE)
    assert sorted(table) == sorted(code.value for code in ErrorCode)


def test_connecting_md_names_every_connection_served_without_config() -> None:
    served = default_settings().connections
    intro = (DOCS / "connecting.md").read_text().split("```", 1)[0]
    missing = [name for name in served if f"`{name}`" not in intro]
    assert not missing, f"docs/connecting.md's introduction omits {missing}"
