"""``GET /events`` and ``GET /candidates`` render only their page, yet answer exactly what
rendering every record and filtering the payloads answers (the reference below does that)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from providers.records import ApplicationRecord, InterviewRecord, InterviewStatus, JobRecord, Resource
from providers.workable.simulator.api import _after
from providers.workable.simulator.render import hex_id, shortcode

from .simkit import DATA, IDS, SIM_TOKEN, client_for, simulator

R = Resource
AUTH = {"Authorization": f"Bearer {SIM_TOKEN}"}
APP = simulator()
RENDER = APP.state.api.render
INTERVIEWS = [i for i in DATA.records(R.INTERVIEW) if isinstance(i, InterviewRecord)]
APPLICATIONS = [a for a in DATA.records(R.APPLICATION) if isinstance(a, ApplicationRecord)]
JOBS = [j for j in DATA.records(R.JOB) if isinstance(j, JobRecord)]


def _page(items: list[tuple[str, Any]], query: dict[str, str]) -> tuple[list[Any], str | None]:
    ordered = sorted(items, key=lambda pair: pair[0])
    if query.get("since_id"):
        ordered = [pair for pair in ordered if pair[0] >= query["since_id"]]
    try:
        size = max(1, min(int(query.get("limit", 50)), 100))
    except ValueError:
        size = 50
    return [p for _, p in ordered[:size]], ordered[size][0] if len(ordered) > size else None


def reference_events(query: dict[str, str]) -> tuple[list[Any], str | None]:
    cancelled = query.get("include_cancelled", "false").lower() == "true"
    candidate, code = query.get("candidate_id"), query.get("shortcode")
    items = []
    for i in INTERVIEWS:
        if i.status is InterviewStatus.CANCELLED and not cancelled:
            continue
        payload = RENDER.event(i)
        if candidate and (payload["candidate"] or {}).get("id") != candidate:
            continue
        if code and (payload["job"] or {}).get("shortcode") != code:
            continue
        items.append((payload["id"], payload))
    return _page(items, query)


def reference_candidates(query: dict[str, str]) -> tuple[list[Any], str | None]:
    created, updated = _after(query.get("created_after")), _after(query.get("updated_after"))
    job = next((j for j in JOBS if shortcode(j.id) == query.get("shortcode")), None)
    items = []
    for a in APPLICATIONS:
        if query.get("shortcode") and (job is None or a.job_id != job.id):
            continue
        if created and (a.created_at is None or a.created_at < created):
            continue
        if updated and (a.updated_at is None or a.updated_at < updated):
            continue
        if query.get("stage") and IDS.slugs.get(a.current_stage_id or "") != query["stage"]:
            continue
        payload = RENDER.candidate(a, detail=False)
        email = query.get("email")
        if email and (payload["email"] or "").casefold() != email.casefold():
            continue
        items.append((payload["id"], payload))
    return _page(items, query)


def _queries() -> list[dict[str, str]]:
    application = next(i.application_id for i in INTERVIEWS if i.application_id)
    job = JOBS[0]
    ids = [hex_id(application), hex_id(application).upper(), "zz", hex_id("nope"), hex_id(job.id)]
    codes = [shortcode(job.id), shortcode(job.id).lower(), "ZZ", shortcode("job_9999")]
    base: list[dict[str, str]] = [
        {},
        {"include_cancelled": "true"},
        {"include_cancelled": "TRUE", "limit": "3"},
        {"limit": "2", "since_id": hex_id(INTERVIEWS[3].id)},
        {"limit": "0"},
        {"limit": "x"},
        {"since_id": "zzzz"},
    ]
    with_ids = [{"candidate_id": i} for i in ids] + [{"shortcode": c} for c in codes]
    both = [{"candidate_id": hex_id(application), "shortcode": c} for c in codes]
    return base + with_ids + both + [{**q, **p} for q in with_ids[:2] for p in base[1:4]]


def _candidate_queries() -> list[dict[str, str]]:
    a = APPLICATIONS[0]
    email = RENDER.candidate(a, detail=False)["email"] or ""
    stage = IDS.slugs.get(a.current_stage_id or "", "x")
    return [
        {},
        {"limit": "2"},
        {"limit": "2", "since_id": hex_id(APPLICATIONS[2].id)},
        {"email": email.upper()},
        {"email": "nobody@example.com"},
        {"stage": stage},
        {"stage": stage, "limit": "1"},
        {"created_after": "2020-01-01T00:00:00Z", "limit": "3"},
        {"updated_after": "2999-01-01T00:00:00Z"},
        {"shortcode": shortcode(JOBS[0].id), "limit": "1"},
        {"shortcode": "ZZ"},
    ]


CASES = [("/events", "events", reference_events, q) for q in _queries()] + [
    ("/candidates", "candidates", reference_candidates, q) for q in _candidate_queries()
]


@pytest.mark.parametrize(("path", "key", "reference", "query"), CASES)
async def test_listings_answer_as_rendering_them_all(
    path: str,
    key: str,
    reference: Callable[[dict[str, str]], tuple[list[Any], str | None]],
    query: dict[str, str],
) -> None:
    with client_for(APP) as client:
        response = await client.get(path, params=query, headers=AUTH)
    body = response.json()
    expected, since = reference(query)
    assert body[key] == expected
    next_url = (body.get("paging") or {}).get("next")
    assert (next_url is None) == (since is None)
    if since is not None:
        assert f"since_id={since}" in next_url
