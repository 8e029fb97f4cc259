"""The Breezy HR v3 API adapter (https://developer.breezy.hr), declared on the kit.

Base URL ``https://api.breezy.hr/v3/company/{company_id}``; ``Authorization: <access token>``
as is, no scheme (the reference's examples): a personal API token, or one ``POST /v3/signin``
returned (third-party descriptions; sessions expire). Reads only, and webhooks.

A Breezy candidate is position-scoped (``/position/{id}/candidates``): it is the application,
and a person is found across positions (``mapping.py``). So the account is read whole and
kept ``tables_ttl_s``; candidates, applications, stages and resumes are listed and read by id
from it, so every listing is exact and its cursor resumes on any worker. What is not served,
and why: ``coverage_notes``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar, Final

from pydantic import SecretStr

from ..auth import BearerHeader
from ..calls import CallModel, Cost, Rule
from ..kit.adapter import HttpAdapter
from ..kit.credentials import SignedCredentials, account_options
from ..kit.paging import PageNumberPaging
from ..kit.resources import Endpoints, TableReader, whole_table
from ..paths import segment
from ..records import JobRecord, Record, Resource
from . import mapping as m
from . import payloads as p
from .mapping import Account, account_of
from .webhooks import BreezyWebhooks

R = Resource
API: Final = "https://api.breezy.hr/v3"
MAX_PAGE: Final = 50
"""``page_size`` at most (``page`` from 1, a bare array back, no total: the candidate list's
documented example): the maximum is a third-party claim (lava.so's Breezy page)."""


class BreezyCredentials(SignedCredentials):
    access_token: SecretStr
    """A personal API token (or a session's ``access_token`` from ``POST /v3/signin``); the
    ``webhook_secret`` is the webhook endpoint's ``whsec_…`` secret (``webhooks.py``)."""


async def read_account(a: HttpAdapter) -> Account:
    """The positions, then every position's candidates (positions concurrently)."""
    jobs = [j for j in await whole_table(a, a.endpoints(R.JOB)) if isinstance(j, JobRecord)]
    ctx = a.ctx(R.CANDIDATE, "list")

    async def candidates(job: JobRecord) -> list[p.Candidate]:
        path = f"/position/{segment(job.id, ctx)}/candidates"
        return await a.fetch_all(p.Candidate, path, ctx, page_size=MAX_PAGE)

    return account_of(jobs, await a.fan_out(candidates, jobs))


def kept(part: Callable[[Account], Sequence[Record]]) -> TableReader:
    """One table of the account, read on first use and kept ``tables_ttl_s``."""

    async def table(a: HttpAdapter) -> Sequence[Record]:
        account: Account = await a.tables.get("account", lambda: read_account(a))
        return part(account)

    return table


_ACCOUNT: Final = Rule(Cost.ACCOUNT, account="candidates")
CALL_MODEL: Final = CallModel(
    # a candidate of the kept account carries its applications, their positions and stages
    rules={
        name: Rule(Cost.FREE)
        for name in ("applications", "job", "currentStage", "candidate", "tags", "attachments")
    },
    default=Rule(Cost.PER_KEY),
    by_id={r: _ACCOUNT for r in (R.CANDIDATE, R.APPLICATION, R.JOB_INTERVIEW_STAGE, R.ATTACHMENT)},
)


class BreezyAdapter(HttpAdapter):
    """Breezy HR: the access token as the ``Authorization`` header; see the module docstring."""

    name: ClassVar[str] = "breezy"
    account_url = f"{API}/company/{{company_id}}"
    title: ClassVar[str] = "Breezy HR"
    docs_url: ClassVar[str] = "https://developer.breezy.hr"
    credentials_model = BreezyCredentials
    credentials: BreezyCredentials
    # the company's ``_id`` (``GET /v3/companies``): the account's path segment in every URL
    options_model = account_options("company_id", r"^[A-Za-z0-9]{1,64}$")
    max_page_size: ClassVar[int] = 100
    auth_schemes = (BearerHeader(credential="access_token", prefix=""),)
    call_model = CALL_MODEL
    paging = PageNumberPaging(MAX_PAGE, size_param="page_size")
    webhooks = BreezyWebhooks()
    resources = (
        Endpoints(R.CANDIDATE, p.Candidate, m.CANDIDATE, table=kept(lambda x: x.candidates)),
        Endpoints(R.APPLICATION, p.Candidate, m.APPLICATION, table=kept(lambda x: x.applications)),
        Endpoints(R.JOB, p.Position, m.JOB, list="/positions", paged=False, whole=True, kept=True),
        Endpoints(R.JOB_INTERVIEW_STAGE, p.Named, m.STAGE, listed=False, table=kept(lambda x: x.stages)),
        Endpoints(R.TAG, str, m.TAG, named=True),  # a tag is its name: got with no call
        Endpoints(R.ATTACHMENT, p.Candidate, m.RESUME, listed=False, table=kept(lambda x: x.resumes)),
    )
    coverage_notes: ClassVar[tuple[str, ...]] = (
        "A Breezy candidate is scoped to one position (it is the application, "
        "`<position id>-<candidate id>`): people are told apart across positions by e-mail "
        "(case-insensitive), else by `_id`; a person's id is their first candidate's `_id`.",
        "The account's candidates are read whole (every position, `page_size` 50 at most: a "
        "third-party claim) and kept a few minutes; candidates, applications and stages are paged "
        "from it by the gateway.",
        "Stages are the candidates' `stage` (`<position id>-<stage id>`): the pipelines answer has "
        "no shape in the pages found. A tag is its name; the `resume` is the application's one "
        "attachment.",
        "A position's `department` (no documented type), the candidate's `headline`, `origin` and "
        "`meta_id` stay in `remoteData`. Scorecards, questionnaires, conversations, documents and "
        "users: no documented answer shape found, not served.",
    )
