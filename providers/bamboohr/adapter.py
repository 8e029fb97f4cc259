"""The BambooHR applicant-tracking adapter, declared on the kit (``providers/kit/resources.py``).

The ATS lives inside BambooHR's HR API: ``https://api.bamboohr.com/api/gateway.php/{companyDomain}/v1/``
+ ``applicant_tracking/...``, HTTP Basic with the API key as the user and ``x`` as the password,
``Accept: application/json`` (else XML). Sources: ``shared/fixtures/providers/bamboohr/README.md``
(the bamboozled client and Nango's recordings) and https://documentation.bamboohr.com/reference.

Quirks: applications page by ``page`` alone (the server picks the size; ``per_page`` is ignored)
until ``paginationComplete``; there is no candidate resource, so candidates are the applicants
of the whole application listing (read once, kept ``tables_ttl_s``, paged here); statuses are
account-wide; ``meta/users`` is an object keyed by user id; departments and locations are two
of the account's ``meta/lists``.

Not served (no endpoint in the sources read): interviews, scorecards (an application's
``rating`` only), offers, EEOC, tags, reject reasons (a rejection is a status), attachments
(``resumeFileId`` names a file of the HR files API), activities (comments can be written, not
read), job form fields (only answers, on an application's detail), organizations. BambooHR's
webhooks carry employee fields only: no ATS event.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import partial
from typing import Any, ClassVar, Final, cast

from ..auth import Basic
from ..calls import CallModel, Cost, Rule
from ..http import CallContext
from ..kit.adapter import HttpAdapter
from ..kit.credentials import ApiKeyCredentials, account_options
from ..kit.derived import derived_table
from ..kit.pageflag import PageFlagPaging, filled_page
from ..kit.resources import Child, Endpoints, Param
from ..kit.tables import account_table
from ..kit.utcparam import utc_param
from ..query import FilterName, ListQuery, Page
from ..records import ApplicationRecord, Record, Resource
from . import payloads as p
from .apply import APPLICATIONS
from .mapping import APPLICANT, APPLICATION, DEPARTMENT, JOB, OFFICE, STAGE, USER, candidates, options_of
from .writes import BambooHRWrites

F = FilterName
R = Resource
ALL: Final = {"applicationStatus": "ALL", "jobStatusGroups": "ALL"}
"""Every application, rejected ones and those of closed jobs included (the status groups of
https://documentation.bamboohr.com/reference/get-applications, as the bamboozled client names them)."""


_table = partial(account_table, paged=False)
"""An account table: one unpaged answer, read whole and kept."""


async def applicants(a: HttpAdapter) -> Sequence[Record]:
    """The applicants of every application, in the order of their first application (listed
    by offset into that order: a fresh adapter reads the listing again); writes update them."""
    return await derived_table(a, "applicants", a.endpoints(R.APPLICATION), candidates, R.CANDIDATE)


CALL_MODEL: Final = CallModel(
    rules={
        "applications": Rule(Cost.FREE),  # a candidate is read with its applications
        "candidate": Rule(Cost.ACCOUNT, account=APPLICATIONS),
    },
    default=Rule(Cost.PER_KEY),
)


class BambooHRAdapter(BambooHRWrites, HttpAdapter):
    """BambooHR: Basic auth over the company's HR API; see the module docstring."""

    name: ClassVar[str] = "bamboohr"
    account_url = "https://api.bamboohr.com/api/gateway.php/{company_domain}/v1"
    title: ClassVar[str] = "BambooHR"
    docs_url: ClassVar[str] = "https://documentation.bamboohr.com/reference"
    credentials_model = ApiKeyCredentials
    # ``acme`` of ``acme.bamboohr.com``: the account's path segment in every URL
    options_model = account_options("company_domain", r"^[A-Za-z0-9][A-Za-z0-9-]{0,62}$")
    auth_schemes = (Basic("api_key", password="x"),)
    call_model = CALL_MODEL
    # ``page`` alone until ``paginationComplete`` (``nextPageUrl`` was null in every recording)
    paging = PageFlagPaging()
    resources = (
        Endpoints(
            R.APPLICATION,
            p.Application,
            APPLICATION,
            list=APPLICATIONS,
            items="applications",
            params=ALL,
            filters={
                F.JOB_ID: Param("jobId"),
                # "a UTC timestamp, for example 2024-01-01 13:00:00"
                F.CREATED_AFTER: utc_param("newSince", "%Y-%m-%d %H:%M:%S"),
            },
            get=APPLICATIONS + "/{id}",
            children={"job": Child(param="jobId")},
        ),
        Endpoints(R.CANDIDATE, p.Applicant, APPLICANT, table=applicants),
        _table(R.JOB, p.Job, JOB, "/applicant_tracking/jobs", params={"statusGroups": "ALL"}),
        _table(R.JOB_INTERVIEW_STAGE, p.Pipeline, STAGE, "/applicant_tracking/statuses"),
        _table(R.USER, p.User, USER, "/meta/users"),
        _table(R.DEPARTMENT, p.MetaList, options_of(R.DEPARTMENT), "/meta/lists", maps=(DEPARTMENT,)),
        _table(R.OFFICE, p.MetaList, options_of(R.OFFICE), "/meta/lists", maps=(OFFICE,)),
    )
    coverage_notes: ClassVar[tuple[str, ...]] = (
        "No candidate resource: a candidate is an application's embedded `applicant`, one per "
        "applicant id; the whole application listing is read (and kept 5 minutes) to list or find "
        "candidates. Phone, address and links are on an application's detail only.",
        "Stages are the account-wide statuses; a rejection is a rejecting status (`Not a Fit`...), "
        "and `rejectedAt` its `dateChanged`, on an application's detail only.",
        "BambooHR's webhooks report employee fields only: there are no applicant-tracking events.",
        "Writes: a stage move or a rejection (a move to `Not a Fit`) is one POST, then the application "
        "is read back (the answer names only the change); a note is a comment on an application "
        "(`applicationId` required), and only its id can be read back.",
        "Writes: `createApplication` takes a new candidate given inline only (first and last name "
        "required, the primary e-mail sent) and `onDuplicateCandidate: CREATE`: BambooHR has no "
        "`createCandidate`, and `POST applicant_tracking/application` makes a new applicant with "
        "each application, so an existing candidate cannot apply (REUSE is refused, as no e-mail "
        "lookup is offered). The answer names one number only: the job's applications are read "
        "afresh for it (every page of them, at the size BambooHR picks); no `stageId`, `source` or `answers`.",
    )

    def items_of(self, body: Any, ctx: CallContext, field: str | None) -> Any:
        """``meta/users`` is an object keyed by user id: its values are the users."""
        if field is None and isinstance(body, Mapping):
            return list(body.values())
        return super().items_of(body, ctx, field)

    # -- applications: pages of the server's size, cut to the size asked ------------------------
    async def list_applications(self, query: ListQuery) -> Page[ApplicationRecord]:
        """The page asked, filled from as many upstream pages as it takes; the cursor points
        into an upstream page (a partial cursor) when that page was only partly returned."""
        found = await filled_page(self, self.endpoints(R.APPLICATION), query)
        return cast("Page[ApplicationRecord]", found)
