from __future__ import annotations

from pathlib import Path

from graph.cli import main
from graph.schema import schema

ROOT = Path(__file__).resolve().parents[2]


def test_schema_graphql_is_the_exported_schema() -> None:
    committed = (ROOT / "schema.graphql").read_text()
    assert committed == schema.as_str() + "\n", (
        "schema.graphql drifted: run `hiregraph export-schema -o schema.graphql`"
    )


def test_export_schema_command_prints_the_sdl(capsys: object) -> None:
    import pytest

    capture = capsys
    assert isinstance(capture, pytest.CaptureFixture)
    assert main(["export-schema"]) == 0
    assert capture.readouterr().out == schema.as_str() + "\n"


def test_every_type_and_field_is_described() -> None:
    from graphql import GraphQLEnumType, GraphQLInputObjectType, GraphQLObjectType

    missing = []
    for name, gtype in schema._schema.type_map.items():
        if name.startswith("_") or "__" in name or name == "Query":
            continue
        if (
            isinstance(gtype, GraphQLObjectType | GraphQLInputObjectType | GraphQLEnumType)
            and not gtype.description
        ):
            missing.append(name)
        if isinstance(gtype, GraphQLObjectType | GraphQLInputObjectType):
            missing += [f"{name}.{f}" for f, fd in gtype.fields.items() if not fd.description]
    query = schema._schema.query_type
    assert query is not None
    missing += [
        f"Query.{f}" for f, fd in query.fields.items() if not f.startswith("_") and not fd.description
    ]
    assert missing == []


def test_every_resource_has_a_connection_and_a_by_id_root_field() -> None:
    from providers.records import Resource

    query = schema._schema.query_type
    assert query is not None
    for resource in Resource:
        head, *rest = resource.value.split("_")
        single = head + "".join(p.title() for p in rest)
        head, *rest = resource.plural.split("_")
        plural = head + "".join(p.title() for p in rest)
        assert single in query.fields, single
        assert plural in query.fields, plural
        assert str(query.fields[plural].type).endswith("Connection")
