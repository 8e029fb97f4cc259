"""A simulator's write endpoints: each write's body read (JSON, or a ``multipart/form-data``
form), the dataset forked on the first write (a shared one is never written), the sandbox's
writer (``providers/sandbox/writes.py``) applied, what it or the handler refuses answered in the
provider's error format, and the routes added beside the reads that ``SimServer.app`` serves,
behind the same guard (auth, faults, rate-limit headers). A provider's simulator keeps only its
routes and how each body becomes a neutral write."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Collection, Iterable, Mapping
from typing import TYPE_CHECKING, Any, Protocol

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from ..errors import WriteRefused
from ..sandbox.writes import SandboxWriter
from .forms import FormPart, form_parts
from .simserver import Handler, SimServer
from .simulator import Refused

if TYPE_CHECKING:
    from ..sandbox import Dataset

BodyHandler = Callable[[Request, dict[str, Any]], Awaitable[Response]]
WriteRoute = tuple[str, str, Handler]
"""``(method, path, handler)``."""


def _error(_status: int, message: str) -> Any:
    return {"error": message}


def json_write(
    handler: BodyHandler, error: Callable[[int, str], Any] = _error, refused_status: int = 422
) -> Handler:
    """``handler(request, body)`` given the request's JSON object (an empty body reads as
    ``null``): a body that is not JSON answers 400 and one that is no object 422; a
    :class:`Refused` answers its status, and a sandbox writer's ``WriteRefused``
    ``refused_status``, each rendered by ``error(status, message)``."""

    async def endpoint(request: Request) -> Response:
        try:
            body = json.loads(await request.body() or b"null")
            if not isinstance(body, dict):
                raise Refused(422, "the body must be a JSON object")
            return await handler(request, body)
        except json.JSONDecodeError:
            return JSONResponse(error(400, "the body is not JSON"), status_code=400)
        except Refused as exc:
            return JSONResponse(error(exc.status, exc.message), status_code=exc.status)
        except WriteRefused as exc:
            return JSONResponse(error(refused_status, exc.message), status_code=refused_status)

    return endpoint


def add_routes(
    app: Starlette,
    server: SimServer,
    root: str,
    routes: Iterable[WriteRoute],
    wrap: Callable[[Handler], Handler] = lambda h: h,
) -> None:
    """``routes`` added to ``app`` under ``root``, each behind ``server.guarded`` (and ``wrap``,
    the provider's own checks). ``SimServer.app`` routes reads, ``GET``, only; Starlette tries a
    route of another method on a read's path next."""
    for method, path, handler in routes:
        app.router.routes.append(Route(f"{root}{path}", server.guarded(wrap(handler)), methods=[method]))


Body = dict[str, Any]
WriteHandler = Callable[[Request, Body, SandboxWriter], Response]
"""A write: the request, its body read and the writer of the simulator's dataset."""


class Holder(Protocol):
    """What holds a simulator's dataset (its API object): a write replaces it with a fork."""

    data: Dataset


class SimWrites:
    """The write endpoints of a simulator whose dataset ``holder.data`` holds, answered behind
    ``server``'s guard; ``changed`` is called after every write (and the fork), so that what
    renders the dataset follows it."""

    def __init__(
        self,
        holder: Holder,
        server: SimServer,
        provider: str,
        changed: Callable[[], None] = lambda: None,
    ) -> None:
        self.holder = holder
        self.server = server
        self.provider = provider
        self.changed = changed

    def writer(self) -> SandboxWriter:
        """The sandbox writer of the dataset, forked first if it is a shared one."""
        if not self.holder.data.writable:
            self.holder.data = self.holder.data.fork()
            self.changed()
        return SandboxWriter(self.holder.data, self.provider, "simulator")

    def error(self, exc: Refused) -> Response:
        return JSONResponse(self.server.error(exc.status, exc.message), status_code=exc.status)

    def endpoint(self, handler: WriteHandler, *, form: bool = False) -> Handler:
        """``handler`` with its body read (``form``: a multipart form, its parts by name), a
        refusal (``Refused``, or the sandbox's ``WriteRefused`` as a 400) answered as an error."""

        async def answer(request: Request) -> Response:
            try:
                raw = await request.body()
                body = self.form(request, raw) if form else json.loads(raw or b"null")
                if not isinstance(body, dict):
                    raise Refused(400, "The body must be a JSON object")
                response = handler(request, body, self.writer())
            except json.JSONDecodeError:
                return self.error(Refused(400, "The body is not JSON"))
            except Refused as exc:
                return self.error(exc)
            except WriteRefused as exc:
                return self.error(Refused(400, exc.message))
            self.changed()
            return response

        return answer

    @staticmethod
    def form(request: Request, raw: bytes) -> Body:
        try:
            return dict(form_parts(request.headers.get("content-type", ""), raw))
        except ValueError:
            raise Refused(400, "The body must be multipart/form-data") from None

    def mount(self, app: Starlette, routes: Iterable[tuple[str, str, Handler]]) -> None:
        """Add ``(method, path, handler)`` routes beside the reads, behind the same guard."""
        add_routes(app, self.server, "", routes)


def typed(
    body: Mapping[str, Any], types: Mapping[str, type], status: int = 400, pointer: str | None = None
) -> None:
    """A refusal (``status``) of a body in which a key of ``types`` holds a value of another
    type (null counts as not given; a bool is no number): what the provider's validation
    answers, where the sandbox's records would otherwise keep the wrong type or its writer fail
    on it. ``pointer``: where the error says the value is, ``{}`` standing for the key."""
    for key, kind in types.items():
        value = body.get(key)
        if value is not None and (
            not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool)
        ):
            where = None if pointer is None else pointer.format(key)
            raise Refused(status, f"{key} must be {_KINDS.get(kind, kind.__name__)}", where)


_KINDS: dict[type, str] = {str: "text", bool: "true or false", list: "a list", dict: "an object"}


def text_list(
    body: Mapping[str, Any], key: str, status: int = 400, pointer: str | None = None
) -> tuple[str, ...]:
    """The list of text at ``key`` of a write's body, or a 400 (``status``; ``pointer``: where
    the error says the value is, for a provider whose errors say so)."""
    found = body.get(key)
    if not isinstance(found, list) or not all(isinstance(t, str) for t in found):
        raise Refused(status, f"{key} must be a list of names", pointer)
    return tuple(found)


def value_types(
    body: Mapping[str, Any], key: str, status: int = 400, pointer: str | None = None
) -> list[dict[str, Any]]:
    """The list of ``{value, type}`` at ``key`` of a write's body (the value text, the type text
    or null: a contact list's items), or a 400 (``status`` and ``pointer`` as :func:`text_list`'s)."""
    found = body.get(key)
    if not isinstance(found, list) or not all(
        isinstance(i, dict) and isinstance(i.get("value"), str) and isinstance(i.get("type"), str | None)
        for i in found
    ):
        raise Refused(status, f"{key} must be a list of {{value, type}}", pointer)
    return found


def form_text(body: Body, name: str, allowed: Collection[str]) -> str:
    """The text of the form part ``name``, one of ``allowed``, or a 400."""
    part = body.get(name)
    text = part.content.decode("utf-8", "replace") if isinstance(part, FormPart) else None
    if text is None or text not in allowed:
        raise Refused(400, f"{name} must be one of {sorted(allowed)}")
    return text


def form_file(body: Body, name: str = "file") -> FormPart:
    """The file part ``name`` of a form (one with a file name), or a 400."""
    part = body.get(name)
    if not isinstance(part, FormPart) or not part.file_name:
        raise Refused(400, f"a {name} part is required")
    return part
