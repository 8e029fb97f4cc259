"""The vocabulary of a provider's minimum-call model (``ProviderAdapter.call_model``).

Each provider writes down, next to its adapter, what its API can physically do for each
relationship the bench's scenarios follow: the bench (``bench/minimum.py``, explained in
``bench/README.md``) applies the model to a response's ids to get the least upstream requests
and dependent rounds that could have produced it. The model is never derived from what
hiregraph measured. A relationship costs, at its depth in the response,

* ``FREE``: nothing, the parent's payload already carries the records (embedded), or the
  selection asks only for ids the parent already lists;
* ``BATCH``: one request per ``size`` keys (an ids filter, or a by-parent list with many
  parent ids), so one per level for our sizes;
* ``PER_KEY``: one request per distinct key (a get-by-id or a per-parent endpoint only);
* ``ACCOUNT``: one request per operation, the first time any key is needed (an account-wide
  list read whole, after which every record of it is known).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from .records import Resource


class Cost(Enum):
    FREE = "free"
    BATCH = "batch"
    PER_KEY = "per key"
    ACCOUNT = "account"


class Key(Enum):
    """What a relationship is keyed by: the target ids, or the parent's id."""

    TARGET = "target"
    PARENT = "parent"


@dataclass(frozen=True)
class Rule:
    cost: Cost
    size: int = 50
    account: str = ""
    """For ``ACCOUNT``: the list read (two rules naming the same list share one read)."""
    key: Key | None = None
    """Overrides the edge's key: e.g. a candidate's applications read one by one, by their ids."""
    group: Callable[[str], str] | None = None
    """Keys that share one request: e.g. Workable reads a stage with all stages of its job."""
    per_application: int = 0
    """Keyed by the parent's applications instead: this many requests per application of the
    parent (Lever reads a candidate's files and resumes per opportunity)."""


ListCost = Callable[[Sequence[Mapping[str, Any]]], tuple[int, int]]
"""The (requests, sequential rounds) of one page of a root listing, given its nodes."""


@dataclass(frozen=True)
class CallModel:
    """A provider's minimum-call model: a rule per relationship field of the GraphQL schema
    (``applications``, ``currentStage``...), the others costing ``default``."""

    rules: Mapping[str, Rule]
    default: Rule
    list_cost: Mapping[str, ListCost] = field(default_factory=dict)
    """A root listing (by root field) that costs more than one request per page."""
    concurrency: int | None = None
    """The adapter's own cap on requests in flight, per batch (one get-many or by-parent call)."""
    http: bool = True
    """Sent through ``UpstreamHttp``, so the connection's ``max_concurrency`` caps it too."""

    by_id: Mapping[Resource, Rule] = field(default_factory=dict)
    """How the records of a resource are read by their ids, for the relationships that reach
    them by id (``currentStage``, ``interviewers``...): derived from a kit adapter's endpoint
    declarations (``kit/resources.py``). A rule by relationship name wins."""

    def rule(self, name: str, target: Resource | None = None) -> Rule:
        """The rule of the relationship ``name``, reaching records of ``target`` by id (None:
        by their parent)."""
        if name in self.rules or target is None:
            return self.rules.get(name, self.default)
        return self.by_id.get(target, self.default)
