"""The framework floor: a bare graphql-core schema resolving the same in-memory sandbox data.

Plain synchronous resolvers over the sandbox dataset's indexes, no loaders, no types, no
upstream: what executing the document costs in graphql-core alone. hiregraph's CPU per
resolved object on the sandbox (latency 0) is compared with this.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Mapping
from datetime import date, datetime
from enum import Enum
from typing import Any, Final

from graphql import DocumentNode, GraphQLResolveInfo, build_schema, execute_sync, parse, validate

from providers.records import Resource
from providers.sandbox.dataset import Dataset, dataset

R = Resource

SDL: Final = """
type Query { candidates(first: Int, after: String): CandidateConnection }
type PageInfo { hasNextPage: Boolean! endCursor: String }
type CandidateConnection { edges: [CandidateEdge!]! pageInfo: PageInfo! }
type CandidateEdge { node: Candidate! }
type EmailAddress { email: String! }
type PhoneNumber { number: String! }
type Tag { id: ID! name: String }
type Candidate {
  id: ID! name: String emails: [EmailAddress!] phones: [PhoneNumber!] tags: [Tag!]
  applications: [Application!]
}
type Application {
  id: ID! appliedAt: String job: Job currentStage: Stage creditedTo: User
  interviews: [Interview!] scorecards: [Scorecard!] offers: [Offer!]
}
type Job { id: ID! name: String status: String }
type Stage { id: ID! name: String }
type User { id: ID! name: String }
type Interview { id: ID! startAt: String interviewers: [User!] }
type Scorecard { id: ID! overallRecommendation: String interviewer: User }
type Offer { id: ID! status: String }
"""

FLOOR_SCENARIOS: Final = frozenset({"pipeline_review", "big_export"})

Relation = Callable[[Dataset, Any], Any]


def _ids(resource: Resource, attribute: str) -> Relation:
    return lambda d, r: [d.by_id(resource)[i] for i in getattr(r, attribute)]


def _one(resource: Resource, attribute: str) -> Relation:
    return lambda d, r: d.by_id(resource).get(getattr(r, attribute) or "")


def _kids(resource: Resource, parent: str) -> Relation:
    return lambda d, r: list(d.children(resource, parent).get(r.id, ()))


RELATIONS: Final[Mapping[tuple[str, str], Relation]] = {
    ("Candidate", "tags"): _ids(R.TAG, "tag_ids"),
    ("Candidate", "applications"): _ids(R.APPLICATION, "application_ids"),
    ("Application", "job"): _one(R.JOB, "job_id"),
    ("Application", "currentStage"): _one(R.JOB_INTERVIEW_STAGE, "current_stage_id"),
    ("Application", "creditedTo"): _one(R.USER, "credited_to_id"),
    ("Application", "interviews"): _kids(R.INTERVIEW, "application"),
    ("Application", "scorecards"): _kids(R.SCORECARD, "application"),
    ("Application", "offers"): _kids(R.OFFER, "application"),
    ("Interview", "interviewers"): _ids(R.USER, "interviewer_ids"),
    ("Scorecard", "interviewer"): _one(R.USER, "interviewer_id"),
}

_SNAKE: dict[str, str] = {}


def _snake(name: str) -> str:
    found = _SNAKE.get(name)
    if found is None:
        found = _SNAKE[name] = "".join(f"_{c.lower()}" if c.isupper() else c for c in name)
    return found


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.name
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value


class Floor:
    def __init__(self, *, seed: int = 42, size: int) -> None:
        self.data = dataset(seed, size)
        self.schema = build_schema(SDL)
        self._documents: dict[str, DocumentNode] = {}

    def _resolve(self, source: Any, info: GraphQLResolveInfo[Any], **args: Any) -> Any:
        parent = info.parent_type.name
        if parent == "Query":
            records = self.data.records(R.CANDIDATE)
            start = int(args.get("after") or 0)
            end = start + int(args.get("first") or 50)
            return {
                "edges": [{"node": r} for r in records[start:end]],
                "pageInfo": {"hasNextPage": end < len(records), "endCursor": str(end)},
            }
        if isinstance(source, Mapping):
            return source.get(info.field_name)
        relation = RELATIONS.get((parent, info.field_name))
        if relation is not None:
            return relation(self.data, source)
        return _plain(getattr(source, _snake(info.field_name)))

    def _parsed(self, document: str) -> DocumentNode:
        # hiregraph's schema caches parsing and validation per document; so does the floor,
        # which then times execution (and encoding) alone, as the harness does for hiregraph
        parsed = self._documents.get(document)
        if parsed is None:
            parsed = parse(document)
            errors = validate(self.schema, parsed)
            if errors:
                raise RuntimeError(f"floor schema refuses the document: {errors[0].message}")
            self._documents[document] = parsed
        return parsed

    def cpu_s(self, document: str, variables: Mapping[str, Any]) -> tuple[float, Any]:
        parsed = self._parsed(document)
        cpu = time.process_time()
        result = execute_sync(
            self.schema, parsed, variable_values=dict(variables), field_resolver=self._resolve
        )
        # encoded like hiregraph's response, which the harness also encodes
        json.dumps(result.data, default=str)
        spent = time.process_time() - cpu
        if result.errors:
            raise RuntimeError(f"floor schema failed: {result.errors[0].message}")
        return spent, result.data
