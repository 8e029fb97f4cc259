"""Which tenants may use the operator's static connections.

Static connections (the config file's, or the embedded ``sandbox`` and ``<provider>-demo``
ones) have no tenant: they belong to the operator, who reaches them without a key on
loopback. A tenant's key reaches one only when the config grants it to that tenant
(``tenants = ["acme"]`` on the connection, graph/settings.py); it then counts as one of the
tenant's connections. Both the key-minting paths (tenancy/keys.py) and the per-request
check (tenancy/access.py) ask this module, so a key minted before a grant was withdrawn
stops working too.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping

from providers.base import ProviderAdapter


def granted_to(grants: Mapping[str, Collection[str]], tenant: str) -> frozenset[str]:
    """The static connections ``grants`` (name -> tenants) grants to ``tenant``."""
    return frozenset(name for name, tenants in grants.items() if tenant in tenants)


class StaticConnections(Mapping[str, ProviderAdapter]):
    """The static adapters by name, with the tenants each one is granted to.

    A plain mapping of adapters given where this is expected grants nothing: the safe
    default is that only the operator reaches a static connection.
    """

    def __init__(
        self,
        adapters: Mapping[str, ProviderAdapter],
        grants: Mapping[str, Collection[str]] | None = None,
    ) -> None:
        self._adapters = adapters
        self._grants = {name: frozenset(tenants) for name, tenants in (grants or {}).items()}

    @classmethod
    def of(cls, static: Mapping[str, ProviderAdapter]) -> StaticConnections:
        return static if isinstance(static, StaticConnections) else cls(static)

    def granted(self, tenant: str, name: str) -> bool:
        """Whether ``tenant`` may use the static connection ``name`` (False if there is none)."""
        return name in self._adapters and tenant in self._grants.get(name, ())

    def __getitem__(self, name: str) -> ProviderAdapter:
        return self._adapters[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._adapters)

    def __len__(self) -> int:
        return len(self._adapters)
