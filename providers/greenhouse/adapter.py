"""The Greenhouse Harvest adapter, declared on the kit (``providers/kit/resources.py``); the
methods written here are Greenhouse's quirks.

Harvest v1/v2 with an API key (Basic auth, ``/v1`` paths, page + ``Link`` paging), or Harvest v3
with OAuth client credentials (Bearer, ``/v3`` paths, cursor ``Link`` paging). v3 payloads are
assumed to have the v1 shapes (no v3 examples are published). Batching, per relationship:

* candidates by id: ``GET /v1/candidates?candidate_ids=1,2,...``, 50 ids per request;
* applications and attachments by candidate: embedded in those candidates (same request);
  with v3 (no embedding) ``GET /v3/applications?candidate_ids=...``, 50 candidates per request;
* departments and offices of a job: embedded in it; their children: one read of the list;
* everything else by id or by parent: per-id endpoints only, one request each, concurrent.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar, Final, TypeVar

import httpx

from ..auth import Basic, OAuth2ClientCredentials
from ..base import Connection
from ..calls import CallModel, Cost, Rule
from ..http import CallContext
from ..kit.adapter import HttpAdapter, pick
from ..kit.ids import embedded_by_id, grouped, is_integer, listed_by_ids, only_valid_ids
from ..kit.mapping import embedded_at
from ..kit.oauth import ClientCredentialsAuth
from ..kit.paging import LinkHeaderPaging
from ..kit.resources import (
    Child,
    Endpoints,
    Param,
    children_of,
    list_records,
    path_to,
    query_params,
    read_records,
)
from ..kit.times import iso_z, parse_iso
from ..query import FilterName, ListQuery, Page
from ..records import ActivityRecord, ApplicationRecord, CandidateRecord, Resource
from ..resilience.policy import RateLimit
from . import mapping as m
from . import payloads as wire
from .auth import DEFAULT_TOKEN_URL, GreenhouseCredentials, GreenhouseOptions, token_request
from .webhooks import GreenhouseWebhooks
from .writes import GreenhouseWrites

F = FilterName
M = TypeVar("M")
R = Resource
MAX_PER_PAGE: Final = 500


TIMES: Final = {
    n: Param(n.value, iso_z, parse=parse_iso)
    for n in (F.CREATED_AFTER, F.CREATED_BEFORE, F.UPDATED_AFTER, F.UPDATED_BEFORE)
}
JOB_ID: Final = Param("job_id")


def _strict(items: Sequence[Any], query: ListQuery, params: Mapping[str, Any] | None) -> list[Any]:
    """Greenhouse's time bounds are inclusive ("at or after") and ours strict: what sits on a
    bound that was sent is dropped (the rest Greenhouse has checked)."""
    sent = [n for n in TIMES if n.value in (params or {})]
    bounds = [(n.value.split("_")[0] + "_at", getattr(query.filter, n.value)) for n in sent]
    return [i for i in items if all(getattr(i, stamp, None) != bound for stamp, bound in bounds)]


def _of(parent: str, path: str, query: str = "") -> dict[str, Child]:
    """The children of each ``parent`` at ``/<parent>s/{id}/<path>``."""
    return {parent: Child(f"/{parent}s/{{id}}/{path}{query}")}


def _timed(
    resource: Resource, model: Any, read: Any, path: str, every: bool = False, **more: Any
) -> Endpoints:
    """A list with the time filters (unless ``filters`` says otherwise), a record per id at
    ``/<path>/{id}``; ``every``: each application's at ``/applications/{id}/<path>``, 500 a page."""
    more = {"filters": TIMES, **more}
    if every:
        more["children"] = _of("application", path, f"?per_page={MAX_PER_PAGE}")
    return Endpoints(resource, model, read, list=f"/{path}", get=f"/{path}/{{id}}", **more)


def _tree(resource: Resource, model: Any, read: Any, path: str) -> Endpoints:
    """Departments and offices, with ``parent_id`` / ``child_ids`` (``render_as=list``); no
    parent filter: the children are picked from one read of the list."""
    return Endpoints(
        resource,
        model,
        read,
        list=f"/{path}",
        params={"render_as": "list"},
        get=f"/{path}/{{id}}?render_as=list",
        children={"parent": Child(attribute="parent_id")},
    )


