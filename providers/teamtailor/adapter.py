"""The Teamtailor API adapter (https://docs.teamtailor.com, JSON:API), declared on the kit
(``providers/kit/resources.py``); JSON:API itself is the kit's (``kit/jsonapi.py``).

Writes are in ``writes.py``. Every read sends the ``include=`` its records need (``mapping.INCLUDE``): Teamtailor
sends a relationship's linkage (the related id) only for included relationships, and what is
included comes back whole, so a page of candidates brings its applications with their job
(its department, locations and recruiter), stage and reject reason in the same call, and the
loaders are primed with them (``kit.jsonapi.embedded``).

Not served (no such endpoint in the sources read): interviews, scorecards, offers (an add-on
without a documented shape), EEOC. Activities are notes (the activities list endpoint was
removed in 2020); a job's form fields are the questions picked for it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, Final, Literal
from urllib.parse import parse_qs, urlencode, urlsplit

import httpx

from ..auth import BearerHeader
from ..calls import CallModel, Cost, Rule
from ..http import CallContext
from ..kit.adapter import HttpAdapter
from ..kit.credentials import ApiKeyCredentials, Settings
from ..kit.jsonapi import Doc, JsonApiWire, PageNumbers, primary_endpoints
from ..kit.jsonapi_docs import dashed
from ..kit.listcost import upstream_pages
from ..kit.resources import Child, Endpoints, Param
from ..kit.sorting import sort_params
from ..kit.times import iso_z_seconds, parse_instant
from ..query import FilterName
from ..records import Resource
from . import payloads as p
from .mapping import (
    ACTIVITY,
    APPLICATION,
    ATTACHMENT,
    CANDIDATE,
    DEPARTMENT,
    INCLUDE,
    JOB,
    OFFICE,
    ORGANIZATION,
    PICKED,
    QUESTION,
    REJECT_REASON,
    STAGE,
    TAG,
    USER,
    form_field,
    included,
    tags,
)
from .writes import WRITES_NOT_OFFERED, TeamtailorWrites

F = FilterName
R = Resource
API_ROOT: Final = "/v1"
API_VERSION: Final = "20161108"
"""The ``X-Api-Version`` the documentation's examples use (the header is required)."""
MAX_PAGE: Final = 30
"""``page[size]``: default 10, at most 30 (docs "Pagination")."""
BASE_URLS: Final = {"eu": "https://api.teamtailor.com/v1", "na": "https://api.na.teamtailor.com/v1"}


class TeamtailorCredentials(ApiKeyCredentials):
    """``api_key``: an Admin-scope key (candidates, applications and users need it)."""

    api_version: str = API_VERSION
    region: Literal["eu", "na"] = "eu"
    """The stack the account lives on (``api.na.teamtailor.com`` for NA)."""


class TeamtailorOptions(Settings):
    actor_id: str | None = None
    """The Teamtailor user a note is written as (its ``user``) when a mutation names no ``actorId``."""


_TIMES: Final = {  # ``filter[<field>][from|to]``: inclusive bounds, so the records are checked again
    name: Param(f"filter[{field}][{side}]", iso_z_seconds, recheck=True, parse=parse_instant)
    for name, field, side in (
        (F.CREATED_AFTER, "created-at", "from"),
        (F.CREATED_BEFORE, "created-at", "to"),
        (F.UPDATED_AFTER, "updated-at", "from"),
        (F.UPDATED_BEFORE, "updated-at", "to"),
    )
}


CALL_MODEL: Final = CallModel(
    rules={  # what the includes bring along (see INCLUDE)
        name: Rule(Cost.FREE)
        for name in (
            "applications",
            "candidate",
            "job",
            "currentStage",
            "rejectReason",
            "departments",
            "offices",
            "recruiters",
            "tags",
        )
    },
    default=Rule(Cost.PER_KEY),
    list_cost={
        root: upstream_pages(MAX_PAGE, numbered=True) for root in ("candidates", "applications", "jobs")
    },
)


