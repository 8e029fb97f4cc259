"""What every resource type shares: enums, value objects, the record-to-type builder and
the relationship helpers that go through the per-request loaders.

A type is built from its record by copying plain fields; a field the connection's provider
does not have is set to an ``UnsupportedField`` error instance, which graphql-core reports
as an error on that field alone (a resolver that returns an exception raises it there).
Nothing here knows which provider serves the request.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeVar

import strawberry
from graphql import FieldNode
from strawberry.scalars import JSON
from strawberry.types import Info

from providers.errors import UnsupportedOperation
from providers.records import (
    ActivityType,
    AttachmentType,
    FormFieldType,
    InterviewStatus,
    JobStatus,
    JobType,
    OfferStatus,
    OverallRecommendation,
    Record,
    Resource,
    Visibility,
)
from providers.records import values as v

if TYPE_CHECKING:
    from graph.context import Context
    from providers.base import ProviderAdapter

T = TypeVar("T")

strawberry.enum(
    ActivityType, description="What kind of activity: a note, an e-mail, or OTHER (see rawActivityType)."
)
strawberry.enum(Visibility, description="Who may see an activity.")
strawberry.enum(AttachmentType, description="What an attached file is.")
strawberry.enum(InterviewStatus, description="Where a scheduled interview stands.")
strawberry.enum(
    JobStatus, description="A job's lifecycle status; OTHER keeps the provider's value in rawStatus."
)
strawberry.enum(JobType, description="Employment type of a job.")
strawberry.enum(
    OfferStatus, description="Where an offer stands; OTHER keeps the provider's value in rawStatus."
)
strawberry.enum(OverallRecommendation, description="An interviewer's overall hire recommendation.")
strawberry.enum(
    FormFieldType, description="The input type of an application form field; OTHER keeps rawType."
)


@strawberry.type(description="An e-mail address.")
class EmailAddress:
    email: str = strawberry.field(description="The address.")
    type: str | None = strawberry.field(default=None, description="Provider's label, e.g. personal or work.")
    is_primary: bool | None = strawberry.field(default=None, description="Whether it is the primary address.")


@strawberry.type(description="A phone number.")
class PhoneNumber:
    number: str = strawberry.field(description="The number as the provider stores it.")
    type: str | None = strawberry.field(default=None, description="Provider's label, e.g. mobile or work.")
    extension: str | None = strawberry.field(default=None, description="Extension, when stored apart.")


@strawberry.type(description="A URL with its kind.")
class Url:
    url: str = strawberry.field(description="The URL.")
    type: str | None = strawberry.field(
        default=None, description="Provider's label, e.g. linkedin or portfolio."
    )


@strawberry.type(description="Where an application came from.")
class Source:
    id: str | None = strawberry.field(default=None, description="The provider's id of the source.")
    name: str | None = strawberry.field(
        default=None, description="The source's name, e.g. LinkedIn or Referral."
    )


@strawberry.type(description="A team a job belongs to (a free-standing label at most providers).")
class Team:
    id: str | None = strawberry.field(default=None, description="The provider's id of the team.")
    name: str | None = strawberry.field(default=None, description="The team's name.")


@strawberry.type(description="A job's pay range.")
class Compensation:
    min: Decimal | None = strawberry.field(default=None, description="Lower bound.")
    max: Decimal | None = strawberry.field(default=None, description="Upper bound.")
    currency: str | None = strawberry.field(default=None, description="ISO 4217 currency code.")
    period: str | None = strawberry.field(default=None, description="Pay period, e.g. year or hour.")


@strawberry.type(description="A choice of a select, radio or checkbox form field.")
class FormFieldOption:
    label: str = strawberry.field(description="What the candidate sees.")
    value: str | None = strawberry.field(default=None, description="What is submitted.")


@strawberry.type(description="One question of a scorecard and its answer.")
class FormValue:
    question: str = strawberry.field(description="The question or attribute.")
    answer: str | None = strawberry.field(default=None, description="The interviewer's answer, as text.")


# The GraphQL type of each record value object. ``build`` hands the record's own value objects
# to graphql-core, which reads fields by attribute (and lists from any iterable): each has every
# attribute of its GraphQL type (tests/bench pins this), and copying them into Strawberry
# instances was most of what building a scorecard cost.
_VALUE_TYPES: dict[type[Any], type[Any]] = {
    v.EmailAddress: EmailAddress,
    v.PhoneNumber: PhoneNumber,
    v.Url: Url,
    v.Source: Source,
    v.Team: Team,
    v.Compensation: Compensation,
    v.FormFieldOption: FormFieldOption,
    v.FormValue: FormValue,
}


class UnsupportedField(UnsupportedOperation):
    """Set as a field's value when the provider does not have that field."""


NODE_TYPES: dict[Resource, type[Any]] = {}


def node_type(resource: Resource) -> Callable[[type[T]], type[T]]:
    """Register a Strawberry type as the GraphQL face of ``resource``."""

    def register(cls: type[T]) -> type[T]:
        shadowed = _shadowed_record_fields(cls, resource)
        NODE_TYPES[resource] = cls
        cls.resource = resource  # type: ignore[attr-defined]
        _SHADOWED[cls] = shadowed
        return cls

    return register


