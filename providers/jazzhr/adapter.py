"""The JazzHR API adapter (https://api.resumatorapi.com/v1), declared on the kit
(``providers/kit/resources.py``).

Reads only. The key rides in every URL as ``?apikey=`` (``auth.QueryKey``); pages are path
segments (``paging.py``). An applicant listing is a summary (no e-mail, links or tags), so the
applicants of the page a client gets are read by id as well, concurrently (:func:`_details`);
a candidate's applications are the ``applicants2jobs`` rows that name it, an account table
read whole (JazzHR documents no filter on it) and kept ``tables_ttl_s``.

Not served: stages (applications carry a ``workflow_step_id``, but no endpoint lists the
steps), interviews, scorecards, offers, departments and offices (a job's ``department`` and
place are strings), reject reasons, EEOC (on the applicant detail only, kept in remoteData),
form fields (``questionnaire_questions`` name a questionnaire, not the job using it), and
``hires``, ``tasks`` and ``contacts``, which no unified resource holds.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar, Final

import httpx
from pydantic import BaseModel, ConfigDict, SecretStr

from ..auth import QueryKey
from ..calls import CallModel, Cost, Rule
from ..errors import ProviderBadInput
from ..http import CallContext
from ..kit.adapter import HttpAdapter
from ..kit.mapping import Ctx
from ..kit.paging import clamp_size, partial_cursor, split_partial_cursor
from ..kit.resources import Child, Endpoints, fetch_record, path_to
from ..query import ListQuery
from ..records import Record, Resource
from ..simulation import Simulation
from . import payloads as p
from .mapping import ACTIVITY, APPLICATION, ATTACHMENT, CANDIDATE, JOB, TAG, USER
from .paging import PAGE_PARAM, SIZE, PathPages, items
from .webhooks import JazzHRWebhooks

R = Resource
BASE_URL: Final = "https://api.resumatorapi.com/v1"
FAN_OUT: Final = 10
"""Detail reads in flight at once: JazzHR documents no rate limit, so a page's 100 are spread."""


class JazzHRCredentials(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    api_key: SecretStr
    """The account's API key (Settings > Integrations), sent as ``?apikey=``."""
    webhook_secret: SecretStr | None = None
    """The Partner Secret of the Custom Integration that sends Candidate Export webhooks."""


CALL_MODEL: Final = CallModel(
    rules={
        # account tables read whole, once: the rows name their candidate
        "applications": Rule(Cost.ACCOUNT, account="/applicants2jobs"),
        "tags": Rule(Cost.ACCOUNT, account="/categories"),
    },
    default=Rule(Cost.PER_KEY),
    # a page of applicants, then each one's detail, concurrently
    list_cost={"candidates": lambda nodes: (1 + len(nodes), 2 if nodes else 1)},
)


async def _details(adapter: Any, payloads: Sequence[p.Applicant]) -> Ctx:
    """The detail of every summary among ``payloads`` (a listed applicant), by id."""
    e = adapter.endpoints(R.CANDIDATE)
    wanted = [x.id for x in payloads if x.is_summary]
    found = await adapter.fan_out(lambda i: fetch_record(adapter, e, path_to(adapter, e, e.get, i)), wanted)
    return {"details": {i: d for i, d in zip(wanted, found, strict=True) if d is not None}}


def _candidate(payload: p.Applicant, ctx: Ctx) -> Record:
    """A listed applicant is read from its detail (a summary if it vanished in between)."""
    return CANDIDATE.read(ctx.get("details", {}).get(payload.id, payload), ctx)


class JazzHRAdapter(HttpAdapter):
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
    call_model = CALL_MODEL
    paging = PathPages()
    fan_out_limit = FAN_OUT
    resources = (
        Endpoints(
            R.CANDIDATE,
            p.Applicant,
            _candidate,
            maps=(CANDIDATE,),
            list="/applicants",
            get="/applicants/{id}",
            prepare=_details,
        ),
        Endpoints(
            R.APPLICATION,
            p.Application,
            APPLICATION,
            list="/applicants2jobs",
            get="/applicants2jobs/{id}",
            kept=True,
            children={"candidate": Child(attribute="candidate_id")},
        ),
        Endpoints(R.JOB, p.Job, JOB, list="/jobs", get="/jobs/{id}"),
        Endpoints(R.USER, p.User, USER, list="/users", get="/users/{id}"),
        Endpoints(R.TAG, p.Category, TAG, list="/categories", whole=True, kept=True),
        Endpoints(R.ACTIVITY, p.Activity, ACTIVITY, list="/activities", get="/activities/{id}"),
        Endpoints(
            R.ATTACHMENT,
            p.File,
            ATTACHMENT,
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
        "An applicant listing is JazzHR's summary (no e-mail, links, location or tags): each "
        "listed candidate is also read by id, so a page of n candidates costs 1 + n requests.",
        "Applications are `applicants2jobs` rows: no stage (JazzHR lists no workflow steps), no "
        "source user; a candidate's applications are read from that account table, kept 5 minutes.",
    )

    @classmethod
    def simulation(cls) -> Simulation:
        from .simulator import SIMULATION

        return SIMULATION

    async def call(
        self, path: str, ctx: CallContext, params: Mapping[str, Any] | None = None
    ) -> tuple[Any, httpx.Response]:
        """A page number goes into the path (``/page/{n}``), never the query."""
        rest = dict(params or {})
        number = rest.pop(PAGE_PARAM, None)
        if number is not None:
            path = self.paging.path(path, int(number))
        return await super().call(path, ctx, rest or None)

    def items_of(self, body: Any, ctx: CallContext, field: str | None) -> Any:
        return items(body)

    async def fetch_query_page(
        self,
        model: type[Any],
        path: str,
        ctx: CallContext,
        query: ListQuery,
        *,
        params: Mapping[str, Any] | None = None,
        field: str | None = None,
    ) -> tuple[list[Any], str | None]:
        """The client's page, cut from JazzHR's fixed pages of 100: the cursor names the
        upstream page and how many of its records were already returned."""
        token, taken = split_partial_cursor(query.cursor)
        if token is not None and not token.isdigit():
            raise ctx.error(ProviderBadInput, "invalid page cursor for JazzHR")
        number = token or "1"
        found, after = await self.fetch_page(model, path, ctx, params=params, cursor=number, field=field)
        end = taken + clamp_size(query.page_size, SIZE)
        if end < len(found):
            return found[taken:end], partial_cursor(number, end)
        return found[taken:], after
