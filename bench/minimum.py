"""The theoretical minimum of upstream requests (and dependent rounds) for a response.

Each provider writes its model down next to its adapter (``ProviderAdapter.call_model``, the
vocabulary in ``providers/calls.py``, explained in ``bench/README.md``) from what its API can
physically do, never from what hiregraph measured. It is applied to the ids in a scenario's
response: a relationship field costs, at its depth in the response, what its rule says
(``FREE``, ``BATCH``, ``PER_KEY`` or ``ACCOUNT``).

Ids already known at an earlier depth (loaded, listed or embedded) cost nothing, and keys of
the same resource at the same depth share their requests. The rounds of a depth are 1, or
``ceil(requests / cap)`` when requests in flight are capped: by the adapter, per batch, and by
the connection's ``max_concurrency`` (HTTP providers), across the whole depth.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

from providers.calls import CallModel, Cost, Key, Rule
from providers.records import Resource
from providers.registry import PROVIDERS


@dataclass(frozen=True)
class Edge:
    """A relationship field of the scenarios: the resource it reaches and how it is keyed."""

    resource: str
    key: Key
    ids_on_parent: bool = False
    """The parent record lists the target ids, so an id-only selection needs no read."""


EDGES: Final[Mapping[str, Edge]] = {
    "applications": Edge("application", Key.PARENT, ids_on_parent=True),
    "attachments": Edge("attachment", Key.PARENT),
    "tags": Edge("tag", Key.PARENT),
    "job": Edge("job", Key.TARGET, ids_on_parent=True),
    "currentStage": Edge("stage", Key.TARGET, ids_on_parent=True),
    "creditedTo": Edge("user", Key.TARGET, ids_on_parent=True),
    "rejectReason": Edge("reject_reason", Key.TARGET, ids_on_parent=True),
    "interviews": Edge("interview", Key.PARENT),
    "interviewers": Edge("user", Key.TARGET, ids_on_parent=True),
    "scorecards": Edge("scorecard", Key.PARENT),
    "interviewer": Edge("user", Key.TARGET, ids_on_parent=True),
    "offers": Edge("offer", Key.PARENT),
    "departments": Edge("department", Key.TARGET, ids_on_parent=True),
    "offices": Edge("office", Key.TARGET, ids_on_parent=True),
    "stages": Edge("stage", Key.PARENT),
    "formFields": Edge("form_field", Key.PARENT),
    "hiringManagers": Edge("user", Key.TARGET, ids_on_parent=True),
}


_RESOURCES: Final = {"stage": Resource.JOB_INTERVIEW_STAGE, "form_field": Resource.JOB_FORM_FIELD}


def _rule(model: CallModel, name: str) -> Rule:
    """The rule of a relationship: a reference (keyed by its targets) is read by id, as the
    provider reads that resource by id (``CallModel.by_id``)."""
    edge = EDGES[name]
    if edge.key is not Key.TARGET:
        return model.rule(name)
    return model.rule(name, _RESOURCES.get(edge.resource) or Resource(edge.resource))


def _one_call(_: Sequence[Mapping[str, Any]]) -> tuple[int, int]:
    return 1, 1


@dataclass
class Minimum:
    requests: int
    rounds: int
    by_level: list[int]


def _children(obj: Mapping[str, Any]) -> Iterator[tuple[str, list[Mapping[str, Any]]]]:
    for name, value in obj.items():
        if name not in EDGES:
            continue
        if isinstance(value, Mapping):
            yield name, [value]
        elif isinstance(value, list):
            yield name, [v for v in value if isinstance(v, Mapping)]
        # null: no id to follow, or a field the provider does not serve (reported as an
        # error, never asked upstream)


def _id_only(targets: Sequence[Mapping[str, Any]]) -> bool:
    return bool(targets) and all(set(t) <= {"id", "__typename"} for t in targets)


def call_model(provider: str) -> CallModel:
    """The provider's declared model; a provider without one is not benchmarked."""
    model = PROVIDERS[provider].call_model
    if model is None:
        raise LookupError(f"provider '{provider}' declares no call_model")
    return model