class GreenhouseAdapter(GreenhouseWrites, HttpAdapter):
    """Greenhouse Harvest (https://developers.greenhouse.io/harvest.html)."""

    name: ClassVar[str] = "greenhouse"
    title: ClassVar[str] = "Greenhouse"
    docs_url: ClassVar[str] = "https://developers.greenhouse.io/harvest.html"
    credentials_model = GreenhouseCredentials
    webhooks = GreenhouseWebhooks()
    options_model = GreenhouseOptions
    credentials: GreenhouseCredentials
    options: GreenhouseOptions
    default_base_url: ClassVar[str | None] = "https://harvest.greenhouse.io"
    max_batch_size: ClassVar[int] = 50
    """``candidate_ids`` takes at most 50 ids; per-id fan-outs are capped the same way."""
    max_page_size: ClassVar[int] = MAX_PER_PAGE
    # Harvest v1/v2 take the API key; v3 exchanges client credentials (option ``token_url``).
    auth_schemes = (Basic(username="api_key"), OAuth2ClientCredentials(token_url=DEFAULT_TOKEN_URL))
    call_model = CallModel(  # the minimum-call model (``providers/calls.py``)
        rules={
            "applications": Rule(Cost.FREE),  # embedded in the candidate
            "attachments": Rule(Cost.FREE),  # embedded in the candidate
            "departments": Rule(Cost.FREE),  # embedded in the job
            "offices": Rule(Cost.FREE),  # embedded in the job
            "rejectReason": Rule(Cost.FREE),  # embedded in the application
        },
        default=Rule(Cost.PER_KEY),
    )
    rate_limit = RateLimit(requests=50, per_s=10.0)  # X-RateLimit-Limit per 10 s, docs example
    # v1 (https://developers.greenhouse.io/harvest.html#pagination) pages by ``page`` numbers
    # and v3 (https://harvestdocs.greenhouse.io/docs/pagination) by a ``cursor``; both put the
    # next page in the ``Link`` header, which the docs say to follow rather than build.
    paging = LinkHeaderPaging("", MAX_PER_PAGE)
    default_headers: ClassVar[Mapping[str, str]] = {}  # Harvest answers JSON unasked
    native_sorts = {}
    resources = (
        Endpoints(
            R.CANDIDATE,
            wire.GreenhouseCandidate,
            m.to_candidate,
            list="/candidates",
            filters={**TIMES, F.JOB_ID: JOB_ID, F.EMAIL: Param("email")},
            maps=(m.CANDIDATE,),
        ),
        # ``last_activity_after`` is not ``updated_after``: not offered as such.
        Endpoints(
            R.APPLICATION,
            wire.GreenhouseApplication,
            m.to_application,
            list="/applications",
            filters={k: v for k, v in TIMES.items() if k.value.startswith("created")} | {F.JOB_ID: JOB_ID},
            get="/applications/{id}",
            maps=(m.APPLICATION,),
        ),
        Endpoints(  # embedded only: no endpoint
            R.ATTACHMENT,
            wire.GreenhouseAttachment,
            m.ATTACHMENT,
            children={"candidate": Child(embedded=True), "application": Child(embedded=True)},
        ),
        Endpoints(
            R.ACTIVITY,
            wire.GreenhouseActivityFeed,
            m.to_activities,
            maps=(m.ACTIVITY,),
            children={"candidate": Child(path="/candidates/{id}/activity_feed", one=True)},
            listed=False,
        ),
        Endpoints(
            R.TAG, wire.GreenhouseTag, m.TAG, list="/tags/candidate", children=_of("candidate", "tags")
        ),
        _timed(R.USER, wire.GreenhouseUser, m.USER, "users", filters={**TIMES, F.EMAIL: Param("email")}),
        Endpoints(R.EEOC, wire.GreenhouseEeoc, m.EEOC, list="/eeoc", get="/applications/{id}/eeoc"),
        Endpoints(
            R.REJECT_REASON,
            wire.GreenhouseRejectionReason,
            m.REJECT_REASON,
            list="/rejection_reasons",
            params={"include_defaults": "true"},
            whole=True,  # no per-id endpoint: the (short) list is read once and picked from
        ),
        _timed(  # a job's departments and offices, embedded whole
            R.JOB,
            wire.GreenhouseJob,
            m.JOB,
            "jobs",
            embeds=(
                embedded_at("departments", m.DEPARTMENT, many=True),
                embedded_at("offices", m.OFFICE, many=True),
            ),
        ),
        _tree(R.DEPARTMENT, wire.GreenhouseDepartment, m.DEPARTMENT, "departments"),
        _tree(R.OFFICE, wire.GreenhouseOffice, m.OFFICE, "offices"),
        _timed(
            R.JOB_INTERVIEW_STAGE,
            wire.GreenhouseJobStage,
            m.STAGE,
            "job_stages",
            children=_of("job", "stages"),
            extra_filters=frozenset({F.JOB_ID}),
        ),
        Endpoints(
            R.JOB_FORM_FIELD,
            wire.GreenhouseJobPost,
            m.to_job_form_fields,
            list="/job_posts",
            children=_of("job", "job_posts"),
            extra_filters=frozenset({F.JOB_ID}),
            maps=(m.FORM_FIELD,),
        ),
        _timed(
            R.INTERVIEW, wire.GreenhouseScheduledInterview, m.INTERVIEW, "scheduled_interviews", every=True
        ),
        _timed(
            R.SCORECARD,
            wire.GreenhouseScorecard,
            m.SCORECARD,
            "scorecards",
            children=_of("application", "scorecards"),
        ),
        _timed(R.OFFER, wire.GreenhouseOffer, m.OFFER, "offers", every=True),
    )

    def __init__(self, connection: Connection, http: httpx.AsyncClient | None = None) -> None:
        super().__init__(connection, http)
        self.version = "v3" if self.credentials.uses_oauth else "v1"

    def write_refusal(self) -> Exception | None:
        """Harvest v3's write endpoints are not documented with examples: v1 (an API key) writes."""
        if self.version == "v1":
            return None
        return self._unsupported(R.CANDIDATE, "writes with Harvest v3 credentials (use an API key)")

    def upstream_auth(self) -> httpx.Auth | None:
        """v3 exchanges the client credentials for tokens; v1 sends the API key."""
        if not self.credentials.uses_oauth:
            return self.static_auth()
        return ClientCredentialsAuth(
            lambda: token_request(self.credentials, self.options.token_url),
            provider=self.name,
            connection=self.connection.name,
        )

    async def call(
        self, path: str, ctx: CallContext, params: Mapping[str, Any] | None = None
    ) -> tuple[Any, httpx.Response]:
        """Versioned paths: the declared paths are read under ``/v1`` or ``/v3`` (by the
        credentials); a next-page cursor already carries its version."""
        if not path.startswith(("/v1/", "/v3/")):
            path = f"/{self.version}{path}"
        return await super().call(path, ctx, params)

    async def fetch_query_page(
        self,
        model: type[M],
        path: str,
        ctx: CallContext,
        query: ListQuery,
        *,
        params: Mapping[str, Any] | None = None,
        field: str | None = None,
    ) -> tuple[list[M], str | None]:
        items, cursor = await super().fetch_query_page(model, path, ctx, query, params=params, field=field)
        return _strict(items, query, params), cursor

    # -- quirks -------------------------------------------------------------------------------
    async def get_candidates(self, ids: Sequence[str]) -> Sequence[CandidateRecord | None]:
        """The get-many batch: ``GET /v1/candidates?candidate_ids=1,2,3`` (50 per request)."""
        e, valid = self.endpoints(R.CANDIDATE), [i for i in ids if is_integer(i)]
        found = await listed_by_ids(
            self, e, "candidate_ids", valid, page_size=self.max_batch_size, operation="get"
        )
        return pick(found, ids)  # type: ignore[return-value]

    async def list_applications_by_candidate_ids(
        self, ids: Sequence[str]
    ) -> Mapping[str, Sequence[ApplicationRecord]]:
        if self.version == "v1":  # v1 candidates embed their complete applications
            return embedded_by_id(await self.get_candidates(ids), ApplicationRecord, ids)
        # v3 no longer embeds them: the application list by candidate, 50 per request (the v3
        # ``candidate_ids`` filter as described by third-party v3 connector docs).
        e, valid = self.endpoints(R.APPLICATION), [i for i in ids if is_integer(i)]
        found = await listed_by_ids(self, e, "candidate_ids", valid, page_size=MAX_PER_PAGE)
        return grouped(found, "candidate_id", ids)

    async def list_activities_by_candidate_ids(
        self, ids: Sequence[str]
    ) -> Mapping[str, Sequence[ActivityRecord]]:
        """The feed is v1 only: one request per candidate, concurrent."""
        if self.version != "v1":
            raise self._unsupported(R.ACTIVITY, "the activity feed with Harvest v3 credentials")
        e, valid = self.endpoints(R.ACTIVITY), [i for i in ids if is_integer(i)]
        feeds = await children_of(self, e, "candidate", valid)
        return {i: feeds.get(i, []) for i in ids}  # type: ignore[misc]

    async def _by_job(self, resource: Resource, path: str, query: ListQuery) -> Page[Any]:
        """A list filtered by job reads the per-job endpoint, which is not paginated and takes
        only the time filters."""
        e, job = self.endpoints(resource), query.filter.job_id
        if job is None or query.cursor is not None:
            return await list_records(self, e, query)
        if not is_integer(job):
            return Page([])
        params = query_params(e, query)
        path = path_to(self, e, path, job)
        items, cursor = await self.fetch_page(e.model, path, self.ctx(resource, "list"), params=params)
        return Page(await read_records(self, e, _strict(items, query, params)), cursor)

    async def list_job_interview_stages(self, query: ListQuery) -> Page[Any]:
        return await self._by_job(R.JOB_INTERVIEW_STAGE, "/jobs/{id}/stages", query)

    async def list_job_form_fields(self, query: ListQuery) -> Page[Any]:
        return await self._by_job(R.JOB_FORM_FIELD, "/jobs/{id}/job_posts", query)


# Greenhouse ids are integers: any other id names no record, and never reaches a URL.
only_valid_ids(GreenhouseAdapter, is_integer)
