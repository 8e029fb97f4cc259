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

from ..kit.fanout import map_limited
from . import mapping as m
from . import mapping_org as mo
from .client import page_body
from .payloads import AshbyArchiveReason, AshbyTag, AshbyUser
from .payloads_org import AshbyDepartment, AshbyLocation
from .reads import AshbyReads


class AshbyOrganizationReads(AshbyReads):
    """Users, departments, offices (Ashby locations), reject reasons (archive reasons), tags."""

    # -- users -------------------------------------------------------------------------
    async def list_users(self, query: ListQuery) -> Page[UserRecord]:
        if query.filter.email is not None:  # user.search {email}: no paging
            found, _ = await self._list(
                "user.search", AshbyUser, {"email": query.filter.email}, Resource.USER
            )
            return Page([m.to_user(u) for u in found])
        body = page_body(query, includeDeactivated=True)
        items, cursor = await self._list("user.list", AshbyUser, body, Resource.USER)
        return Page([m.to_user(u) for u in items], cursor)

    async def get_users(self, ids: Sequence[str]) -> Sequence[UserRecord | None]:
        async def one(i: str) -> UserRecord | None:
            p = await self._info("user.info", AshbyUser, {"userId": i}, Resource.USER)
            return m.to_user(p) if p else None

        return await map_limited(one, ids)  # concurrent: user.info takes one id

    # -- organisation-wide lists (read whole; get-many picks from one listing) -----------
    async def _departments(self) -> list[DepartmentRecord]:
        items = await self._read_all(
            "department.list", AshbyDepartment, {"includeArchived": True}, Resource.DEPARTMENT
        )
        return [mo.to_department(d) for d in items]

    async def list_departments(self, query: ListQuery) -> Page[DepartmentRecord]:
        return Page(await self._departments())

    async def get_departments(self, ids: Sequence[str]) -> Sequence[DepartmentRecord | None]:
        return self._pick(await self._departments(), ids)

    async def _offices(self) -> list[OfficeRecord]:
        items = await self._read_all(
            "location.list", AshbyLocation, {"includeArchived": True}, Resource.OFFICE
        )
        return [mo.to_office(o) for o in items]

    async def list_offices(self, query: ListQuery) -> Page[OfficeRecord]:
        return Page(await self._offices())

    async def get_offices(self, ids: Sequence[str]) -> Sequence[OfficeRecord | None]:
        return self._pick(await self._offices(), ids)

    async def _reject_reasons(self) -> list[RejectReasonRecord]:
        body = {"includeArchived": True}
        items = await self._read_all("archiveReason.list", AshbyArchiveReason, body, Resource.REJECT_REASON)
        return [m.to_reject_reason(r) for r in items]

    async def list_reject_reasons(self, query: ListQuery) -> Page[RejectReasonRecord]:
        return Page(await self._reject_reasons())

    async def get_reject_reasons(self, ids: Sequence[str]) -> Sequence[RejectReasonRecord | None]:
        return self._pick(await self._reject_reasons(), ids)

    async def list_tags(self, query: ListQuery) -> Page[TagRecord]:
        body = page_body(query, includeArchived=True)
        items, cursor = await self._list("candidateTag.list", AshbyTag, body, Resource.TAG)
        return Page([m.to_tag(t) for t in items], cursor)

    async def get_tags(self, ids: Sequence[str]) -> Sequence[TagRecord | None]:
        body = {"includeArchived": True, "limit": 100}
        items = await self._read_all("candidateTag.list", AshbyTag, body, Resource.TAG)
        return self._pick([m.to_tag(t) for t in items], ids)
