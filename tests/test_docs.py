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


def test_writing_a_provider_md_example_runs_as_described() -> None:
    from providers.query import FilterName
    from providers.records import Resource

    text = (DOCS / "writing-a-provider.md").read_text()
    code = text.split("## Resources are declarations", 1)[1].split("```python", 1)[1].split("```", 1)[0]
    scope: dict[str, object] = {}
    exec(compile(code, "writing-a-provider.md", "exec"), scope)
    example = scope["Example"]
    assert example.can_list(Resource.JOB)  # type: ignore[attr-defined]
    assert example.can_get(Resource.JOB)  # type: ignore[attr-defined]
    assert example.can_list_children(Resource.JOB, "department")  # type: ignore[attr-defined]
    assert example.native_filters == {Resource.JOB: frozenset({FilterName.UPDATED_AFTER})}  # type: ignore[attr-defined]
    assert example.fields == {Resource.JOB: frozenset({"name", "status", "code"})}  # type: ignore[attr-defined]
    posting = scope["Posting"].model_validate({"id": "p1", "title": "Cook", "state": "paused"})  # type: ignore[attr-defined]
    job = scope["JOB"].read(posting)  # type: ignore[attr-defined]
    assert (job.id, job.name, job.status.value, job.raw_status) == ("p1", "Cook", "other", "paused")


def test_the_readme_names_every_demo_connection() -> None:
    readme = (DOCS.parent / "README.md").read_text()
    named = set(re.findall(r"[a-z]+-demo\b", readme))
    missing = [name for name in default_settings().connections if name != "sandbox" and name not in named]
    assert not missing, f"README.md omits {missing}"
