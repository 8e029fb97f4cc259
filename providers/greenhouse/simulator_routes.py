"""The simulator's state and endpoint table: which sandbox records each Harvest path serves."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from ..kit.simulator import RateWindow, SimulatorFaults
from ..kit.times import parse_iso
from ..records import (
    ApplicationRecord,
    CandidateRecord,
    EeocRecord,
    JobFormFieldRecord,
    JobRecord,
    Record,
    Resource,
    UserRecord,
)
from .simulator_render import JSON, Renderer, encode_id

if TYPE_CHECKING:
    from ..sandbox import Dataset

R = Resource


# -- endpoints --------------------------------------------------------------------------------
@dataclass
class Listing:
    """A paginated list: the sandbox records that match, and how to render one."""

    records: Sequence[Any]
    render: Callable[[Any], JSON | None]


Handler = Callable[["Simulator", Mapping[str, str], re.Match[str]], "Listing | JSON | list[JSON] | None"]


def _time_filtered(
    records: Sequence[Any], params: Mapping[str, str], created: str = "created_at"
) -> list[Any]:
    bounds = [
        (p, parse_iso(params[p]))
        for p in ("created_after", "created_before", "updated_after", "updated_before")
        if params.get(p)
    ]
    out = []
    for r in records:
        ok = True
        for name, bound in bounds:
            value = getattr(r, created if name.startswith("created") else "updated_at", None)
            if value is None:
                ok = False
            elif name.endswith("after"):
                ok = ok and value >= bound  # Greenhouse: "at or after"
            else:
                ok = ok and value < bound
        if ok:
            out.append(r)
    return out


def _ids(params: Mapping[str, str], name: str) -> set[int] | None:
    raw = params.get(name)
    return None if raw is None else {int(x) for x in raw.split(",") if x.strip().isdigit()}


class Simulator:
    """The state behind the app: dataset indexes, tokens, cursors, counters and faults."""

    def __init__(self, data: Dataset, credentials: Mapping[str, str], faults: SimulatorFaults) -> None:
        self.data = data
        self.render = Renderer(data)
        self.credentials = dict(credentials)
        self.faults = faults
        self.tokens: dict[str, float] = {}
        self.cursors: dict[str, tuple[str, dict[str, str], int]] = {}
        self.window = RateWindow()
        self.by_number: dict[Resource, dict[int, Record]] = {
            r: {encode_id(x.id): x for x in data.records(r)} for r in Resource
        }

    def one(self, resource: Resource, number: str) -> Record | None:
        return self.by_number[resource].get(int(number))

    def children(self, resource: Resource, parent: str, number: str, parent_resource: Resource) -> list[Any]:
        record = self.one(parent_resource, number)
        if record is None:
            return []
        return list(self.data.children(resource, parent).get(record.id, ()))

    # -- the endpoint table -------------------------------------------------------------------
    def candidates(self, p: Mapping[str, str], _: re.Match[str]) -> Listing:
        rows = cast("Sequence[CandidateRecord]", _time_filtered(self.data.records(R.CANDIDATE), p))
        wanted = _ids(p, "candidate_ids")
        if wanted is not None:
            rows = [c for c in rows if encode_id(c.id) in wanted]
        if p.get("job_id"):
            job = self.one(R.JOB, p["job_id"])
            applied = {c.id for c in self.data.children(R.CANDIDATE, "job").get(job.id, ())} if job else set()
            rows = [c for c in rows if c.id in applied]
        if p.get("email"):
            email = p["email"].casefold()
            rows = [c for c in rows if any(e.email.casefold() == email for e in c.emails)]
        return Listing(rows, self.render.candidate)

    def applications(self, p: Mapping[str, str], _: re.Match[str]) -> Listing:
        rows = cast(
            "Sequence[ApplicationRecord]", _time_filtered(self.data.records(R.APPLICATION), p, "applied_at")
        )
        if p.get("job_id"):
            rows = [a for a in rows if a.job_id and encode_id(a.job_id) == int(p["job_id"])]
        wanted = _ids(p, "candidate_ids")
        if wanted is not None:
            rows = [a for a in rows if a.candidate_id and encode_id(a.candidate_id) in wanted]
        return Listing(rows, self.render.application)

    def users(self, p: Mapping[str, str], _: re.Match[str]) -> Listing:
        rows = cast("Sequence[UserRecord]", _time_filtered(self.data.records(R.USER), p))
        if p.get("email"):
            rows = [u for u in rows if any(e.email.casefold() == p["email"].casefold() for e in u.emails)]
        return Listing(rows, self.render.user)

    def job_posts(self, jobs: Sequence[Record]) -> list[JSON]:
        fields = self.data.children(R.JOB_FORM_FIELD, "job")
        return [
            self.render.job_post(
                cast("JobRecord", j), cast("Sequence[JobFormFieldRecord]", fields.get(j.id, ()))
            )
            for j in jobs
        ]

    def eeocs(self) -> list[EeocRecord]:
        return [
            e
            for e in cast("Sequence[EeocRecord]", self.data.records(R.EEOC))
            if e.id in self.render.eeoc_application
        ]

    def routes(self) -> list[tuple[re.Pattern[str], Handler]]:
        rd = self.render
        n = r"(\d+)"

        def plain(resource: Resource, render: Callable[[Any], JSON | None]) -> Handler:
            return lambda s, p, m: Listing(_time_filtered(s.data.records(resource), p), render)

        def single(resource: Resource, render: Callable[[Any], JSON | None]) -> Handler:
            return lambda s, p, m: (lambda r: render(r) if r is not None else None)(
                s.one(resource, m.group(1))
            )

        def kids(
            resource: Resource, parent: str, parent_resource: Resource, render: Callable[[Any], Any]
        ) -> Handler:
            return lambda s, p, m: Listing(s.children(resource, parent, m.group(1), parent_resource), render)

        table: list[tuple[str, Handler]] = [
            ("candidates", Simulator.candidates),
            (f"candidates/{n}", single(R.CANDIDATE, rd.candidate)),
            (
                f"candidates/{n}/activity_feed",
                lambda s, p, m: (
                    rd.activity_feed(s.children(R.ACTIVITY, "candidate", m.group(1), R.CANDIDATE))
                    if s.one(R.CANDIDATE, m.group(1))
                    else None
                ),
            ),
            (
                f"candidates/{n}/tags",
                lambda s, p, m: [rd.tag(t) for t in s.children(R.TAG, "candidate", m.group(1), R.CANDIDATE)],
            ),
            ("applications", Simulator.applications),
            (f"applications/{n}", single(R.APPLICATION, rd.application)),
            (
                f"applications/{n}/scorecards",
                lambda s, p, m: [
                    rd.scorecard(x) for x in s.children(R.SCORECARD, "application", m.group(1), R.APPLICATION)
                ],
            ),
            (f"applications/{n}/offers", kids(R.OFFER, "application", R.APPLICATION, rd.offer)),
            (
                f"applications/{n}/scheduled_interviews",
                kids(R.INTERVIEW, "application", R.APPLICATION, rd.interview),
            ),
            (
                f"applications/{n}/eeoc",
                lambda s, p, m: next(
                    (
                        rd.eeoc(e)
                        for e in s.eeocs()
                        if encode_id(rd.eeoc_application[e.id]) == int(m.group(1))
                    ),
                    None,
                ),
            ),
            ("jobs", plain(R.JOB, rd.job)),
            (f"jobs/{n}", single(R.JOB, rd.job)),
            (
                f"jobs/{n}/stages",
                lambda s, p, m: [
                    rd.stage(x)
                    for x in _time_filtered(s.children(R.JOB_INTERVIEW_STAGE, "job", m.group(1), R.JOB), p)
                ],
            ),
            (
                f"jobs/{n}/job_posts",
                lambda s, p, m: s.job_posts([j] if (j := s.one(R.JOB, m.group(1))) else []),
            ),
            ("job_stages", plain(R.JOB_INTERVIEW_STAGE, rd.stage)),
            (f"job_stages/{n}", single(R.JOB_INTERVIEW_STAGE, rd.stage)),
            (
                "job_posts",
                lambda s, p, m: Listing(
                    _time_filtered(s.data.records(R.JOB), p), lambda j: s.job_posts([j])[0]
                ),
            ),
            ("departments", lambda s, p, m: Listing(s.data.records(R.DEPARTMENT), rd.department)),
            (f"departments/{n}", single(R.DEPARTMENT, rd.department)),
            ("offices", lambda s, p, m: Listing(s.data.records(R.OFFICE), rd.office)),
            (f"offices/{n}", single(R.OFFICE, rd.office)),
            ("scheduled_interviews", plain(R.INTERVIEW, rd.interview)),
            (f"scheduled_interviews/{n}", single(R.INTERVIEW, rd.interview)),
            ("scorecards", plain(R.SCORECARD, rd.scorecard)),
            (f"scorecards/{n}", single(R.SCORECARD, rd.scorecard)),
            ("offers", plain(R.OFFER, rd.offer)),
            (f"offers/{n}", single(R.OFFER, rd.offer)),
            ("users", Simulator.users),
            (f"users/{n}", single(R.USER, lambda u: rd.user(u, custom_fields=True))),
            ("tags/candidate", lambda s, p, m: Listing(s.data.records(R.TAG), rd.tag)),
            (
                "rejection_reasons",
                lambda s, p, m: Listing(s.data.records(R.REJECT_REASON), rd.rejection_reason),
            ),
            ("eeoc", lambda s, p, m: Listing(s.eeocs(), rd.eeoc)),
        ]
        return [(re.compile(f"^{pattern}$"), handler) for pattern, handler in table]
