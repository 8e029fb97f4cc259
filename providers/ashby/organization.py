"""Ashby's organisation reads: users, and the small organisation-wide lists (departments,
locations, archive reasons, candidate tags) that get-many reads whole, in one listing."""

from __future__ import annotations

from collections.abc import Sequence

from providers.query import ListQuery, Page
from providers.records import (
    DepartmentRecord,
    OfficeRecord,
    RejectReasonRecord,
    Resource,
    TagRecord,
    UserRecord,
)

from ..kit.adapter import pick
from . import mapping as m
from . import mapping_org as mo
from .client import AshbyRpcAdapter
from .payloads import AshbyArchiveReason, AshbyTag, AshbyUser
from .payloads_org import AshbyDepartment, AshbyLocation


class AshbyOrganizationReads(AshbyRpcAdapter):
    """Users, departments, offices (Ashby locations), reject reasons (archive reasons), tags."""

    # -- users -------------------------------------------------------------------------
    async def list_users(self, query: ListQuery) -> Page[UserRecord]:
        if query.filter.email is not None:  # user.search {email}: no paging
            found, _ = await self.fetch_page(
                AshbyUser, *self.rpc("user.search", Resource.USER), params={"email": query.filter.email}
            )
            return Page([m.to_user(u) for u in found])
        body = {"includeDeactivated": True}
        items, cursor = await self.fetch_query_page(
            AshbyUser, *self.rpc("user.list", Resource.USER), query, params=body
        )
        return Page([m.to_user(u) for u in items], cursor)

    async def get_users(self, ids: Sequence[str]) -> Sequence[UserRecord | None]:
        async def one(i: str) -> UserRecord | None:
            p = await self.fetch_one(AshbyUser, *self.rpc("user.info", Resource.USER), {"userId": i})
            return m.to_user(p) if p else None

        return await self.fan_out(one, ids)  # concurrent: user.info takes one id

    # -- organisation-wide lists (read whole; get-many picks from one listing) -----------
    async def _departments(self) -> list[DepartmentRecord]:
        call = self.rpc("department.list", Resource.DEPARTMENT)
        items = await self.fetch_all(AshbyDepartment, *call, params={"includeArchived": True})
        return [mo.to_department(d) for d in items]

    async def list_departments(self, query: ListQuery) -> Page[DepartmentRecord]:
        return Page(await self._departments())

    async def get_departments(self, ids: Sequence[str]) -> Sequence[DepartmentRecord | None]:
        return pick(await self._departments(), ids)

    async def _offices(self) -> list[OfficeRecord]:
        call = self.rpc("location.list", Resource.OFFICE)
        items = await self.fetch_all(AshbyLocation, *call, params={"includeArchived": True})
        return [mo.to_office(o) for o in items]

    async def list_offices(self, query: ListQuery) -> Page[OfficeRecord]:
        return Page(await self._offices())

    async def get_offices(self, ids: Sequence[str]) -> Sequence[OfficeRecord | None]:
        return pick(await self._offices(), ids)

    async def _reject_reasons(self) -> list[RejectReasonRecord]:
        call = self.rpc("archiveReason.list", Resource.REJECT_REASON)
        items = await self.fetch_all(AshbyArchiveReason, *call, params={"includeArchived": True})
        return [m.to_reject_reason(r) for r in items]

    async def list_reject_reasons(self, query: ListQuery) -> Page[RejectReasonRecord]:
        return Page(await self._reject_reasons())

    async def get_reject_reasons(self, ids: Sequence[str]) -> Sequence[RejectReasonRecord | None]:
        return pick(await self._reject_reasons(), ids)

    async def list_tags(self, query: ListQuery) -> Page[TagRecord]:
        call = self.rpc("candidateTag.list", Resource.TAG)
        items, cursor = await self.fetch_query_page(AshbyTag, *call, query, params={"includeArchived": True})
        return Page([m.to_tag(t) for t in items], cursor)

    async def get_tags(self, ids: Sequence[str]) -> Sequence[TagRecord | None]:
        body = {"includeArchived": True, "limit": 100}
        items = await self.fetch_all(AshbyTag, *self.rpc("candidateTag.list", Resource.TAG), params=body)
        return pick([m.to_tag(t) for t in items], ids)
