"""Contract: a simulator answers a bad write as its provider does, never with an unhandled
exception (a 500, which httpx's ASGI transport raises into the client), and a write it refuses
changes nothing a read shows.

The writes sent are the adapter's own: each write the provider offers is made once through the
adapter, and the requests it sends are sent again with their body replaced (no JSON, JSON that
is no object, the other content type), with one member of the body given a value of each wrong
type or a list of it given twice over, and with each id in the path unknown. A refusal is a 4xx, or, where the provider answers
every call 200 (an RPC API, ``kit/rpc``), ``success: false``."""

from __future__ import annotations

import contextlib
import copy
import json
from collections.abc import Iterator
from typing import Any, Final

import httpx
import pytest
from starlette.routing import Mount, Route, compile_path

from providers.base import ProviderAdapter
from providers.errors import ProviderError, UnsupportedOperation
from providers.records import ApplicationRecord, EmailAddress, Record, Resource
from providers.writes import (
    Actor,
    ApplicationInput,
    ApplicationRef,
    AttachmentInput,
    CandidateInput,
    CandidateUpdate,
    NoteInput,
    Rejection,
    StageMove,
    TagChange,
    offered,
)

from .harness import Simulated, whole_listing

R = Resource
READ: Final = (R.CANDIDATE, R.APPLICATION, R.ACTIVITY, R.ATTACHMENT, R.TAG)
"""What a refused write must leave as it was, where the provider lists it."""

NOT_OBJECTS: Final = (b"{not json", b"[1]", b'"text"', b"3", b"null", b"\xff\xfe")
WRONG: Final[tuple[Any, ...]] = (3, 1.5, True, None, [], {}, [3], {"a": 1}, "x" * 10_000, "ünïcødé ✓")
UNKNOWN_IDS: Final = ("abc", "99999999999999999999", "..", "-1", "0")
RPC_READS: Final = (".list", ".info", ".search")
"""An RPC API reads by ``POST`` too (Ashby's ``application.info``): a call ending so is a read,
which a write may make first, and is left to the read contracts."""


async def _all(adapter: ProviderAdapter, resource: Resource) -> list[Record]:
    return [r for page in await whole_listing(adapter, resource, 100) for r in page.records]


async def _read(sim: Simulated) -> dict[Resource, list[Record]]:
    """Everything the provider lists of :data:`READ` without a filter, through a fresh adapter
    (nothing cached)."""
    adapter = sim.adapter()
    read: dict[Resource, list[Record]] = {}
    for resource in READ:
        with contextlib.suppress(UnsupportedOperation):
            read[resource] = await _all(adapter, resource)
    return read


def _inputs(
    candidates: list[Record], applications: list[ApplicationRecord], jobs: list[Record]
) -> dict[str, Any]:
    """A valid input of every write, on records of the dataset (each write is made once)."""
    person = candidates[0]
    mine = [a for a in applications if a.candidate_id == person.id]
    opened = [a for a in applications if a.rejected_at is None] or [ApplicationRecord(id="1", remote_id="1")]
    job = next((j.id for j in jobs if j.id not in {a.job_id for a in mine}), jobs[0].id)
    rejected = next((a for a in applications if a.rejected_at is not None), opened[-1])
    on = mine[0].id if mine else None
    return {
        "create_candidate": CandidateInput(
            first_name="Ada", last_name="Lovelace", emails=(EmailAddress(email="ada.contract@example.com"),)
        ),
        "update_candidate": CandidateUpdate(person.id, first_name="Augusta", last_name="King"),
        "create_application": [
            ApplicationInput(job, candidate_id=person.id),
            ApplicationInput(job, candidate=CandidateInput(first_name="Grace", last_name="Hopper")),
        ],
        "move_application_stage": StageMove(opened[0].id, opened[0].current_stage_id or ""),
        "unreject_application": ApplicationRef(rejected.id),
        "reject_application": Rejection(opened[1 % len(opened)].id),
        "hire_application": ApplicationRef(opened[2 % len(opened)].id),
        "add_note": NoteInput(person.id, "a contract note", application_id=on),
        "upload_attachment": AttachmentInput(
            person.id, "cv.txt", application_id=on, content=b"hello", content_type="text/plain"
        ),
        "add_candidate_tags": TagChange(person.id, ("contract",)),
        "remove_candidate_tags": TagChange(person.id, ("contract",)),
    }


async def _sent_writes(sim: Simulated) -> list[httpx.Request]:
    """The write requests the adapter sends for one valid input of each write it offers (a write
    it refuses before sending, or the simulator refuses, is still sent where it got that far)."""
    adapter = sim.adapter()
    listed = await _read(sim)
    applications = [a for a in listed.get(R.APPLICATION, ()) if isinstance(a, ApplicationRecord)]
    if not applications:  # listed only by candidate: read by the ids the candidates give
        ids = [i for c in listed[R.CANDIDATE] for i in getattr(c, "application_ids", None) or ()]
        found = await adapter.get_many(R.APPLICATION, ids)
        applications = [a for a in found if isinstance(a, ApplicationRecord)]
    jobs = await _all(adapter, R.JOB)
    users = await _all(adapter, R.USER) if adapter.can_list(R.USER) else []
    actor = Actor(users[0].id) if users else None
    inputs = _inputs(listed[R.CANDIDATE], applications, jobs)
    sent: list[httpx.Request] = []

    async def keep(request: httpx.Request) -> None:
        if request.method != "GET" and not request.url.path.endswith(RPC_READS):
            request.read()
            sent.append(request)

    sim.client.event_hooks["request"].append(keep)
    try:
        for op in offered(type(adapter)):
            given = inputs[op.method]
            tries = [(i, a) for i in (given if isinstance(given, list) else [given]) for a in (None, actor)]
            for one, acting in tries:  # some providers need an acting user, others take none
                try:
                    await getattr(adapter, op.method)(one, acting)
                    break
                except (ProviderError, AssertionError):
                    pass  # refused (or not made of this input): what it sent is kept all the same
    finally:
        sim.client.event_hooks["request"].remove(keep)
    return sent