def minimum(
    provider: str,
    root_field: str,
    roots: Sequence[Mapping[str, Any]],
    *,
    by_id: bool = False,
    pages: int = 1,
    max_concurrency: int | None = None,
) -> Minimum:
    """The least requests that can produce ``roots`` (the nodes of a root field's response),
    and the dependent rounds they take with at most ``max_concurrency`` in flight."""
    model = call_model(provider)
    cap = max_concurrency if model.http else None
    if by_id:
        requests, rounds = 1, 1
    else:
        requests, rounds = model.list_cost.get(root_field, _one_call)(roots)
        requests, rounds = requests * pages, rounds * pages
    by_level = [requests]
    known: dict[str, set[str]] = {}
    accounts: set[str] = set()
    # Each object with the round its record arrives in: a read depends only on its parent, so
    # an embedded level costs no round and the critical path is the longest chain of reads.
    level: list[tuple[Mapping[str, Any], int]] = [(r, rounds) for r in roots]
    critical = rounds
    while level:
        # (resource, rule) -> keys needed at this depth
        keys: dict[tuple[str, Rule], set[str]] = {}
        extra: dict[tuple[str, Rule], int] = {}
        brought: dict[str, set[str]] = {}
        asked: list[tuple[int, list[Mapping[str, Any]], Rule, bool]] = []
        # Embedded records arrive with their parents, before any read of this depth is sent.
        for obj, _ in level:
            for name, targets in _children(obj):
                if _rule(model, name).cost is Cost.FREE:
                    ids = {str(t["id"]) for t in targets if "id" in t}
                    known.setdefault(EDGES[name].resource, set()).update(ids)
        for obj, arrival in level:
            for name, targets in _children(obj):
                edge = EDGES[name]
                target_ids = {str(t["id"]) for t in targets if "id" in t}
                brought.setdefault(edge.resource, set()).update(target_ids)
                rule = _rule(model, name)
                paid = True
                if rule.cost is Cost.FREE or (edge.ids_on_parent and _id_only(targets)):
                    paid = False
                elif rule.per_application:
                    apps = len(obj.get("applications") or ())
                    extra[(edge.resource, rule)] = (
                        extra.get((edge.resource, rule), 0) + rule.per_application * apps
                    )
                    paid = apps > 0
                else:
                    if (rule.key or edge.key) is Key.PARENT:
                        wanted = {str(obj["id"])}
                    else:
                        wanted = target_ids - known.get(edge.resource, set())
                        if rule.group is not None:
                            wanted = {rule.group(i) for i in wanted}
                    paid = bool(wanted)
                    if wanted:
                        keys.setdefault((edge.resource, rule), set()).update(wanted)
                asked.append((arrival, targets, rule, paid))
        level_requests = 0
        level_rounds = 0
        read_now: set[str] = set()
        for (_, rule), wanted in keys.items():
            if rule.cost is Cost.ACCOUNT:
                if rule.account not in accounts:
                    accounts.add(rule.account)
                    read_now.add(rule.account)
                    level_requests += 1
                    level_rounds = max(level_rounds, 1)
                continue
            n = math.ceil(len(wanted) / rule.size) if rule.cost is Cost.BATCH else len(wanted)
            level_requests += n
            # the adapter's own cap holds per batch it sends, the connection's across all of them
            own = math.ceil(n / model.concurrency) if model.concurrency else 1
            level_rounds = max(level_rounds, own if n else 0)
        level_requests += sum(extra.values())
        if cap and level_requests:
            level_rounds = max(level_rounds, math.ceil(level_requests / cap))
        requests += level_requests
        by_level.append(level_requests)
        following: list[tuple[Mapping[str, Any], int]] = []
        for arrival, targets, rule, paid in asked:
            if paid and rule.cost is Cost.ACCOUNT and rule.account not in read_now:
                paid = False  # read whole at an earlier depth
            step = level_rounds if paid else 0
            if paid:
                critical = max(critical, arrival + step)
            following.extend((t, arrival + step) for t in targets)
        for resource, ids in brought.items():
            known.setdefault(resource, set()).update(ids)
        level = following
    while by_level and by_level[-1] == 0:
        by_level.pop()
    rounds = critical
    return Minimum(requests=requests, rounds=rounds, by_level=by_level)
