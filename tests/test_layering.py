"""The layers import downwards only: providers/ knows no tenant and no GraphQL, tenancy/ no
GraphQL, and gateway/ (the error codes every layer shares) none of them.

Every import is checked, including those inside functions, which Python resolves only when
they run; relative imports are resolved against the module's package.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path
from typing import Final

import pytest

ROOT: Final = Path(__file__).resolve().parent.parent

FORBIDDEN: Final[dict[str, frozenset[str]]] = {
    "gateway": frozenset({"graph", "resolvers", "loaders", "tenancy", "bench"}),
    "providers": frozenset({"graph", "resolvers", "loaders", "tenancy", "bench"}),
    "tenancy": frozenset({"graph", "resolvers", "loaders", "bench"}),
}
"""Package -> the top-level packages its modules may not import."""

ALLOWED: Final[frozenset[tuple[str, str]]] = frozenset()
"""(module path, imported module) pairs tolerated for now, each with a comment saying why
(none today: keep it that way)."""


def _imports(path: Path) -> Iterator[str]:
    """The absolute names of the modules ``path`` imports."""
    package = list(path.relative_to(ROOT).with_suffix("").parts[:-1])
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0:
                yield node.module or ""
            else:
                base = package[: len(package) - (node.level - 1)]
                yield ".".join([*base, *([node.module] if node.module else [])])


def _violations(layer: str) -> list[tuple[str, str]]:
    found = []
    for path in sorted((ROOT / layer).rglob("*.py")):
        for module in _imports(path):
            if module.split(".")[0] in FORBIDDEN[layer]:
                found.append((path.relative_to(ROOT).as_posix(), module))
    return found


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_a_layer_imports_no_layer_above_it(layer: str) -> None:
    assert [v for v in _violations(layer) if v not in ALLOWED] == []


def test_the_allow_list_names_only_imports_that_still_exist() -> None:
    found = {v for layer in FORBIDDEN for v in _violations(layer)}
    assert found >= ALLOWED, "remove the allow-list entries that no longer occur"


def test_relative_imports_are_resolved() -> None:
    # tenancy/runtime.py imports ``.access``: a check blind to relative imports would pass vacuously.
    assert "tenancy.access" in set(_imports(ROOT / "tenancy" / "runtime.py"))
