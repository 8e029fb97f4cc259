"""The SmartRecruiters Customer API adapter (https://developers.smartrecruiters.com), declared on
the kit (``providers/kit/resources.py``), ``X-SmartToken: <key>``. Writes are in ``writes.py``.

An application is a candidate's assignment to a job (``mapping.py``): there is no list of
applications, a candidate's detail carries all of them, and everything under an application
(offers, attachments, reviews) is read at ``/candidates/{id}/jobs/{jobId}/...`` or by both ids.

Paging is ``limit`` (at most 100) and ``offset``; answers also carry ``nextPageId``, but the
parameter that takes it back is not in the sources read, so offsets are used.

Not served: offices (a location is text on jobs and candidates), interviews by application (no
list endpoint in the sources read; one interview is read by id), activities (the only feed is
each application's status history, one call per application after the candidate's detail),
form fields (the Application API's form is keyed by posting, not by job), EEOC, webhooks (the
delivery signature is not documented in the sources read).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, Final

from ..auth import BearerHeader
from ..calls import CallModel, Cost, Rule
from ..kit.adapter import HttpAdapter
from ..kit.credentials import ApiKeyCredentials
from ..kit.embeds import carried
from ..kit.resources import Child, Endpoints, Param
from ..kit.short_offsets import ShortPageOffsetPaging
from ..kit.tables import account_table
from ..kit.times import parse_instant
from ..query import FilterName
from ..records import Record, Resource
from . import mapping as m
from . import payloads as p
from .writes import WRITES_NOTES, SmartRecruitersWrites

F = FilterName
R = Resource
MAX_PAGE: Final = 100
BASE_URL: Final = "https://api.smartrecruiters.com"
USERS: Final = "/user-api/v201804/users"
INTERVIEWS: Final = "/interviews-api/v201904/interviews"
UNDER: Final = "/candidates/{candidateId}/jobs/{jobId}"
"""Where an application's offers and files are read."""


_UPDATED: Final = {F.UPDATED_AFTER: Param("updatedAfter", m.query_time, recheck=True, parse=parse_instant)}


def _applications(c: p.Candidate, ctx: Any) -> list[Record]:
    return [m.APPLICATION.read(a, {**ctx, "candidate": c.id}) for a in m.assignments(c)]


def _stages_and_reasons(c: p.Candidate, ctx: Any) -> list[Record]:
    """What each assignment carries whole: its stage and its rejection reason (``{id, label}``)."""
    found = m.assignments(c)
    stages = [m.STAGE.read(a) for a in found if a.status]
    return stages + [m.REJECT_REASON.read(r) for a in found if (r := a.reasonOfRejection) and r.id]


CALL_MODEL: Final = CallModel(
    # embedded: a candidate's tags, an application's stage and rejection reason, a job's department
    rules={name: Rule(Cost.FREE) for name in ("tags", "currentStage", "rejectReason", "departments")},
    default=Rule(Cost.PER_KEY),
)


class SmartRecruitersAdapter(SmartRecruitersWrites, HttpAdapter):
    """SmartRecruiters: see the module docstring."""

    name: ClassVar[str] = "smartrecruiters"
    title: ClassVar[str] = "SmartRecruiters"
    docs_url: ClassVar[str] = "https://developers.smartrecruiters.com/reference"
    credentials_model = ApiKeyCredentials  # sent as ``X-SmartToken``
    credentials: ApiKeyCredentials
    max_page_size: ClassVar[int] = MAX_PAGE
    # ``GET /offers`` names neither the candidate nor the job (only an application's offers do)
    listing_lacks: ClassVar[Mapping[Resource, frozenset[F]]] = {
        R.OFFER: frozenset({F.CANDIDATE_ID, F.JOB_ID})
    }
    auth_schemes = (BearerHeader(credential="api_key", header="X-SmartToken", prefix=""),)
    # the users list answers neither ``offset`` nor ``totalFound``: a full page may have a next
    paging = ShortPageOffsetPaging(
        MAX_PAGE, offset_field="offset", total_field="totalFound", items_field="content"
    )
    items_field = "content"
    call_model = CALL_MODEL
    resources = (
        Endpoints(
            R.CANDIDATE,
            p.Candidate,
            m.CANDIDATE,
            embeds=(carried(m.TAG, "tags", key=None),),
            list="/candidates",
            filters=_UPDATED,
            get="/candidates/{id}",
        ),
        Endpoints(
            R.APPLICATION,
            p.Candidate,
            _applications,
            maps=(m.APPLICATION,),
            embeds=(_stages_and_reasons,),
            parent_of=lambda i: (m.split_application(i) or (None,))[0],
            children={"candidate": Child(path="/candidates/{id}", one=True)},
            listed=False,  # no list of applications exists: only a candidate's are read
        ),
        Endpoints(
            R.JOB,
            p.Job,
            m.JOB,
            embeds=(carried(m.DEPARTMENT, "department"),),
            list="/jobs",
            filters=_UPDATED,
            get="/jobs/{id}",
        ),
        Endpoints(R.USER, p.User, m.USER, list=USERS, get=USERS + "/{id}"),
        # ``/offers`` names no application: one application's are read under it
        Endpoints(
            R.OFFER,
            p.Offer,
            m.OFFER,
            list="/offers",
            children={"application": Child(path=UNDER + "/offers", parts=m.application_parts, lists=True)},
        ),
        # listed by application only, reviews by both ids as parameters
        Endpoints(
            R.SCORECARD,
            p.Review,
            m.SCORECARD,
            get="/reviews/{id}",
            children={"application": Child(path="/reviews", parts=m.application_parts, lists=True)},
        ),
        Endpoints(
            R.ATTACHMENT,
            p.Attachment,
            m.ATTACHMENT,
            children={
                "application": Child(path=UNDER + "/attachments", parts=m.application_parts, lists=True)
            },
        ),
        Endpoints(R.INTERVIEW, p.Interview, m.INTERVIEW, get=INTERVIEWS + "/{id}"),
        account_table(R.DEPARTMENT, p.Configured, m.DEPARTMENT, "/configuration/departments"),
        account_table(R.REJECT_REASON, p.Configured, m.REJECT_REASON, "/configuration/rejection-reasons"),
        # a stage id is its status and sub-status, a tag is its name: neither needs a call
        Endpoints(R.JOB_INTERVIEW_STAGE, str, m.stage_from_id, maps=(m.STAGE,), named=True),
        Endpoints(R.TAG, str, m.TAG, named=True),
    )
    coverage_notes: ClassVar[tuple[str, ...]] = (
        "An application is a candidate's assignment to a job: its id is `<candidateId>:<jobId>`, and "
        "a candidate's applications come with the candidate's detail.",
        "A stage is an application's status (`LEAD`, `NEW`, `IN_REVIEW`, `INTERVIEW`, `OFFERED`, "
        "`HIRED`, `REJECTED`, `WITHDRAWN`) and the account's sub-status, its id `STATUS:subStatus`.",
        "A scorecard is a review (`GET /reviews?candidateId&jobId`); a tag is its name.",
        "Attachments and scorecards are listed per application only (`applicationId` filter required); "
        "offers filtered by `applicationId` are read under the application (`/offers` names none).",
        *WRITES_NOTES,
    )

    def account_base_url(self) -> str:
        return self.base_url or BASE_URL

    def items_of(self, body: Any, ctx: Any, field: str | None) -> Any:
        # reviews come as a bare array
        return body if isinstance(body, list) else super().items_of(body, ctx, field)
