"""The coverage matrix is generated from the adapters and served by GraphQL."""

from __future__ import annotations

from pathlib import Path

from providers.coverage import ANCHOR_CANDIDATE_FIELDS, camel, provider_coverage, render_markdown
from providers.records import Resource
from providers.registry import PROVIDERS
from tests.graph.support import GraphQLClient

ROOT = Path(__file__).resolve().parents[2]


def test_docs_coverage_is_generated_from_the_adapters() -> None:
    committed = (ROOT / "docs" / "coverage.md").read_text()
    assert committed == render_markdown(PROVIDERS), (
        "docs/coverage.md drifted: run `hiregraph coverage -o docs/coverage.md`"
    )


def test_declared_fields_are_real_spec_fields() -> None:
    for cls in PROVIDERS.values():
        for resource, fields in cls.fields.items():
            assert fields <= resource.field_names(), (cls.name, resource, fields - resource.field_names())


def test_every_wave_one_provider_serves_the_core_resources() -> None:
    for name in ("greenhouse", "lever", "ashby", "workable"):
        cov = {rc.resource: rc for rc in provider_coverage(PROVIDERS[name]).resources}
        for resource in (Resource.CANDIDATE, Resource.APPLICATION, Resource.JOB, Resource.USER):
            assert cov[resource].can_list, (name, resource)
        have = set(cov[Resource.CANDIDATE].fields) | {"id"}
        assert sum(camel(f) in have for f in ANCHOR_CANDIDATE_FIELDS) >= 13, name


async def test_providers_field_serves_the_matrix(gql: GraphQLClient) -> None:
    data = await gql.data(
        "{ providers { name resources { name list getById fields filters nativeFilters gatewayFilters orderBy byParent } }"
        " connectionProvider { name } }"
    )
    by_name = {p["name"]: p for p in data["providers"]}
    assert set(by_name) == set(PROVIDERS)
    assert data["connectionProvider"]["name"] == "sandbox"
    sandbox = {r["name"]: r for r in by_name["sandbox"]["resources"]}
    assert len(sandbox) == 17
    assert "firstName" in sandbox["candidate"]["fields"]
    assert "tags" in sandbox["candidate"]["nativeFilters"]
    lever = {r["name"]: r for r in by_name["lever"]["resources"]}
    assert "department" not in lever
    for resource in lever.values():
        assert set(resource["filters"]) == set(resource["nativeFilters"]) | set(resource["gatewayFilters"])
