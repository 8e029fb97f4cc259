"""The Recruiterflow API adapter (``/api/external``, header ``RF-Api-Key``), declared on the kit
(``providers/kit/resources.py``). Sources: the fixture README (Nango's recorded calls and sync
code) in ``shared/fixtures/providers/recruiterflow/``; no official reference was readable.

Reads only. Lists page by ``current_page`` (from 1) and ``items_per_page``, and candidate and
job lists are bare arrays: a page shorter than asked is the last (``kit.paging.PageNumberPaging``).
A job names its department and locations: the account's tables give their ids (``prepare``).
The other quirks, and what is not served, are the adapter's ``coverage_notes``: a candidate's
applications are the jobs it is in (with stage, when moved, disqualification reason), embedded
in every page of candidates; by id, the whole list is read (a paged ``account_table``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar, Final

from ..auth import BearerHeader
from ..calls import CallModel, Cost, Rule
from ..kit.adapter import HttpAdapter
from ..kit.credentials import ApiKeyCredentials
from ..kit.fieldspecs import pair_part
from ..kit.paging import PageNumberPaging
from ..kit.resources import Child, Endpoints, Param, whole_table
from ..kit.tables import account_table, by_name
from ..query import FilterName
from ..records import JobInterviewStageRecord, Resource
from . import mapping as m
from . import payloads as p

F = FilterName
R = Resource
API_ROOT: Final = "/api/external"
BASE_URL: Final = f"https://api.recruiterflow.com{API_ROOT}"
MAX_PAGE: Final = 100
"""``items_per_page`` Nango's syncs ask (no documented maximum was found)."""


JOB_NAMES: Final = by_name(departments=R.DEPARTMENT, offices=R.OFFICE)
"""What a job names by name (department, locations), as ids: the account's kept tables."""
PIPELINE: Final = "/job/pipeline"
"""``?job_id=``: a job's stages with counts, and each candidate's moves (its applications)."""
STAGES_BY_JOB: Final = Child(
    PIPELINE, "job_id", one=True, model=p.Pipeline, read=m.pipeline_stages, lists=True, fresh=True
)
"""A job's stages, from its pipeline (not kept, as the account's stage names are), also when
stages are listed by job: the account's stage names name no job, so none would match one."""

CALL_MODEL: Final = CallModel(
    # a candidate's applications come with it; a reject reason is its text (no call)
    rules={"applications": Rule(Cost.FREE), "rejectReason": Rule(Cost.FREE)},
    default=Rule(Cost.PER_KEY),
)


class RecruiterflowAdapter(HttpAdapter):
    """Recruiterflow: the ``RF-Api-Key`` header; see the module docstring."""

    name: ClassVar[str] = "recruiterflow"
    title: ClassVar[str] = "Recruiterflow"
    docs_url: ClassVar[str] = "https://recruiterflow.com"
    default_base_url: ClassVar[str | None] = BASE_URL
    credentials_model = ApiKeyCredentials  # sent as ``RF-Api-Key``
    credentials: ApiKeyCredentials
    max_page_size: ClassVar[int] = MAX_PAGE
    auth_schemes = (BearerHeader(credential="api_key", header="RF-Api-Key", prefix=""),)
    call_model = CALL_MODEL
    paging = PageNumberPaging(MAX_PAGE, page_param="current_page", size_param="items_per_page")
    resources = (
        account_table(
            R.CANDIDATE,
            p.Candidate,
            m.CANDIDATE,
            "/candidate/list",
            paged=True,
            embeds=(m.candidate_applications,),
        ),
        Endpoints(
            R.APPLICATION,
            p.CandidateJob,
            m.APPLICATION,
            maps=(m.PIPELINE_APPLICATION,),
            parent_of=lambda i: pair_part(i, 1),  # read by id from its job's pipeline
            children={
                "job": Child(PIPELINE, "job_id", one=True, model=p.Pipeline, read=m.pipeline_applications)
            },
            listed=False,
        ),
        account_table(R.JOB, p.Job, m.JOB, "/job/list", paged=True, prepare=JOB_NAMES),
        account_table(
            R.JOB_INTERVIEW_STAGE,
            str,
            m.STAGE,
            "/job/stage_names",
            "data",
            maps=(m.PIPELINE_STAGE,),
            children={"job": STAGES_BY_JOB},
        ),
        account_table(R.DEPARTMENT, p.Named, m.DEPARTMENT, "/job/department/list", "data"),
        account_table(R.OFFICE, p.Location, m.OFFICE, "/location/list", "data"),
        account_table(R.USER, p.User, m.USER, "/user/list", "data"),
        Endpoints(
            R.ACTIVITY,
            p.Activity,
            m.ACTIVITY,
            list="/candidate/activity/list",
            items="data",
            filters={F.CANDIDATE_ID: Param("id", required=True)},  # never the account's
        ),
        Endpoints(R.REJECT_REASON, str, m.REJECT_REASON, named=True),  # its text is its id: no call
    )
    coverage_notes: ClassVar[tuple[str, ...]] = (
        "An application is a job a candidate is in (`candidate/list` `jobs[]`, id `<candidate>:<job>`): "
        'a page of candidates brings them all. Rejection is a move to the stage "Disqualified"; its '
        "reason, free text, is the reject reason (its id is the text).",
        "A stage is a name (`job/stage_names`): applications name their stage only by name. A job's "
        "stages and, by id, its applications come from its pipeline (`job/pipeline`, one call per job).",
        "No endpoint reads one candidate or one job: by id, the whole list is read and kept 5 minutes.",
        "Activities are listed per candidate only (`candidateId` filter required). Stages listed "
        "with a `jobId` filter are that job's, from its pipeline.",
        "An application's `source` is not filled: Recruiterflow keeps one source per candidate "
        "(`source_name`, in remoteData). A job has one department.",
        "Not served, no endpoint or no recorded shape in the sources read: interviews, offers, EEOC, "
        "job form fields, organizations; tags and attachments (`tags`/`files` are empty in every "
        "recorded candidate); scorecards (`candidate/scorecard/list` was recorded empty).",
    )

    # -- quirks --------------------------------------------------------------------------------
    async def get_job_interview_stages(self, ids: Sequence[str]) -> list[JobInterviewStageRecord | None]:
        """The account's stage names; "Disqualified" even where the account lists none."""
        table = await whole_table(self, self.endpoints(R.JOB_INTERVIEW_STAGE))
        names = {r.id for r in table} | {m.DISQUALIFIED}
        return [JobInterviewStageRecord(id=i, remote_id=i, name=i) if i in names else None for i in ids]