def _plain_fields(cls: type[Any]) -> tuple[str, ...]:
    """The fields of ``cls`` that hold a record's value as is (no resolver, not the identity)."""
    return tuple(
        f.python_name
        for f in cls.__strawberry_definition__.fields
        if f.base_resolver is None and f.python_name not in ("id", "remote_id", "record")
    )


def _spec_field(python_name: str) -> str:
    return (python_name[len("raw_") :] if python_name.startswith("raw_") else python_name).rstrip("_")


_SHADOWED: dict[type[Any], tuple[str, ...]] = {}


def _shadowed_record_fields(cls: type[Any], resource: Resource) -> tuple[str, ...]:
    """The record fields ``build`` must drop again after copying the record's attribute dict.

    ``build`` fills a type from that dict in one C-level copy, which needs every plain field of
    the type to be a field of the record (pydantic keeps those in ``__dict__``; a missing one
    would silently read the class default): checked here, once per type, at registration.
    Record fields named like a field the type resolves itself (``remote_data``) are dropped, or
    the instance attribute would shadow the resolver; the other extra attributes it copies
    (``job_id``, ``tag_ids``...) are never read by GraphQL.
    """
    record_fields = set(resource.record_type.model_fields)
    missing = set(_plain_fields(cls)) - record_fields
    if missing or "record" in record_fields:
        raise TypeError(
            f"{cls.__name__} has fields {resource.record_type.__name__} does not: {sorted(missing)}"
        )
    resolved = {f.python_name for f in cls.__strawberry_definition__.fields if f.base_resolver is not None}
    return tuple(sorted(record_fields & resolved))


_MISSING: dict[tuple[type[Any], frozenset[str]], tuple[tuple[str, str], ...]] = {}


def _missing(cls: type[Any], unsupported: frozenset[str]) -> tuple[tuple[str, str], ...]:
    """(field, spec name) of the plain fields of ``cls`` the provider does not have."""
    # build() runs once per resolved object, so this is worked out once per type and provider
    key = (cls, unsupported)
    found = _MISSING.get(key)
    if found is None:
        specs = ((n, _spec_field(n)) for n in _plain_fields(cls))
        found = _MISSING[key] = tuple((n, spec) for n, spec in specs if spec in unsupported)
    return found


def build(resource: Resource, record: Record, ctx: Context) -> Any:
    """The GraphQL object for ``record``."""
    cls = NODE_TYPES[resource]
    # a quarter of the CPU of the dataclass __init__ with every field as a keyword
    built = object.__new__(cls)
    values = built.__dict__
    values.update(record.__dict__)
    for name in _SHADOWED[cls]:
        values.pop(name, None)
    values["record"] = record
    missing = _missing(cls, ctx.unsupported[resource])
    if missing:
        # the enum's value read once per object, not twice per field (each read is a
        # descriptor call, and an Ashby candidate alone lacks three fields)
        adapter, kind = ctx.adapter, resource.value
        for name, spec in missing:
            values[name] = _unsupported_field(adapter, kind, spec)
    return built


def build_many(resource: Resource, records: Sequence[Record | None], ctx: Context) -> list[Any]:
    return [build(resource, r, ctx) for r in records if r is not None]


def _unsupported(ctx: Context, resource: Resource, spec_name: str) -> UnsupportedField:
    return _unsupported_field(ctx.adapter, resource.value, spec_name)


def _unsupported_field(adapter: ProviderAdapter, resource: str, spec_name: str) -> UnsupportedField:
    return UnsupportedField(
        f"{adapter.title or adapter.name} has no {resource}.{spec_name} field",
        provider=adapter.name,
        connection=adapter.connection.name,
        resource=resource,
        operation=spec_name,
    )


def require_field(ctx: Context, resource: Resource, spec_name: str) -> None:
    if spec_name in ctx.unsupported[resource]:
        raise _unsupported(ctx, resource, spec_name)


_ID_ONLY: frozenset[str] = frozenset({"id", "__typename"})


def selects_only_ids(field_nodes: Sequence[FieldNode]) -> bool:
    """Whether the selection under a field is plain ``id``/``__typename`` fields.

    Then ids the owner's record lists answer it without an upstream read (an export of
    application ids would otherwise fetch every application). Fragments or directives opt out.
    """
    for node in field_nodes:
        selection = node.selection_set
        if selection is None:
            return False
        for sel in selection.selections:
            if not isinstance(sel, FieldNode) or sel.directives or sel.name.value not in _ID_ONLY:
                return False
    return True


_PLACEHOLDERS: dict[Resource, Record] = {}


def references(target: Resource, ids: Sequence[str]) -> list[Any]:
    """Objects for ``ids`` under an ids-only selection, without reading their records."""
    # The record behind a reference is never read: one empty placeholder per resource serves
    # them all (building one each was half their cost).
    placeholder = _PLACEHOLDERS.get(target)
    if placeholder is None:
        placeholder = _PLACEHOLDERS[target] = target.record_type.model_construct(id="")
    cls = NODE_TYPES[target]
    return [cls(id=i, remote_id=None, record=placeholder) for i in ids]


def remote_data(info: Info[Context, Any], record: Record) -> JSON | None:
    return info.context.adapter.raw_record(record)
