"""Contract: a simulator answers a bad write as its provider does, never with an unhandled
exception (a 500, which httpx's ASGI transport raises into the client), and a write it refuses
changes nothing a read shows.

The writes sent are the adapter's own: each write the provider offers is made once through the
adapter, and the requests it sends are sent again with their body replaced (no JSON, JSON that
is no object, the other content type), with one member of the body given a value of each wrong
type or a list of it given twice over, and with each id in the path unknown. A refusal is a 4xx, or, where the provider answers
every call 200 (an RPC API, ``kit/rpc``), ``success: false``."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from typing import Any, Final

import httpx
import pytest
from starlette.routing import Mount, Route, compile_path

from providers.errors import ProviderError
from providers.writes import offered

from .harness import Simulated
from .write_inputs import is_write, read_all, tries, write_inputs

NOT_OBJECTS: Final = (b"{not json", b"[1]", b'"text"', b"3", b"null", b"\xff\xfe")
WRONG: Final[tuple[Any, ...]] = (3, 1.5, True, None, [], {}, [3], {"a": 1}, "x" * 10_000, "ünïcødé ✓")
UNKNOWN_IDS: Final = ("abc", "99999999999999999999", "..", "-1", "0")


async def _sent_writes(sim: Simulated) -> list[httpx.Request]:
    """The write requests the adapter sends for one valid input of each write it offers (a write
    it refuses before sending, or the simulator refuses, is still sent where it got that far)."""
    adapter = sim.adapter()
    inputs, actor = await write_inputs(sim, adapter)
    sent: list[httpx.Request] = []

    async def keep(request: httpx.Request) -> None:
        if is_write(request):
            request.read()
            sent.append(request)

    sim.client.event_hooks["request"].append(keep)
    try:
        for op in offered(type(adapter)):
            for one, acting in tries(inputs[op.method], actor):
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
    before = await read_all(sim)
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
                before = await read_all(sim)
                continue
            refused = _refused(answer)
            if answer.status_code >= 500 or (must_refuse and not refused):
                problems.append(f"{where}: {answer.status_code} {answer.text[:200]}")
            after = await read_all(sim)
            if refused and after != before:
                problems.append(f"{where}: refused ({answer.status_code}), yet a read changed")
            before = after
    assert not problems, "\n".join(problems)
