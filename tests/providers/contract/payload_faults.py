"""Malformed answers, one leaf at a time: an httpx transport that records a simulator's JSON
answers or rewrites one of them, the mutations of a JSON document, and every read an adapter
makes (listings, reads by id, reads by parent) as calls the malformed-payload contract replays."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Iterator, Mapping, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, Final

import httpx

from providers.base import ProviderAdapter
from providers.errors import UnsupportedOperation
from providers.query import ListQuery
from providers.records import Record, Resource
from providers.relations import CHILD_RELATIONS

from .harness import PAGE

Path = tuple[str | int, ...]

DELETED: Final = object()
"""The replacement that deletes the key instead of giving it a value."""

ABSENT: Final = object()
"""What :meth:`Mutation.apply` answers for a document without the mutation's path."""

SCALARS: Final[tuple[Any, ...]] = ("not-what-was-sent", 7, 2.5, True, None)
CONTAINERS: Final[tuple[Any, ...]] = ([], {})
ODD: Final[dict[str, tuple[Any, ...]]] = {
    "str": ("not-what-was-sent", ""),
    "number": (10**30,),
}
"""Values of a leaf's own type that no well-formed answer holds: a string that is no date, no
known value and no id, an empty one (an empty id), a number past any date."""


def _kind(value: Any) -> str:
    # bool before int: True is an int to isinstance, never to a JSON reader
    for kind, types in (("bool", bool), ("number", (int, float)), ("str", str), ("list", list)):
        if isinstance(value, types):
            return kind
    return "object" if isinstance(value, dict) else "null"


def replacements(value: Any, odd: Mapping[str, Sequence[Any]] = ODD) -> list[Any]:
    """Values of another JSON type than ``value`` (a scalar gets every other scalar and both
    containers, a container every scalar and the other container), then the odd ones of its own
    (``odd``, by the kind :func:`_kind` names)."""
    kind = _kind(value)
    others = [other for other in (*SCALARS, *CONTAINERS) if _kind(other) != kind]
    return others + [o for o in odd.get(kind, ()) if o != value]


def located(path: Path) -> str:
    """``path`` as a reader writes it: ``.candidate.emails[0]``."""
    return "".join(f"[{step}]" if isinstance(step, int) else f".{step}" for step in path)


def _shape(path: Path) -> Path:
    """``path`` with its list indices wildcarded: the second record of a page has the first's."""
    return tuple("*" if isinstance(step, int) else step for step in path)


@dataclass(frozen=True)
class Mutation:
    """One leaf of one answer (the first whose request is ``request``) rewritten or deleted."""

    request: str
    path: Path
    replacement: Any

    def __str__(self) -> str:
        where = located(self.path)
        what = "deleted" if self.replacement is DELETED else f"= {json.dumps(self.replacement)}"
        return f"{self.request} {where or '(root)'} {what}"

    def apply(self, document: Any) -> Any:
        """``document`` mutated, or :data:`ABSENT` when it has no ``path``."""
        if not self.path:
            return self.replacement
        copy = json.loads(json.dumps(document))
        parent = copy
        for step in self.path[:-1]:
            try:
                parent = parent[step]
            except (KeyError, IndexError, TypeError):
                return ABSENT
        last = self.path[-1]
        if isinstance(parent, dict) and isinstance(last, str) and last in parent:
            if self.replacement is DELETED:
                del parent[last]
            else:
                parent[last] = self.replacement
            return copy
        if isinstance(parent, list) and isinstance(last, int) and last < len(parent):
            parent[last] = self.replacement  # a list element is replaced, never deleted
            return copy
        return ABSENT


def _nodes(document: Any, path: Path = ()) -> Iterator[tuple[Path, Any]]:
    yield path, document
    if isinstance(document, dict):
        for key, value in document.items():
            yield from _nodes(value, (*path, key))
    elif isinstance(document, list):
        for index, value in enumerate(document):
            yield from _nodes(value, (*path, index))


def mutations(answers: Sequence[tuple[str, Any]]) -> list[Mutation]:
    """Every mutation of ``answers`` (request, JSON document) whose shape (path less its list
    indices, replacement) no earlier answer of the same call already had."""
    seen: set[tuple[Path, str]] = set()
    out: list[Mutation] = []
    for request, document in answers:
        for path, value in _nodes(document):
            options = replacements(value)
            if path and isinstance(path[-1], str):
                options.append(DELETED)
            for replacement in options:
                key = (_shape(path), "deleted" if replacement is DELETED else repr(replacement))
                if key not in seen:
                    seen.add(key)
                    out.append(Mutation(request, path, replacement))
    return out


def request_key(request: httpx.Request) -> str:
    try:
        body = request.content.decode(errors="replace")
    except httpx.RequestNotRead:
        body = "<stream>"
    return f"{request.method} {request.url}{' ' + body if body else ''}"


_RUN: ContextVar[int] = ContextVar("payload_faults_run", default=0)
"""Which run of a read a request belongs to: tasks an adapter starts inherit it, so that what an
earlier read left running (a prefetch) is neither recorded nor rewritten for a later one."""


