"""What each provider can serve, read from its adapter class: resources, fields, filters,
orders and relationships. The GraphQL ``providers`` field and ``docs/coverage.md`` both come
from here, so they cannot disagree with the code."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .base import ProviderAdapter
from .filters import RESOURCE_FILTERS, gateway_can_apply
from .query import SortField
from .records import Resource
from .relations import CHILD_RELATIONS
from .writes import OPERATIONS, input_fields, required_fields, supports


def camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(p.title() for p in rest)


@dataclass(frozen=True)
class ResourceCoverage:
    resource: Resource
    can_list: bool
    can_get: bool
    fields: tuple[str, ...]
    native_filters: tuple[str, ...]
    gateway_filters: tuple[str, ...]
    orders: tuple[str, ...]
    children: tuple[str, ...]

    @property
    def filters(self) -> tuple[str, ...]:
        return tuple(sorted(self.native_filters + self.gateway_filters))


@dataclass(frozen=True)
class MutationCoverage:
    name: str
    input_fields: tuple[str, ...]
    required: tuple[str, ...]


@dataclass(frozen=True)
class ProviderCoverage:
    name: str
    title: str
    docs_url: str
    resources: tuple[ResourceCoverage, ...]
    notes: tuple[str, ...] = ()
    mutations: tuple[MutationCoverage, ...] = ()
    actor_required: bool = False


def resource_coverage(adapter: type[ProviderAdapter], resource: Resource) -> ResourceCoverage:
    offered = RESOURCE_FILTERS[resource]
    can_list = adapter.can_list(resource)
    native = sorted(camel(f.value) for f in offered if can_list and adapter.filters_natively(resource, f))
    gateway = sorted(
        camel(f.value)
        for f in offered
        if can_list
        and not adapter.filters_natively(resource, f)
        and gateway_can_apply(resource, f, adapter.listing_lacks)
    )
    orders = sorted(
        f"{field.name}_{'DESC' if s.descending else 'ASC'}"
        for s in adapter.native_sorts.get(resource, frozenset())
        for field in SortField
        if s.field is field
    )
    children = tuple(
        f"{parent}"
        for parent in CHILD_RELATIONS.get(resource, ())
        if adapter.can_list_children(resource, parent)
    )
    return ResourceCoverage(
        resource=resource,
        can_list=can_list,
        can_get=adapter.can_get(resource),
        fields=tuple(sorted(camel(f) for f in adapter.supported_fields(resource))),
        native_filters=tuple(native),
        gateway_filters=tuple(gateway),
        orders=tuple(orders),
        children=children,
    )


def provider_coverage(adapter: type[ProviderAdapter]) -> ProviderCoverage:
    return ProviderCoverage(
        name=adapter.name,
        title=adapter.title or adapter.name,
        docs_url=adapter.docs_url,
        resources=tuple(resource_coverage(adapter, r) for r in Resource if adapter.serves(r)),
        notes=adapter.coverage_notes,
        mutations=tuple(
            MutationCoverage(op.mutation, input_fields(adapter, op), required_fields(adapter, op))
            for op in OPERATIONS
            if supports(adapter, op)
        ),
        actor_required=adapter.actor_required,
    )


ANCHOR_CANDIDATE_FIELDS = [
    "id",
    "emails",
    "name",
    "phones",
    "created_at",
    "first_name",
    "last_name",
    "applications",
    "updated_at",
    "locations",
    "tags",
    "title",
    "urls",
    "company",
    "attachments",
    "can_email",
    "last_interaction_at",
    "is_private",
]
"""The candidate fields the commercial anchor reports (spec/resources.md), for comparison."""


def _access(rc: ResourceCoverage) -> str:
    return ("L" if rc.can_list else "") + ("G" if rc.can_get else "") + ("P" if rc.children else "")


def render_markdown(providers: Mapping[str, type[ProviderAdapter]]) -> str:
    """``docs/coverage.md``: generated; a test fails when the committed file drifts."""
    covs = [provider_coverage(cls) for cls in providers.values()]
    lines = [
        "# Coverage matrix",
        "",
        "Generated from the adapters' declared capabilities by `hiregraph coverage -o docs/coverage.md`;",
        "do not edit by hand. The same data is served by the GraphQL field",
        "`providers { name resources { name fields filters } }`.",
        "",
        "## Resources",
        "",
        "`L` list, `G` get by id, `P` listed by a parent (e.g. a candidate's activities), `-` not available",
        "(querying it is `NOT_SUPPORTED_BY_PROVIDER`).",
        "",
        "| resource | " + " | ".join(c.name for c in covs) + " |",
        "|---|" + "---|" * len(covs),
    ]
    for resource in Resource:
        cells = []
        for c in covs:
            rc = next((r for r in c.resources if r.resource is resource), None)
            cells.append("-" if rc is None else _access(rc))
        lines.append(f"| {camel(resource.value)} | " + " | ".join(cells) + " |")
    lines += [
        "",
        "## Candidate fields against the commercial anchor",
        "",
        "| provider | candidate fields filled (of the anchor's 18) |",
        "|---|---|",
    ]
    for c in covs:
        rc = next((r for r in c.resources if r.resource is Resource.CANDIDATE), None)
        have = set(rc.fields) | {"id"} if rc else set()
        count = sum(1 for f in ANCHOR_CANDIDATE_FIELDS if camel(f) in have)
        lines.append(f"| {c.name} | {count} |")
    lines += [
        "",
        "## Writes",
        "",
        "`W` the mutation is offered, `-` not (calling it is `NOT_SUPPORTED_BY_PROVIDER`). The same data is",
        "served by `providers { name mutations { name inputFields required } }`.",
        "",
        "| mutation | " + " | ".join(c.name for c in covs) + " |",
        "|---|" + "---|" * len(covs),
    ]
    for op in OPERATIONS:
        cells = ["W" if any(m.name == op.mutation for m in c.mutations) else "-" for c in covs]
        lines.append(f"| {op.mutation} | " + " | ".join(cells) + " |")
    for c in covs:
        lines += ["", f"## {c.title} (`{c.name}`)", ""]
        if c.docs_url:
            lines += [f"API reference: {c.docs_url}", ""]
        lines += [
            "| resource | fields | native filters | gateway filters | orders | by parent |",
            "|---|---|---|---|---|---|",
        ]
        for rc in c.resources:
            lines.append(
                f"| {camel(rc.resource.value)} | {', '.join(rc.fields) or '-'} | {', '.join(rc.native_filters) or '-'} "
                f"| {', '.join(rc.gateway_filters) or '-'} | {', '.join(rc.orders) or '-'} | {', '.join(rc.children) or '-'} |"
            )
        if c.mutations:
            actor = "every write needs an acting user" if c.actor_required else "no acting user needed"
            lines += [
                "",
                f"Writes ({actor}):",
                "",
                "| mutation | input fields | required |",
                "|---|---|---|",
            ]
            lines += [
                f"| {m.name} | {', '.join(m.input_fields)} | {', '.join(m.required) or '-'} |"
                for m in c.mutations
            ]
        if c.notes:
            lines += ["", "Known gaps:", ""] + [f"- {note}" for note in c.notes]
    return "\n".join(lines) + "\n"
