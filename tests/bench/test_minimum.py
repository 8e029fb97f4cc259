"""The theoretical-minimum model, on hand-written responses: each cost rule, and what is free."""

from __future__ import annotations

from typing import Any

from bench.minimum import minimum


def candidate(cid: str, apps: list[dict[str, Any]]) -> dict[str, Any]:
    return {"id": cid, "applications": apps}


def app(aid: str, job: str, user: str, interviews: int = 0) -> dict[str, Any]:
    return {
        "id": aid,
        "job": {"id": job, "name": "x"},
        "creditedTo": {"id": user, "name": "u"},
        "interviews": [
            {"id": f"{aid}-i{n}", "interviewers": [{"id": user, "name": "u"}]} for n in range(interviews)
        ],
    }


PAGE = [
    candidate("c1", [app("a1", "j1", "u1", interviews=2), app("a2", "j2", "u2")]),
    candidate("c2", [app("a3", "j1", "u3", interviews=1)]),
]


def test_a_batching_provider_costs_one_request_per_level() -> None:
    found = minimum("sandbox", "candidates", PAGE)
    # list; applications; jobs + users + interviews by application; interviewers already known
    assert found.by_level == [1, 1, 3]
    assert found.requests == 5
    assert found.rounds == 3


def test_a_per_id_provider_costs_one_request_per_distinct_key() -> None:
    found = minimum("greenhouse", "candidates", PAGE)
    # applications embedded; 2 distinct jobs + 3 distinct users + interviews of 3 applications
    assert found.by_level == [1, 0, 8]
    assert found.requests == 9


def test_ids_already_known_at_an_earlier_level_are_free() -> None:
    page = [candidate("c1", [app("a1", "j1", "u1", interviews=1)])]
    page[0]["applications"][0]["interviews"][0]["interviewers"].append({"id": "u9", "name": "v"})
    found = minimum("greenhouse", "candidates", page)
    assert found.by_level == [1, 0, 3, 1]  # only u9 is new at the interviewers' level


def test_an_id_only_selection_of_ids_the_parent_lists_is_free() -> None:
    page = [{"id": "c1", "applications": [{"id": "a1"}, {"id": "a2"}], "tags": [{"id": "t", "name": "n"}]}]
    assert minimum("sandbox", "candidates", page).requests == 2  # the list and the tags
    assert minimum("ashby", "candidates", page).requests == 1  # tags embedded too


def test_an_account_wide_list_is_read_once_per_operation() -> None:
    page = [
        {
            "id": "c1",
            "applications": [{"id": "c1", "creditedTo": {"id": "m1", "name": "a"}, "interviews": []}],
        },
        {
            "id": "c2",
            "applications": [{"id": "c2", "creditedTo": {"id": "m2", "name": "b"}, "interviews": []}],
        },
    ]
    found = minimum("workable", "candidates", page)
    # the list; members once; interviews per candidate
    assert found.requests == 1 + 1 + 2


def test_a_concurrency_cap_adds_rounds_not_requests() -> None:
    page = [{"id": f"c{n}", "applications": [{"id": f"c{n}", "offers": []}]} for n in range(25)]
    found = minimum("workable", "candidates", page)
    assert found.requests == 26
    assert found.rounds == 1 + 3  # 25 per-candidate reads, 10 in flight


def test_unsupported_or_null_fields_cost_nothing() -> None:
    page = [{"id": "c1", "applications": [{"id": "a1", "job": None, "scorecards": None}]}]
    assert minimum("greenhouse", "candidates", page).requests == 1


def test_a_record_by_id_costs_one_request() -> None:
    found = minimum("sandbox", "candidate", [{"id": "c1", "name": "x"}], by_id=True)
    assert (found.requests, found.rounds) == (1, 1)


def test_lever_lists_candidates_with_their_opportunities() -> None:
    page = [candidate(f"c{n}", [{"id": f"o{n}-{k}"} for k in range(3)]) for n in range(40)]
    found = minimum("lever", "candidates", page)
    # 120 opportunities at 100 a call: two listing calls, each followed by its contacts' read
    assert found.requests == 4
    assert found.rounds == 4


def test_an_embedded_level_costs_no_round() -> None:
    detail = {
        "id": "c1",
        "tags": [{"id": "t", "name": "n"}],
        "applications": [{"id": "a1", "job": {"id": "j1", "name": "x"}}],
    }
    found = minimum("greenhouse", "candidate", [detail], by_id=True)
    # tags (per candidate) and the job (applications are embedded) go out in the same round
    assert found.requests == 3
    assert found.rounds == 2
