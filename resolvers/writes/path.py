"""The one path every mutation takes, whatever the provider: check, claim, write, record.

``perform`` is called by the thin mutation resolvers with the provider-neutral input
(``providers/writes``) and the names of the input fields the client gave. In order:

1. a read-only key is FORBIDDEN (nothing else is looked at, nothing is called);
2. validation (``validation.py``): offered, required, acting user, the account's rules;
3. the idempotency key, if any, is claimed (``idempotency.py``), or its stored result answered;
4. exactly one call to the adapter's write method, never retried: a failure that may have
   happened after the request left, or any failure once the provider accepted one of the
   write's requests (``providers/acceptance.py``), answers WRITE_OUTCOME_UNKNOWN and keeps the
   key so;
5. the request's loaders forget what they read and hold the written record, so the payload's
   object and everything selected under it read the account as it is now;
6. one audit line (``audit.py``), whatever the outcome.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any, Final

import httpx
from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    InlineFragmentNode,
    SelectionSetNode,
)
from strawberry.types import Info

from gateway.errors import BadUserInput, Forbidden, GatewayError, OutcomeUnknown, provider_error_code
from graph.context import Context
from providers.errors import (
    CircuitOpen,
    ProviderError,
    ProviderNotFound,
    ProviderRefusedInput,
    ProviderTimeout,
    ProviderUnavailable,
    WriteOutcomeUnknown,
)
from providers.records import Record, Resource
from providers.writes import (
    BY_MUTATION,
    ApplicationInput,
    AttachmentInput,
    CandidateInput,
    CandidateUpdate,
    StageMove,
    WriteOperation,
)

from . import attachments, validation
from .audit import audit
from .idempotency import CHECK, Claim, checked_key, claim, fingerprint

_TARGETS: Final = {"id": "candidate_id", "candidateId": "candidate_id", "applicationId": "application_id"}
_NOT_SENT: Final = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)


@dataclass(frozen=True)
class Written:
    record: Record | None
    """The changed object (None only when a replayed write's object no longer exists)."""
    replayed: bool


def _target(op: WriteOperation, given: Any) -> str | None:
    attribute = _TARGETS.get(op.target or "")
    return None if attribute is None else getattr(given, attribute, None)


def _tenant(ctx: Context) -> str:
    return (ctx.principal.tenant if ctx.principal is not None else None) or ""


def maybe_sent(exc: ProviderError) -> bool:
    """Whether the request may have reached the provider although no answer says it worked."""
    if isinstance(exc, WriteOutcomeUnknown):
        return True
    if isinstance(exc, CircuitOpen) or isinstance(exc.__cause__, _NOT_SENT):
        return False
    if isinstance(exc, ProviderTimeout):
        return True
    # A transport failure after connecting (the connection dropped mid-exchange); a 5xx answer
    # is the provider saying it failed, which is an outcome.
    return isinstance(exc, ProviderUnavailable) and isinstance(exc.__cause__, httpx.TransportError)


@dataclass
class _Attempt:
    """What the audit line says about a write, filled in as the write goes."""

    target: str | None = None
    outcome: str = "INTERNAL_SERVER_ERROR"


async def perform(
    info: Info[Context, Any],
    mutation: str,
    build: Callable[[], Any],
    fields: frozenset[str],
    *,
    actor_id: str | None,
    idempotency_key: str | None,
) -> Written:
    """Perform ``mutation`` with the neutral input ``build()`` makes (called after the
    permission checks: converting the input may itself refuse it); ``fields`` are the input
    fields the client gave."""
    ctx, op, attempt = info.context, BY_MUTATION[mutation], _Attempt()
    try:
        written = await _perform(info, op, build, fields, actor_id, idempotency_key, attempt)
        attempt.outcome = "replayed" if written.replayed else "done"
        if written.record is not None:
            attempt.target = written.record.id
        return written
    except GatewayError as exc:
        attempt.outcome = exc.code.value
        raise
    except ProviderError as exc:
        attempt.outcome = provider_error_code(exc).value
        raise
    finally:
        audit(
            tenant=_tenant(ctx),
            connection=ctx.connection_name,
            mutation=mutation,
            target=attempt.target,
            outcome=attempt.outcome,
            request_id=ctx.request_id,
        )


def _root_fields(selections: SelectionSetNode, fragments: Mapping[str, FragmentDefinitionNode]) -> int:
    """How many fields an operation's root selects, inside fragments too: a spread at the root
    may carry several mutations, which one header key must not cover."""
    count = 0
    for node in selections.selections:
        if isinstance(node, FieldNode):
            count += 1
        elif isinstance(node, InlineFragmentNode):
            count += _root_fields(node.selection_set, fragments)
        elif isinstance(node, FragmentSpreadNode) and node.name.value in fragments:
            count += _root_fields(fragments[node.name.value].selection_set, fragments)
    return count


def _key(info: Info[Context, Any], argument: str | None) -> str | None:
    header = info.context.idempotency_key
    if argument is not None:
        if header is not None and header != argument:
            raise BadUserInput(
                "the Idempotency-Key header and the idempotencyKey argument differ", field="idempotencyKey"
            )
        return checked_key(argument)
    if header is None:
        return None
    # Strawberry's Info has no public view of the document's fragments; graphql-core's has.
    if _root_fields(info.operation.selection_set, info._raw_info.fragments) != 1:
        raise BadUserInput(
            "the Idempotency-Key header names one mutation: with several in one operation, give "
            "each its own idempotencyKey argument",
            field="idempotencyKey",
        )
    return checked_key(header)


async def _perform(
    info: Info[Context, Any],
    op: WriteOperation,
    build: Callable[[], Any],
    fields: frozenset[str],
    actor_id: str | None,
    argument_key: str | None,
    attempt: _Attempt,
) -> Written:
    ctx = info.context
    if ctx.principal is not None and ctx.principal.read_only:
        raise Forbidden("this key is read-only: it cannot write")
    adapter = ctx.adapter
    refusal = adapter.write_refusal()
    if refusal is not None:
        raise refusal
    given = build()
    validation.check_offered(type(adapter), op, fields)
    validation.check_required(type(adapter), op, fields)
    # Named only once the provider takes the mutation: an id it would not take may be anything
    # the client sent (on Pinpoint a candidate's id is its e-mail address).
    attempt.target = _target(op, given)
    actor = validation.acting_user(adapter, actor_id)
    key = _key(info, argument_key)
    held: Claim | None = None
    if key is not None and ctx.idempotency is not None:
        print_ = fingerprint(op.mutation, given, ctx.connection_name, _tenant(ctx))
        got = await claim(
            ctx.idempotency,
            key=key,
            tenant=_tenant(ctx),
            print_=print_,
            mutation=op.mutation,
            connection=ctx.connection_name,
            target=_target(op, given),
            retention_s=ctx.settings.idempotency_retention_s,
            wait_s=ctx.settings.idempotency_wait_s,
        )
        if not isinstance(got, Claim):
            result = got.result or {}
            record = await ctx.loaders.load(Resource(result["resource"]), result["id"]) if result else None
            return Written(record, replayed=True)
        held = got
    try:
        given = await _prepared(ctx, op, given, fields)
    except BaseException:
        # Only reads so far (and a URL's file): nothing was written, the key is free again.
        if held is not None:
            await held.store.release(held.id)
        raise
    try:
        record = await adapter.write(op.method, op.resource, given, actor)
    except ProviderError as exc:
        if maybe_sent(exc):
            if held is not None:
                await held.store.settle(held.id, "unknown")
            raise OutcomeUnknown(f"{exc.message}. {CHECK}", provider=adapter.name) from exc
        if held is not None:
            await held.store.release(held.id)
        if isinstance(exc, ProviderRefusedInput) and not exc.field:
            exc.field = validation.refused_field(type(adapter), op, exc)
        if isinstance(exc, ProviderNotFound):
            raise validation.unknown_record(type(adapter), op, fields) from exc
        raise
    except BaseException:
        # A bug, or the request cancelled mid-call: nobody can say whether the write landed.
        if held is not None:
            await held.store.settle(held.id, "unknown")
        raise
    if held is not None:
        await held.store.settle(held.id, "done", {"resource": op.resource.value, "id": record.id}, record.id)
    ctx.loaders.forget([record])
    if ctx.events is not None:
        await ctx.events.written(op.mutation, op.resource, record)
    return Written(record, replayed=False)


async def _prepared(ctx: Context, op: WriteOperation, given: Any, fields: frozenset[str]) -> Any:
    """The input after the checks that read the account (and a URL's file fetched)."""
    if isinstance(given, CandidateInput | CandidateUpdate):
        await validation.check_custom_fields(ctx, op, given.custom_fields)
    if isinstance(given, ApplicationInput):
        if given.candidate is not None:
            validation.check_inline_candidate(type(ctx.adapter), fields)
        return await validation.prepare_application(ctx, given)
    if isinstance(given, StageMove):
        await validation.check_stage(ctx, given)
    if isinstance(given, AttachmentInput):
        return await _with_file(ctx, given)
    return given


async def _with_file(ctx: Context, given: AttachmentInput) -> AttachmentInput:
    limit = ctx.settings.max_upload_bytes
    if (given.content is None) == (given.url is None):
        raise BadUserInput("give exactly one of `file` and `url`", field="input.file")
    if given.content is not None:
        if len(given.content) > limit:
            raise attachments.too_large(len(given.content), limit)
        return given
    url = attachments.checked_url(given.url or "")
    if ctx.adapter.attachment_by_url:
        return given
    fetched = await attachments.fetch(url, limit)
    return replace(
        given,
        content=fetched.content,
        content_type=given.content_type or fetched.content_type,
        file_name=given.file_name or fetched.file_name,
        url=None,
    )
