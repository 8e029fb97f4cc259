"""Root fields about the server itself: the providers it speaks and the connection in use."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.types import Info

from graph.context import Context
from graph.types.provider import ProviderInfo
from providers.coverage import provider_coverage
from providers.registry import PROVIDERS


@strawberry.type
class ProviderQuery:
    @strawberry.field(description="Every provider this server speaks, with the coverage of each.")
    def providers(self) -> list[ProviderInfo]:
        return [ProviderInfo.from_coverage(provider_coverage(cls)) for cls in PROVIDERS.values()]

    @strawberry.field(description="The provider behind the connection serving this request.")
    def connection_provider(self, info: Info[Context, Any]) -> ProviderInfo:
        return ProviderInfo.from_coverage(provider_coverage(type(info.context.adapter)))