class TeamtailorAdapter(JsonApiWire, TeamtailorWrites, HttpAdapter):
    """Teamtailor: ``Authorization: Token token=<key>`` and ``X-Api-Version``; see the module docstring."""

    name: ClassVar[str] = "teamtailor"
    title: ClassVar[str] = "Teamtailor"
    docs_url: ClassVar[str] = "https://docs.teamtailor.com"
    credentials_model = TeamtailorCredentials
    credentials: TeamtailorCredentials
    options_model = TeamtailorOptions
    max_page_size: ClassVar[int] = MAX_PAGE
    auth_schemes = (BearerHeader(credential="api_key", prefix="Token token="),)
    call_model = CALL_MODEL
    paging = PageNumbers("", API_ROOT, MAX_PAGE, ("links", "next"), size_param="page[size]")
    resources = (
        primary_endpoints(
            R.CANDIDATE,
            Doc[p.Candidate],
            CANDIDATE,
            embeds=(included, tags),
            list="/candidates",
            filters={F.EMAIL: Param("filter[email]", recheck=True), **_TIMES},
            sorts=sort_params(name=lambda f: dashed(f.value)),
            get="/candidates/{id}",
        ),
        primary_endpoints(
            R.APPLICATION,
            Doc[p.Application],
            APPLICATION,
            embeds=(included,),
            list="/job-applications",
            filters=_TIMES,
            sorts=sort_params(name=lambda f: dashed(f.value)),
            get="/job-applications/{id}",
            children={"candidate": Child(path="/candidates/{id}/job-applications")},
        ),
        primary_endpoints(
            R.JOB,
            Doc[p.Job],
            JOB,
            embeds=(included,),
            list="/jobs",
            params={"filter[status]": "all"},  # the default lists published jobs only
            get="/jobs/{id}",
            children={
                "department": Child(param="filter[department]"),
                "office": Child(param="filter[locations]"),
            },
        ),
        primary_endpoints(
            R.JOB_INTERVIEW_STAGE,
            Doc[p.Stage],
            STAGE,  # its included job lacks its own linkage: only the id is read
            list="/stages",
            get="/stages/{id}",
            children={"job": Child(path="/jobs/{id}/stages")},
        ),
        Endpoints(
            R.JOB_FORM_FIELD,
            p.PickedQuestionDoc,
            form_field,
            maps=(PICKED, QUESTION),
            children={"job": Child(path="/jobs/{id}/picked-questions")},
        ),
        primary_endpoints(R.REJECT_REASON, Doc[p.Reason], REJECT_REASON, table="/reject-reasons"),
        primary_endpoints(R.DEPARTMENT, Doc[p.Named], DEPARTMENT, table="/departments"),
        primary_endpoints(R.OFFICE, Doc[p.Location], OFFICE, table="/locations"),
        primary_endpoints(R.USER, Doc[p.User], USER, list="/users", get="/users/{id}"),
        primary_endpoints(
            R.ATTACHMENT,
            Doc[p.Upload],
            ATTACHMENT,
            list="/uploads",
            get="/uploads/{id}",
            children={"candidate": Child(path="/candidates/{id}/uploads")},
        ),
        primary_endpoints(R.ACTIVITY, Doc[p.Note], ACTIVITY, list="/notes", get="/notes/{id}"),
        # the account's one company (``GET /company``)
        primary_endpoints(R.ORGANIZATION, Doc[p.Named], ORGANIZATION, single="/company"),
        Endpoints(R.TAG, str, TAG, named=True),  # its name is its id: no call
    )
    coverage_notes: ClassVar[tuple[str, ...]] = (
        "Reads send `include=` so that a relationship's id and record come with its owner: a page of "
        "candidates brings their applications, each application's job (with its department, locations "
        "and recruiter), stage and reject reason in one call.",
        "A tag is its name (Teamtailor tags are strings on candidates and jobs). A stage's `position` is "
        "Teamtailor's `row-order`, which orders a job's stages but is not an index.",
        "`Job.applications` is not served: applications have no job filter, and a job links its "
        "candidates, not its applications.",
        *WRITES_NOT_OFFERED,
    )

    def account_base_url(self) -> str:
        return self.base_url or BASE_URLS[self.credentials.region]

    def upstream_headers(self) -> dict[str, str]:
        return {**super().upstream_headers(), "X-Api-Version": self.credentials.api_version}

    async def call(
        self, path: str, ctx: CallContext, params: Mapping[str, Any] | None = None
    ) -> tuple[Any, httpx.Response]:
        """Every read of a resource with relationships includes them, and every list read
        asks the largest page (a parent's children are read without a size: Teamtailor's
        default is 10). What a next-page link already carries is not sent twice, and what it
        lacks is added to its query (httpx would replace a path's query by ``params``)."""
        sent = parse_qs(urlsplit(path).query)
        params = dict(params or {})
        include = INCLUDE.get(ctx.resource)
        if include is not None and "include" not in sent:
            params.setdefault("include", include)
        if ctx.operation == "list" and "page[number]" not in sent:
            params.setdefault("page[size]", MAX_PAGE)
        if sent and params:
            path, params = f"{path}&{urlencode(params)}", {}
        return await super().call(path, ctx, params or None)
