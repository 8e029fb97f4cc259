"""The JazzHR API adapter (https://api.resumatorapi.com/v1), declared on the kit
(``providers/kit/resources.py``).

Reads only, with the quirks its ``coverage_notes`` tell clients: the key in every URL
(``auth.QueryKey``), fixed pages as path segments (``kit/pathpages.py``), an applicant listing as
a summary (reading each listed applicant too would cost 101 requests a page, over an operation's
default budget), and an application as an applicant in a job (``kit.fieldspecs.pair_id``), read
by candidate and by id from the applicant's detail: JazzHR documents no filter on ``applicants2jobs``.

Not served: stages (applications carry a ``workflow_step_id``, but no endpoint lists the
steps), interviews, scorecards, offers, departments and offices (a job's ``department`` and
place are strings), reject reasons, EEOC (on the applicant detail only, kept in remoteData),
form fields (``questionnaire_questions`` name a questionnaire, not the job using it), and
``hires``, ``tasks`` and ``contacts``, which no unified resource holds.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar, Final

from ..auth import QueryKey
from ..calls import CallModel, Cost, Rule
from ..kit.credentials import ApiKeyCredentials, SignedCredentials
from ..kit.fieldspecs import pair_part
from ..kit.pathpages import PathNumberPaging, PathPagedAdapter
from ..kit.resources import Child, Endpoints, fetch_record, path_to
from ..records import Record, Resource
from . import mapping as m
from . import payloads as p
from .webhooks import JazzHRWebhooks

R = Resource
BASE_URL: Final = "https://api.resumatorapi.com/v1"
DETAIL: Final = "/applicants/{id}"
SIZE: Final = 100
"""A page's records (JazzHR's pages cannot be asked smaller: client pages are cut from them)."""
FAN_OUT: Final = 10
"""Per-id reads in flight at once: JazzHR documents no rate limit, so a page's 100 are spread."""


class JazzHRCredentials(SignedCredentials, ApiKeyCredentials):
    """The account's API key, sent as ``?apikey=``; the webhook secret is the Partner Secret of
    the Custom Integration that sends Candidate Export webhooks."""


class JazzHRAdapter(PathPagedAdapter):
    """JazzHR: ``?apikey=`` and path pages; see the module docstring."""

    name: ClassVar[str] = "jazzhr"
    title: ClassVar[str] = "JazzHR"
    docs_url: ClassVar[str] = "https://www.resumatorapi.com/v1/"
    default_base_url: ClassVar[str | None] = BASE_URL
    credentials_model = JazzHRCredentials
    credentials: JazzHRCredentials
    webhooks = JazzHRWebhooks()
    max_page_size: ClassVar[int] = SIZE
    auth_schemes = (QueryKey(credential="api_key", param="apikey"),)
    # a listed candidate's applications and tags: its detail
    call_model = CallModel(rules={}, default=Rule(Cost.PER_KEY))
    paging = PathNumberPaging(SIZE)
    fan_out_limit = FAN_OUT
    shares_reads_in_flight = True  # the detail serves both a candidate's tags and applications
    resources = (
        Endpoints(
            R.CANDIDATE,
            p.Applicant,
            m.CANDIDATE,
            list="/applicants",
            get=DETAIL,
            embeds=(m.applied_jobs,),  # a detail's jobs: its applications, loaded with it
        ),
        Endpoints(
            R.APPLICATION,
            p.Application,
            m.applications,
            maps=(m.APPLICATION, m.APPLIED_JOB),
            list="/applicants2jobs",
            parent_of=lambda i: pair_part(i, 0),  # the applicant, whose detail lists its jobs
            children={"candidate": Child(path=DETAIL, one=True)},
        ),
        Endpoints(R.JOB, p.Job, m.JOB, list="/jobs", get="/jobs/{id}"),
        Endpoints(R.USER, p.User, m.USER, list="/users", get="/users/{id}"),
        Endpoints(R.TAG, p.Category, m.TAG, list="/categories", whole=True, kept=True),
        Endpoints(R.ACTIVITY, p.Activity, m.ACTIVITY, list="/activities", get="/activities/{id}"),
        Endpoints(
            R.ATTACHMENT,
            p.File,
            m.ATTACHMENT,
            list="/files",
            get="/files/{id}",
            children={"candidate": Child(path="/files/applicant_id/{id}")},
        ),
    )
    coverage_notes: ClassVar[tuple[str, ...]] = (
        "The API key is a query parameter (`?apikey=`): it is in every upstream URL, never in an "
        "error, a log line, a cursor or `remoteData`.",
        "Pages are 100 records at a fixed size and carry no totals: a page the client asks smaller "
        "is cut from the upstream page (ending short at that page's end), and a listing whose last "
        "page is exactly full ends with one empty page.",
        "An applicant listing is JazzHR's summary: `emails`, `urls`, `locations` and `tags` come "
        "with a read by id (`candidate(id:)`), not in `candidates` (reading each listed applicant "
        "too would cost 101 requests a page of 100).",
        "An application is an applicant in a job, identified `<applicant id>:<job id>`: listed from "
        "`applicants2jobs` (with its apply date), read by id and by candidate from the applicant's "
        "detail (its `jobs`, without the date). No stage: JazzHR lists no workflow steps.",
    )

    async def list_tags_by_candidate_ids(self, ids: Sequence[str]) -> dict[str, list[Record]]:
        """From each applicant's detail (its ``categories``), concurrently: JazzHR documents no
        filter on the ``categories2applicants`` rows."""
        e = self.endpoints(R.CANDIDATE)
        found = await self.fan_out(lambda i: fetch_record(self, e, path_to(self, e, DETAIL, i)), ids)
        return {
            i: [m.TAG.read(c) for c in d.categories or ()] if d is not None else []
            for i, d in zip(ids, found, strict=True)
        }