def _template(sim: Simulated, request: httpx.Request) -> tuple[str, dict[str, str]] | None:
    """The route ``request`` reached and its path parameters."""
    transport = sim.client._transport
    assert isinstance(transport, httpx.ASGITransport)

    def routes(found: list[Any], prefix: str = "") -> Iterator[str]:
        for route in found:
            if isinstance(route, Mount):
                yield from routes(route.routes, prefix + route.path)
            elif isinstance(route, Route) and request.method in (route.methods or ()):
                yield prefix + route.path

    for path in routes(transport.app.router.routes):  # type: ignore[attr-defined]
        matched = compile_path(path)[0].match(request.url.path)
        if matched:
            return path, matched.groupdict()
    return None


def _variant(
    request: httpx.Request, content: bytes, content_type: str | None = None, path: str | None = None
) -> httpx.Request:
    headers = {
        k: v for k, v in request.headers.items() if k.lower() not in ("content-length", "content-type")
    }
    if content_type is not None:
        headers["content-type"] = content_type
    elif "content-type" in request.headers:
        headers["content-type"] = request.headers["content-type"]
    url = request.url if path is None else request.url.copy_with(path=path)
    return httpx.Request(request.method, url, headers=headers, content=content)


def _members(body: Any, at: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """The path of every member of a JSON body, objects and lists walked (two items of a list)."""
    items = body.items() if isinstance(body, dict) else enumerate(body[:2]) if isinstance(body, list) else ()
    for key, value in items:
        yield (*at, key)
        yield from _members(value, (*at, key))


def _at(body: Any, at: tuple[Any, ...]) -> Any:
    for key in at:
        body = body[key]
    return body


def _with(body: Any, at: tuple[Any, ...], value: Any) -> Any:
    changed = copy.deepcopy(body)
    holder = changed
    for key in at[:-1]:
        holder = holder[key]
    holder[at[-1]] = value
    return changed


def _bad_bodies(request: httpx.Request) -> Iterator[tuple[str, httpx.Request, bool]]:
    """``(what, request, must be refused)`` for each bad body of ``request``."""
    json_type = "application/json"
    for raw in NOT_OBJECTS:
        yield f"body {raw!r}", _variant(request, raw, json_type), True
    if request.headers.get("content-type", "").startswith("multipart/"):
        yield "JSON where a form is sent", _variant(request, b'{"file": 3}', json_type), False
        return
    form = httpx.Request("POST", "http://form", files={"file": ("a.txt", b"a")})
    yield "a form where JSON is sent", _variant(request, form.read(), form.headers["content-type"]), False
    yield "a urlencoded form", _variant(request, b"a=1", "application/x-www-form-urlencoded"), False
    try:
        body = json.loads(request.content or b"null")
    except ValueError:
        return
    for at in _members(body):
        found = _at(body, at)
        if isinstance(found, list) and found:
            twice = json.dumps(_with(body, at, found + found)).encode()
            yield f"{'/'.join(map(str, at))} twice over", _variant(request, twice), False
        for value in WRONG:
            changed = json.dumps(_with(body, at, value)).encode()
            yield f"{'/'.join(map(str, at))} = {str(value)[:20]!r}", _variant(request, changed), False


def _refused(response: httpx.Response) -> bool:
    if 400 <= response.status_code < 500:
        return True
    try:  # an RPC API answers every call 200, a refusal with ``success: false`` (kit/rpc)
        return response.status_code == 200 and response.json().get("success") is False
    except (ValueError, AttributeError):
        return False


async def test_a_bad_write_is_refused_or_taken_and_a_refused_one_changes_nothing(sim: Simulated) -> None:
    if not offered(type(sim.adapter())):
        pytest.skip(f"{sim.name} offers no write")
    sent = await _sent_writes(sim)
    assert sent, f"{sim.name}: no write reached the simulator"
    seen: set[tuple[str, str]] = set()
    problems: list[str] = []
    before = await _read(sim)
    for request in sent:
        found = _template(sim, request)
        assert found is not None, request.url
        path, params = found
        if (request.method, request.url.path) in seen:  # an RPC API's calls share one route
            continue
        seen.add((request.method, request.url.path))
        cases = list(_bad_bodies(request))
        fmt = compile_path(path)[1]
        for name in params:
            for unknown in UNKNOWN_IDS:
                wrong = fmt.format(**{**params, name: unknown})
                # an unknown record is refused; what else a path names (an account) may be ignored
                refuse = name.lower().endswith("id")
                cases.append(
                    (f"{name} = {unknown!r}", _variant(request, request.content, path=wrong), refuse)
                )
        for what, bad, must_refuse in cases:
            where = f"{sim.name} {request.method} {path}: {what}"
            try:
                answer = await sim.client.send(bad)
            except Exception as exc:  # the simulator's unhandled exception (its 500)
                problems.append(f"{where}: {type(exc).__name__}: {str(exc)[:200]}")
                before = await _read(sim)
                continue
            refused = _refused(answer)
            if answer.status_code >= 500 or (must_refuse and not refused):
                problems.append(f"{where}: {answer.status_code} {answer.text[:200]}")
            after = await _read(sim)
            if refused and after != before:
                problems.append(f"{where}: refused ({answer.status_code}), yet a read changed")
            before = after
    assert not problems, "\n".join(problems)
