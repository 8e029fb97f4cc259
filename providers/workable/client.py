"""What is Workable's own over the kit's ``HttpAdapter``: the account's base URL and headers,
collection envelopes, and typed reads of the SPI v3 endpoints the adapter uses."""

from __future__ import annotations

from typing import Any, Final

import httpx

from ..base import Connection
from ..cache import Cached
from ..errors import ProviderNotFound
from ..http import CallContext, parse
from ..kit.adapter import HttpAdapter
from ..kit.paging import NextUrlPaging
from ..paths import segment
from .auth import ACCOUNTS_BASE_URL, WorkableCredentials, default_base_url, partner_headers
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


class WorkableBase(HttpAdapter):
    """Workable's quirks over the kit's base: the account's subdomain base URL, partner
    headers, collection envelopes, and its endpoints (the resource methods are in the
    adapter). Account tables are kept ``TABLES_TTL_S``."""

    credentials: WorkableCredentials
    # Keyset paging: ``limit`` (max 100) plus ``since_id``; a collection carries
    # ``"paging": {"next": "<full URL>"}`` while more results exist, no ``paging`` on its last
    # page (https://workable.readme.io/reference/job-candidates-index; ``GET_candidates*.json``).
    paging = NextUrlPaging("", API_ROOT, MAX_LIMIT, ("paging", "next"))
    fan_out_limit = FAN_OUT

    def __init__(self, connection: Connection, http: httpx.AsyncClient | None = None) -> None:
        super().__init__(connection, http)
        # The account endpoint lives on www.workable.com; an override (proxy, simulator) serves it too.
        self.accounts_base_url = self.base_url if connection.base_url else ACCOUNTS_BASE_URL
        self._tables: Cached[str, Any] = Cached(TABLES_TTL_S)

    def account_base_url(self) -> str:
        """``https://{subdomain}.workable.com/spi/v3``, unless the connection gives a base URL."""
        return self.base_url or default_base_url(self.credentials.subdomain)

    def upstream_headers(self) -> dict[str, str]:
        return {**super().upstream_headers(), **partner_headers(self.credentials)}

    def items_of(self, body: Any, ctx: CallContext, field: str | None) -> Any:
        """A collection's ``field``, its ``paging`` checked; without ``field``, a bare array
        (departments, disqualification reasons)."""
        if field is None:
            return body
        data = parse(dict[str, Any], body, ctx)
        parse(Paging | None, data.get("paging"), ctx)  # a malformed ``paging`` is an invalid answer
        return data.get(field)

    # -- endpoints ----------------------------------------------------------------------
    async def candidate(self, candidate_id: str, resource: str = "candidate") -> WorkableCandidate | None:
        ctx = self.ctx(resource, "get")
        envelope = await self.fetch_one(CandidateEnvelope, f"/candidates/{segment(candidate_id, ctx)}", ctx)
        return envelope.candidate if envelope else None

    async def job(self, shortcode: str) -> WorkableJob | None:
        ctx = self.ctx("job", "get")
        return await self.fetch_one(WorkableJob, f"/jobs/{segment(shortcode, ctx)}", ctx)

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
            stages, _ = await self.fetch_page(WorkableStage, path, ctx, field="stages")
        except ProviderNotFound:
            return None
        return stages

    async def application_form(self, shortcode: str) -> WorkableApplicationForm | None:
        ctx = self.ctx("job_form_field", "list")
        return await self.fetch_one(
            WorkableApplicationForm, f"/jobs/{segment(shortcode, ctx)}/application_form", ctx
        )

    async def departments(self) -> list[WorkableDepartment]:
        async def read() -> list[WorkableDepartment]:
            ctx = self.ctx("department", "list")
            found: list[WorkableDepartment] = await self.fetch(list[WorkableDepartment], "/departments", ctx)
            return found

        departments: list[WorkableDepartment] = await self._tables.get("departments", read)
        return departments

    async def disqualification_reasons(self) -> list[WorkableDisqualificationReason]:
        async def read() -> list[WorkableDisqualificationReason]:
            ctx = self.ctx("reject_reason", "list")
            model = list[WorkableDisqualificationReason]
            found: list[WorkableDisqualificationReason] = await self.fetch(
                model, "/disqualification_reasons", ctx
            )
            return found

        reasons: list[WorkableDisqualificationReason] = await self._tables.get("reasons", read)
        return reasons

    async def all_members(self) -> list[WorkableMember]:
        """Every member, active or not (100 a page), kept ``TABLES_TTL_S``."""

        async def read() -> list[WorkableMember]:
            params = {"limit": 100, "status": "all"}
            ctx = self.ctx("user", "get")
            return await self.fetch_all(WorkableMember, "/members", ctx, params=params, field="members")

        members: list[WorkableMember] = await self._tables.get("members", read)
        return members

    async def event(self, event_id: str) -> WorkableEvent | None:
        ctx = self.ctx("interview", "get")
        return await self.fetch_one(WorkableEvent, f"/events/{segment(event_id, ctx)}", ctx)

    async def activities(
        self, candidate_id: str, cursor: str | None
    ) -> tuple[list[WorkableActivity], str | None]:
        ctx = self.ctx("activity", "list")
        path = f"/candidates/{segment(candidate_id, ctx)}/activities"
        try:
            return await self.fetch_page(WorkableActivity, path, ctx, cursor=cursor, field="activities")
        except ProviderNotFound:
            return [], None

    async def offer(self, candidate_id: str) -> WorkableOffer | None:
        ctx = self.ctx("offer", "get")
        return await self.fetch_one(WorkableOffer, f"/candidates/{segment(candidate_id, ctx)}/offer", ctx)

    async def account(self) -> WorkableAccount | None:
        url = f"{self.accounts_base_url}/accounts/{self.credentials.subdomain}"
        return await self.fetch_one(WorkableAccount, url, self.ctx("organization", "get"))
