"""Typed reads of the Workable SPI v3 endpoints the adapter uses, over ``UpstreamHttp``.

Every request goes through ``UpstreamHttp`` (metering, error mapping, Retry-After (see providers/http.py));
payloads are validated with ``parse`` (a mismatch is ``ProviderResponseInvalid``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final, Generic, TypeVar

from pydantic import BaseModel

from ..cache import Cached
from ..errors import ProviderBadInput, ProviderNotFound
from ..http import CallContext, UpstreamHttp, parse
from ..kit.paging import NextUrlPaging, is_path_cursor
from ..paths import segment
from .payloads import (
    CandidateEnvelope,
    Paging,
    WorkableAccount,
    WorkableActivity,
    WorkableApplicationForm,
    WorkableCandidate,
    WorkableDepartment,
    WorkableDisqualificationReason,
    WorkableEvent,
    WorkableJob,
    WorkableMember,
    WorkableOffer,
    WorkableStage,
)

M = TypeVar("M", bound=BaseModel)

MAX_LIMIT: Final = 100
API_ROOT: Final = "/spi/v3"

FAN_OUT: Final = 10
"""Per-id calls of one fan-out in flight at once: account tokens get 10 requests per 10 s
(README "Rate limits"), so more in flight only buys 429s."""

TABLES_TTL_S: Final = 300.0
"""Account tables (a job's stages, disqualification reasons, members, departments) change
rarely and are asked for at several depths of one query and by concurrent queries: each is
kept per adapter for 5 minutes, and concurrent misses share one read. A stage, member or
reason added upstream can take that long to appear."""


@dataclass(frozen=True)
class Collection(Generic[M]):
    items: list[M]
    next_cursor: str | None


class WorkableApi:
    def __init__(self, upstream: UpstreamHttp, *, accounts_base_url: str, subdomain: str) -> None:
        self.upstream = upstream
        # Keyset paging: ``limit`` (max 100) plus ``since_id``; a collection carries
        # ``"paging": {"next": "<full URL>"}`` while more results exist, no ``paging`` on its last
        # page (https://workable.readme.io/reference/job-candidates-index; ``GET_candidates*.json``).
        self.paging = NextUrlPaging(upstream.base_url, API_ROOT, MAX_LIMIT, ("paging", "next"))
        self.accounts_base_url = accounts_base_url.rstrip("/")
        self.subdomain = subdomain
        self._tables: Cached[str, Any] = Cached(TABLES_TTL_S)

    def ctx(self, resource: str, operation: str) -> CallContext:
        return self.upstream.context(resource, operation)

    async def _get(self, path: str, ctx: CallContext, params: Mapping[str, Any] | None = None) -> Any:
        data, _ = await self.upstream.get_json(path, params=params, ctx=ctx)
        return data

    async def collection(
        self,
        model: type[M],
        key: str,
        path: str,
        ctx: CallContext,
        *,
        params: Mapping[str, Any] | None = None,
        cursor: str | None = None,
    ) -> Collection[M]:
        """One page of ``{<key>: [...], paging: {next}}``; with ``cursor``, the page it names."""
        if cursor is not None:
            if not is_path_cursor(cursor):
                raise ctx.error(ProviderBadInput, "not a Workable page cursor this adapter issued")
            path, params = cursor, None
        data = parse(dict[str, Any], await self._get(path, ctx, params), ctx)
        items = parse(list[model], data.get(key), ctx)  # type: ignore[valid-type]
        parse(Paging | None, data.get("paging"), ctx)  # a malformed ``paging`` is an invalid answer
        return Collection(items, self.paging.next_cursor(data))

    async def collection_all(
        self, model: type[M], key: str, path: str, ctx: CallContext, params: Mapping[str, Any] | None = None
    ) -> list[M]:
        """Every page, following ``paging.next``."""
        out: list[M] = []
        cursor: str | None = None
        while True:
            page = await self.collection(model, key, path, ctx, params=params, cursor=cursor)
            out.extend(page.items)
            if page.next_cursor is None:
                return out
            cursor = page.next_cursor

    async def bare_array(self, model: type[M], path: str, ctx: CallContext) -> list[M]:
        """Endpoints answering with a bare JSON array (departments, disqualification reasons)."""
        return parse(list[model], await self._get(path, ctx), ctx)  # type: ignore[valid-type, no-any-return]

    async def one(self, model: type[M], path: str, ctx: CallContext) -> M | None:
        """A single object, or None on 404."""
        try:
            data = await self._get(path, ctx)
        except ProviderNotFound:
            return None
        return parse(model, data, ctx)  # type: ignore[no-any-return]

    # -- endpoints ----------------------------------------------------------------------
    async def candidate(self, candidate_id: str, resource: str = "candidate") -> WorkableCandidate | None:
        ctx = self.ctx(resource, "get")
        envelope = await self.one(CandidateEnvelope, f"/candidates/{segment(candidate_id, ctx)}", ctx)
        return envelope.candidate if envelope else None

    async def job(self, shortcode: str) -> WorkableJob | None:
        ctx = self.ctx("job", "get")
        return await self.one(WorkableJob, f"/jobs/{segment(shortcode, ctx)}", ctx)

    async def job_stages(self, shortcode: str) -> list[WorkableStage] | None:
        """A job's stages in pipeline order (None: no such job), kept ``TABLES_TTL_S``."""
        stages: list[WorkableStage] | None = await self._tables.get(
            f"stages:{shortcode}", lambda: self._job_stages(shortcode)
        )
        return stages

    async def _job_stages(self, shortcode: str) -> list[WorkableStage] | None:
        ctx = self.ctx("job_interview_stage", "list")
        path = f"/jobs/{segment(shortcode, ctx)}/stages"
        try:
            page = await self.collection(WorkableStage, "stages", path, ctx)
        except ProviderNotFound:
            return None
        return page.items

    async def application_form(self, shortcode: str) -> WorkableApplicationForm | None:
        ctx = self.ctx("job_form_field", "list")
        return await self.one(
            WorkableApplicationForm, f"/jobs/{segment(shortcode, ctx)}/application_form", ctx
        )

    async def departments(self) -> list[WorkableDepartment]:
        async def read() -> list[WorkableDepartment]:
            return await self.bare_array(WorkableDepartment, "/departments", self.ctx("department", "list"))

        departments: list[WorkableDepartment] = await self._tables.get("departments", read)
        return departments

    async def disqualification_reasons(self) -> list[WorkableDisqualificationReason]:
        async def read() -> list[WorkableDisqualificationReason]:
            ctx = self.ctx("reject_reason", "list")
            return await self.bare_array(WorkableDisqualificationReason, "/disqualification_reasons", ctx)

        reasons: list[WorkableDisqualificationReason] = await self._tables.get("reasons", read)
        return reasons

    async def members(self, params: Mapping[str, Any], cursor: str | None) -> Collection[WorkableMember]:
        return await self.collection(
            WorkableMember, "members", "/members", self.ctx("user", "list"), params=params, cursor=cursor
        )

    async def all_members(self) -> list[WorkableMember]:
        """Every member, active or not (100 a page), kept ``TABLES_TTL_S``."""

        async def read() -> list[WorkableMember]:
            params = {"limit": 100, "status": "all"}
            ctx = self.ctx("user", "get")
            return await self.collection_all(WorkableMember, "members", "/members", ctx, params)

        members: list[WorkableMember] = await self._tables.get("members", read)
        return members

    async def event(self, event_id: str) -> WorkableEvent | None:
        ctx = self.ctx("interview", "get")
        return await self.one(WorkableEvent, f"/events/{segment(event_id, ctx)}", ctx)

    async def activities(self, candidate_id: str, cursor: str | None) -> Collection[WorkableActivity]:
        ctx = self.ctx("activity", "list")
        path = f"/candidates/{segment(candidate_id, ctx)}/activities"
        try:
            return await self.collection(WorkableActivity, "activities", path, ctx, cursor=cursor)
        except ProviderNotFound:
            return Collection([], None)

    async def offer(self, candidate_id: str) -> WorkableOffer | None:
        ctx = self.ctx("offer", "get")
        return await self.one(WorkableOffer, f"/candidates/{segment(candidate_id, ctx)}/offer", ctx)

    async def account(self) -> WorkableAccount | None:
        url = f"{self.accounts_base_url}/accounts/{self.subdomain}"
        return await self.one(WorkableAccount, url, self.ctx("organization", "get"))
