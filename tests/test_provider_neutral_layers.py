"""Adding a provider touches its folder, its tests and one registry line: nothing in bench/,
tenancy/, graph/ or resolvers/ may name a provider of the registry (issue 11).

The rule, on each module's syntax tree:

* no import of a provider's package (``providers.<provider>...``, ``from providers import
  <provider>``): its knowledge reaches these layers only through ``ProviderAdapter``
  declarations and the registry;
* no string literal (f-string parts included) that contains a provider's name as a word, so
  no table keyed by provider, no ``if provider == ...`` and no hard-coded connection of one.

Prose is exempt, because it names providers as examples and decides nothing: comments (not in
the tree), docstrings (string statements) and the ``description=`` / ``help=`` texts of the
GraphQL schema and the command line.

The sandbox is exempt too: it is not an ATS but the gateway's own in-process dataset, the one
every simulator serves, the embedded default connection (``graph/settings.py``) and the
reference the bench measures the framework on (floor, throughput, memory). Adding an ATS never
touches those uses.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Final

from providers.registry import PROVIDERS

ROOT: Final = Path(__file__).resolve().parent.parent
LAYERS: Final = ("bench", "graph", "resolvers", "tenancy")
REFERENCE: Final = "sandbox"
PROSE_KEYWORDS: Final = frozenset({"description", "help"})
NAMES: Final = sorted(set(PROVIDERS) - {REFERENCE})
WORD: Final = re.compile(r"\b(" + "|".join(map(re.escape, NAMES)) + r")\b")


def _prose(tree: ast.AST) -> set[int]:
    """The string nodes that are prose: docstrings and ``description=`` / ``help=`` texts."""
    found: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            found.add(id(node.value))
        elif isinstance(node, ast.Call):
            found.update(id(k.value) for k in node.keywords if k.arg in PROSE_KEYWORDS)
    return found


def _imported(node: ast.Import | ast.ImportFrom) -> Iterator[str]:
    if isinstance(node, ast.Import):
        yield from (alias.name for alias in node.names)
    elif node.level == 0 and node.module is not None:
        yield node.module
        yield from (f"{node.module}.{alias.name}" for alias in node.names)


def violations(source: str, where: str) -> Iterator[str]:
    tree = ast.parse(source, where)
    prose = _prose(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            for module in _imported(node):
                parts = module.split(".")
                if len(parts) > 1 and parts[0] == "providers" and parts[1] in NAMES:
                    yield f"{where}:{node.lineno} imports {module}"
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in prose:
            found = WORD.search(node.value)
            if found:
                yield f"{where}:{node.lineno} names {found.group(1)} in {node.value[:60]!r}"


def test_the_rule_finds_a_provider_where_code_decides_and_not_in_prose() -> None:
    name = NAMES[0]
    source = (
        f'"""Docstrings may say {name}."""\n'
        f"from providers.{name} import adapter  # a comment may too\n"
        f"import providers.{name}.auth\n"
        f'TABLE = {{"{name}": 1}}\n'
        f'f = field(description="like {name}")\n'
        f"def demo(p: str) -> bool:\n"
        f'    """{name} again."""\n'
        f'    return p == f"{{p}}" or p == "{name}-demo"\n'
        f'VERSUS = "{name}ish"\n'
    )
    assert list(violations(source, "probe")) == [
        f"probe:2 imports providers.{name}",
        f"probe:2 imports providers.{name}.adapter",
        f"probe:3 imports providers.{name}.auth",
        f"probe:4 names {name} in '{name}'",
        f"probe:8 names {name} in '{name}-demo'",
    ]


def test_no_layer_outside_providers_names_a_provider() -> None:
    assert NAMES, "the registry lists no provider besides the reference"
    found = [
        violation
        for layer in LAYERS
        for path in sorted((ROOT / layer).rglob("*.py"))
        for violation in violations(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)))
    ]
    assert not found, "a provider is named outside providers/:\n" + "\n".join(found)