@dataclass
class RewritingTransport(httpx.AsyncBaseTransport):
    """Passes requests to ``inner``; records the JSON answers of the current run, or rewrites
    the first answer ``mutation`` applies to (the others go through byte for byte)."""

    inner: httpx.AsyncBaseTransport
    mutation: Mutation | None = None
    applied: bool = False
    answers: list[tuple[str, Any]] = field(default_factory=list)
    run: int = 0

    def reset(self, mutation: Mutation | None = None) -> None:
        """A new run, from the calling task on (recording, or rewriting by ``mutation``)."""
        self.mutation, self.applied, self.answers = mutation, False, []
        self.run += 1
        _RUN.set(self.run)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self.inner.handle_async_request(request)
        if _RUN.get() != self.run:
            return response
        content = await response.aread()
        try:
            document = json.loads(content)
        except ValueError:
            return response
        key = request_key(request)
        self.answers.append((key, document))
        if self.mutation is None or self.applied or self.mutation.request != key:
            return response
        mutated = self.mutation.apply(document)
        if mutated is ABSENT:
            return response
        self.applied = True
        return answered_with(request, response, json.dumps(mutated).encode())

    async def aclose(self) -> None:
        await self.inner.aclose()


Call = Callable[[ProviderAdapter], Awaitable[Any]]

ID_OWNERS: Final[dict[str, Resource]] = {
    **{r.value: r for r in Resource},
    "current_stage": Resource.JOB_INTERVIEW_STAGE,
    "interviewer": Resource.USER,
    "organizer": Resource.USER,
    "hiring_manager": Resource.USER,
    "recruiter": Resource.USER,
    "creator": Resource.USER,
    "actor": Resource.USER,
    "credited_to": Resource.USER,
}
"""The resource a record's ``<owner>_id`` or ``<owner>_ids`` attribute names."""

IDS_PER_CALL: Final = 2


@dataclass
class Reads:
    """The calls that read what ``cls`` serves, with the ids its unmutated answers showed."""

    cls: type[ProviderAdapter]
    ids: dict[Resource, list[str]] = field(default_factory=dict)
    calls: list[tuple[str, Call]] = field(default_factory=list)

    def saw(self, resource: Resource, found: Any) -> None:
        """Keep the ids of ``found`` (records, pages, lists and maps of records) and those
        their records name."""
        if isinstance(found, Record):
            self._keep(resource, found.id)
            for name, value in vars(found).items():
                owner = ID_OWNERS.get(name.removesuffix("_ids").removesuffix("_id"))
                if owner is None or not name.endswith(("_id", "_ids")):
                    continue
                target = resource if name == "parent_id" else owner
                for one in value if isinstance(value, list) else [value]:
                    if isinstance(one, str):
                        self._keep(target, one)
        elif isinstance(found, dict):
            for value in found.values():
                self.saw(resource, value)
        elif isinstance(found, (list, tuple)):
            for value in found:
                self.saw(resource, value)
        elif hasattr(found, "records"):
            self.saw(resource, found.records)

    def _keep(self, resource: Resource, id: str) -> None:
        known = self.ids.setdefault(resource, [])
        if id not in known:
            known.append(id)

    def some(self, resource: Resource) -> list[str]:
        return self.ids.get(resource, [])[:IDS_PER_CALL]


async def discover(cls: type[ProviderAdapter], fresh: Callable[[], ProviderAdapter]) -> Reads:
    """Every read ``cls``'s adapter serves, run once unmutated (on a ``fresh`` adapter each) to
    find the ids the next reads take: listings first, then reads by parent, then by id."""
    reads = Reads(cls)

    async def keep(label: str, resource: Resource, call: Call) -> None:
        try:
            found = await call(fresh())
        except UnsupportedOperation:
            return  # e.g. a listing that needs a parent filter: read by parent below
        reads.saw(resource, found)
        reads.calls.append((label, call))

    for resource in Resource:
        if cls.can_list(resource):
            query = ListQuery(page_size=PAGE)
            await keep(f"list {resource.plural}", resource, _listing(resource, query))
    for resource, parents in CHILD_RELATIONS.items():
        for parent in parents:
            owner = resource if parent == "parent" else ID_OWNERS[parent]
            ids = reads.some(owner)
            if ids and cls.can_list_children(resource, parent):
                await keep(f"{resource.plural} by {parent}", resource, _children(resource, parent, ids))
    for resource in Resource:
        ids = reads.some(resource)
        if ids and cls.can_get(resource):
            await keep(f"get {resource.plural}", resource, _gets(resource, ids))
    return reads


def _listing(resource: Resource, query: ListQuery) -> Call:
    return lambda adapter: adapter.list(resource, query)


def _children(resource: Resource, parent: str, ids: list[str]) -> Call:
    return lambda adapter: adapter.list_children(resource, parent, ids)


def _gets(resource: Resource, ids: list[str]) -> Call:
    return lambda adapter: adapter.get_many(resource, ids)


def answered_with(
    request: httpx.Request, response: httpx.Response, content: bytes, status: int | None = None
) -> httpx.Response:
    """``response`` to ``request`` with another body (and status, if given): its headers but the
    old body's length and encoding."""
    headers = [
        (name, value)
        for name, value in response.headers.multi_items()
        if name.lower() not in {"content-length", "content-encoding"}
    ]
    return httpx.Response(
        status or response.status_code,
        headers=headers,
        content=content,
        request=request,
        extensions=response.extensions,
    )
