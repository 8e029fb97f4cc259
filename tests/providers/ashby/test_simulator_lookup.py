"""The simulator's list methods, which look records up through indexes and render only the page
they return, answer exactly as rendering every record and filtering the JSON would
(``scanning.py``): same envelope, same records in the same order, same errors, for a spread of
bodies (ids that match, ids spelled differently, wrong types, paging, time filters)."""

from __future__ import annotations

import base64
from collections.abc import Callable
from typing import Any

import pytest

from providers.ashby.simulator.api import AshbyApi, Rejected
from providers.ashby.simulator.render import encode_id, posting_id
from providers.records import Resource

from .scanning import scanning_methods
from .simulated import small_dataset

R = Resource
DATA = small_dataset()
SIMULATOR = AshbyApi(DATA).methods()
SCANNING = scanning_methods(DATA)


def _ids(resource: Resource, attribute: str = "id") -> list[str]:
    values = {getattr(r, attribute) for r in DATA.records(resource)} - {None}
    return [encode_id(v) for v in sorted(values)[:3]]


def _cursor(n: int) -> str:
    return base64.urlsafe_b64encode(str(n).encode()).decode()


APPLICATIONS = _ids(R.APPLICATION)
ODD_IDS: list[Any] = [
    APPLICATIONS[0].upper(),
    APPLICATIONS[0].replace("-", ""),
    "not-a-uuid",
    encode_id(""),
    "ffffffff-ffff-ffff-ffff-ffffffffffff",
    7,
    ["x"],
    {"a": 1},
]
PAGING: list[dict[str, Any]] = [
    {},
    {"limit": 2},
    {"limit": 2, "cursor": _cursor(2)},
    {"limit": 500},
    {"limit": 0},
    {"limit": 3, "cursor": _cursor(10_000)},
    {"cursor": "%%%"},
    {"limit": "x"},
]
CREATED: list[dict[str, Any]] = [
    {"createdAfter": 0},
    {"createdAfter": 1_700_000_000_000},
    {"createdAfter": None},
]
CANDIDATE = next(c for c in DATA.records(R.CANDIDATE) if getattr(c, "emails", ()))
EMAIL = CANDIDATE.emails[0].email  # type: ignore[attr-defined]
NAME = (CANDIDATE.name or "").split(" ")[0]  # type: ignore[attr-defined]


def _bodies(method: str) -> list[dict[str, Any]]:
    ids: list[Any] = [*APPLICATIONS, *ODD_IDS]
    by_method: dict[str, list[dict[str, Any]]] = {
        "interviewSchedule.list": [
            *({"applicationId": i} for i in ids),
            *({"interviewStageId": s} for s in [*_ids(R.INTERVIEW, "job_interview_stage_id"), *ODD_IDS]),
            *(
                {"applicationId": a, "interviewStageId": s}
                for a in _ids(R.INTERVIEW, "application_id")
                for s in _ids(R.INTERVIEW, "job_interview_stage_id")
            ),
            *({"applicationId": a, **c} for a in _ids(R.INTERVIEW, "application_id") for c in CREATED),
        ],
        "offer.list": [{"applicationId": i} for i in [*_ids(R.OFFER, "application_id"), *ids]],
        "applicationFeedback.list": [
            *({"applicationId": i} for i in [*_ids(R.SCORECARD, "application_id"), *ids]),
            *({"applicationId": a, **c} for a in _ids(R.SCORECARD, "application_id") for c in CREATED),
        ],
        "candidate.listNotes": [
            {"candidateId": i} for i in [*_ids(R.CANDIDATE), _ids(R.CANDIDATE)[0].upper(), *ODD_IDS, "nope"]
        ],
        "candidate.search": [
            {},
            {"email": EMAIL},
            {"email": EMAIL.upper()},
            {"email": EMAIL, "name": NAME},
            {"email": EMAIL, "name": "zzz-nobody"},
            {"name": NAME},
            {"name": NAME.lower()},
            {"name": "a"},
            {"email": 5},
        ],
        "application.list": [
            *({"jobId": j} for j in [*_ids(R.JOB), _ids(R.JOB)[0].upper(), *ODD_IDS]),
            *({"status": s} for s in ["Active", "Archived", "Hired", "Lead", 3]),
            *({"jobId": j, "status": "Active", **c} for j in _ids(R.JOB) for c in CREATED),
            *CREATED,
            {"createdAfter": "soon"},
        ],
        "job.list": [
            {"status": ["Open"]},
            {"status": ["Draft", "Closed"]},
            {"expand": ["location"]},
            {"status": []},
        ],
        "jobPosting.info": [
            *({"jobPostingId": posting_id(j.id)} for j in DATA.records(R.JOB)[:3]),
            {"jobPostingId": "nope"},
            {},
        ],
    }
    extra = by_method.get(method, [])
    return [*PAGING, *extra, *({**b, **p} for b in extra[:4] for p in PAGING[1:4])]


def _answer(call: Callable[[dict[str, Any]], dict[str, Any]], body: dict[str, Any]) -> Any:
    try:
        return call(body)
    except Rejected as rejected:
        return ("rejected", rejected.code)
    except Exception as error:  # the app answers 500 for these: the type is what must match
        return ("raised", type(error).__name__)


@pytest.mark.parametrize("method", sorted(SCANNING))
def test_every_indexed_method_answers_as_a_scan(method: str) -> None:
    for body in _bodies(method):
        assert _answer(SIMULATOR[method], body) == _answer(SCANNING[method], body), (method, body)
