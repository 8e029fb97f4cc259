"""GraphQL over HTTP: request parsing, content negotiation, status codes, ``extensions``.

Follows the GraphQL-over-HTTP specification: ``application/graphql-response+json`` when
the client accepts it (request errors answer 4xx), ``application/json`` otherwise (every
well-formed request answers 200); GET for queries only, POST for everything. Every
response carries ``extensions.upstream`` (what the operation cost upstream) and the
request id, also sent as the ``X-Request-Id`` header.
"""

from __future__ import annotations

import json
import logging
import uuid
from dataclasses import dataclass
from typing import Any, Final

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from strawberry.schema.exceptions import CannotGetOperationTypeError, InvalidOperationTypeError
from strawberry.types.graphql import OperationType

from providers.metering import current_meter

from .connections import ConnectionPool
from .context import Context
from .errors import BadRequest, ErrorCode, GatewayError, format_error, request_error
from .graphiql import graphiql_html
from .schema import HiregraphSchema

log = logging.getLogger("hiregraph.http")

GRAPHQL_RESPONSE: Final = "application/graphql-response+json"
JSON: Final = "application/json"
MAX_BODY_BYTES: Final = 1_000_000
CONNECTION_HEADER: Final = "x-hiregraph-connection"


@dataclass(frozen=True)
class GraphQLParams:
    query: str
    variables: dict[str, Any] | None
    operation_name: str | None


class OperationNotExecutable(GatewayError):
    code = ErrorCode.GRAPHQL_VALIDATION_FAILED


class HttpError(BadRequest):
    def __init__(self, message: str, status: int = 400, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.headers = headers or {}


def _accepts(request: Request) -> str:
    accept = request.headers.get("accept", "")
    if GRAPHQL_RESPONSE in accept:
        return GRAPHQL_RESPONSE
    return JSON


def _wants_html(request: Request) -> bool:
    accept = request.headers.get("accept", "")
    return "text/html" in accept and "query" not in request.query_params


def _params(data: Any) -> GraphQLParams:
    if isinstance(data, list):
        raise HttpError("batched requests are not supported: send one operation per request")
    if not isinstance(data, dict):
        raise HttpError("the request body must be a JSON object with a `query`")
    query = data.get("query")
    if not isinstance(query, str) or not query.strip():
        raise HttpError("`query` must be a non-empty string")
    variables = data.get("variables")
    if isinstance(variables, str) and variables:
        variables = _json(variables, "`variables`")
    if variables is not None and not isinstance(variables, dict):
        raise HttpError("`variables` must be a JSON object")
    operation_name = data.get("operationName")
    if operation_name is not None and not isinstance(operation_name, str):
        raise HttpError("`operationName` must be a string")
    return GraphQLParams(query, variables or None, operation_name or None)


def _json(raw: str | bytes, what: str) -> Any:
    try:
        return json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise HttpError(f"{what} is not valid JSON") from None


async def _read_params(request: Request) -> GraphQLParams:
    if request.method == "GET":
        return _params(dict(request.query_params))
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type != JSON:
        raise HttpError("POST bodies must be `Content-Type: application/json`", status=415)
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > MAX_BODY_BYTES:
        raise HttpError(f"the request body is larger than {MAX_BODY_BYTES} bytes", status=413)
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY_BYTES:
            raise HttpError(f"the request body is larger than {MAX_BODY_BYTES} bytes", status=413)
    return _params(_json(body, "the request body"))


class GraphQLEndpoint:
    def __init__(self, schema: HiregraphSchema, pool: ConnectionPool) -> None:
        self.schema = schema
        self.pool = pool

    async def handle(self, request: Request) -> Response:
        request_id = request.headers.get("x-request-id", "")[:64] or uuid.uuid4().hex
        media = _accepts(request)
        if request.method == "GET" and _wants_html(request):
            return HTMLResponse(graphiql_html(), headers={"X-Request-Id": request_id})
        try:
            params = await _read_params(request)
            adapter = self.pool.get(request.headers.get(CONNECTION_HEADER))
        except HttpError as exc:
            return self._respond({"errors": [request_error(exc)]}, exc.status, media, request_id, exc.headers)
        except GatewayError as exc:
            status = 400 if media == GRAPHQL_RESPONSE else 200
            return self._respond({"errors": [request_error(exc)]}, status, media, request_id)

        ctx = Context(adapter=adapter, settings=self.pool.settings, request_id=request_id)
        allowed = {OperationType.QUERY} if request.method == "GET" else set(OperationType)
        token = current_meter.set(ctx.meter)
        try:
            result = await self.schema.execute(
                params.query,
                variable_values=params.variables,
                context_value=ctx,
                operation_name=params.operation_name,
                allowed_operation_types=allowed,
            )
        except InvalidOperationTypeError as exc:
            refused = HttpError(exc.as_http_error_reason(request.method), 405, {"Allow": "POST"})
            return self._respond(
                {"errors": [request_error(refused)]}, 405, media, request_id, refused.headers
            )
        except CannotGetOperationTypeError as exc:
            error = OperationNotExecutable(exc.as_http_error_reason())
            status = 400 if media == GRAPHQL_RESPONSE else 200
            return self._respond({"errors": [request_error(error)]}, status, media, request_id)
        finally:
            current_meter.reset(token)

        body: dict[str, Any] = {}
        errors = result.errors or []
        if errors:
            body["errors"] = [format_error(e, request_id) for e in errors]
        executed = result.data is not None or any(e.path is not None for e in errors)
        if executed:
            body["data"] = result.data
        body["extensions"] = {
            "upstream": {"requests": ctx.meter.requests, "waitMs": round(ctx.meter.wait_s * 1000, 1)},
            "connection": ctx.connection_name,
            "requestId": request_id,
        }
        status = 400 if not executed and media == GRAPHQL_RESPONSE else 200
        return self._respond(body, status, media, request_id)

    @staticmethod
    def _respond(
        body: dict[str, Any], status: int, media: str, request_id: str, headers: dict[str, str] | None = None
    ) -> Response:
        return JSONResponse(
            body,
            status_code=status,
            media_type=media,
            headers={"X-Request-Id": request_id, **(headers or {})},
        )
