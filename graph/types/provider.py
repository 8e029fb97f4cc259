"""What each provider can serve: the coverage matrix, queryable."""

from __future__ import annotations

import strawberry

from providers.coverage import MutationCoverage, ProviderCoverage, ResourceCoverage, camel


@strawberry.type(description="What one provider serves of one resource.")
class ResourceSupport:
    name: str = strawberry.field(description="The resource, as in the schema (e.g. jobInterviewStage).")
    can_list: bool = strawberry.field(name="list", description="Whether the resource can be listed.")
    get_by_id: bool = strawberry.field(description="Whether records can be fetched by id.")
    fields: list[str] = strawberry.field(
        description="Fields the provider fills; others give NOT_SUPPORTED_BY_PROVIDER."
    )
    filters: list[str] = strawberry.field(description="Filters accepted, native or applied by the gateway.")
    native_filters: list[str] = strawberry.field(description="Filters the provider applies itself.")
    gateway_filters: list[str] = strawberry.field(description="Filters the gateway applies on what it reads.")
    order_by: list[str] = strawberry.field(description="Orders available, as FIELD_DIRECTION.")
    by_parent: list[str] = strawberry.field(
        description="Parent keys the resource can be listed by in batches."
    )

    @classmethod
    def from_coverage(cls, rc: ResourceCoverage) -> ResourceSupport:
        return cls(
            name=camel(rc.resource.value),
            can_list=rc.can_list,
            get_by_id=rc.can_get,
            fields=list(rc.fields),
            filters=list(rc.filters),
            native_filters=list(rc.native_filters),
            gateway_filters=list(rc.gateway_filters),
            order_by=list(rc.orders),
            by_parent=list(rc.children),
        )


@strawberry.type(description="A mutation one provider offers.")
class MutationSupport:
    name: str = strawberry.field(description="The mutation, as in the schema (e.g. createCandidate).")
    input_fields: list[str] = strawberry.field(
        description="Input fields it takes; others give NOT_SUPPORTED_BY_PROVIDER."
    )
    required: list[str] = strawberry.field(
        description="Input fields it needs; without them BAD_USER_INPUT names the field."
    )

    @classmethod
    def from_coverage(cls, mc: MutationCoverage) -> MutationSupport:
        return cls(name=mc.name, input_fields=list(mc.input_fields), required=list(mc.required))


@strawberry.type(description="A provider hiregraph speaks, and what it can serve.")
class ProviderInfo:
    name: str = strawberry.field(description="The provider's key, as in a connection's config.")
    title: str = strawberry.field(description="Its display name.")
    docs_url: str | None = strawberry.field(description="Its API reference.")
    resources: list[ResourceSupport] = strawberry.field(description="The resources it serves.")
    mutations: list[MutationSupport] = strawberry.field(
        description="The mutations it offers (any other is NOT_SUPPORTED_BY_PROVIDER)."
    )
    actor_required: bool = strawberry.field(
        description="Whether every write needs an acting user (actorId, or the connection's actor_id option)."
    )

    @classmethod
    def from_coverage(cls, pc: ProviderCoverage) -> ProviderInfo:
        return cls(
            name=pc.name,
            title=pc.title,
            docs_url=pc.docs_url or None,
            resources=[ResourceSupport.from_coverage(r) for r in pc.resources],
            mutations=[MutationSupport.from_coverage(m) for m in pc.mutations],
            actor_required=pc.actor_required,
        )
