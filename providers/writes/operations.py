"""The write operations, as data: one row per mutation, and what a provider offers of each.

A provider offers an operation by defining its method (``create_candidate``...), exactly as
it offers a read; the GraphQL mutations, ``providers { mutations }`` and docs/coverage.md
are all read from this table and the adapter class, so none of them can disagree with the
code. Input fields are named as in the GraphQL inputs (camelCase).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from ..records import Resource
from . import inputs as I

if TYPE_CHECKING:
    from ..base import ProviderAdapter

R = Resource

_CANDIDATE_FIELDS: Final = (
    "firstName",
    "lastName",
    "company",
    "title",
    "isPrivate",
    "emails",
    "phones",
    "urls",
    "locations",
    "customFields",
)
OPT_IN: Final = frozenset({"customFields"})
"""Fields offered only where an adapter's ``write_fields`` lists them: most providers have no
custom fields to set (or none the gateway knows how to send)."""


@dataclass(frozen=True)
class WriteOperation:
    mutation: str
    """The GraphQL field (``createCandidate``)."""
    method: str
    """The adapter method that performs it (``create_candidate``)."""
    input_type: type
    resource: Resource
    """What the changed object is (the payload's node)."""
    fields: tuple[str, ...]
    """Every input field the operation has."""
    required: frozenset[str] = frozenset()
    """Fields no provider can do without (a provider may require more: ``write_required``)."""
    target: str | None = None
    """The input field naming the record changed, for the audit line (None: a new record)."""


OPERATIONS: Final[tuple[WriteOperation, ...]] = (
    WriteOperation(
        "createCandidate", "create_candidate", I.CandidateInput, R.CANDIDATE, (*_CANDIDATE_FIELDS, "tags")
    ),
    WriteOperation(
        "updateCandidate",
        "update_candidate",
        I.CandidateUpdate,
        R.CANDIDATE,
        ("id", *_CANDIDATE_FIELDS),
        frozenset({"id"}),
        "id",
    ),
    WriteOperation(
        "createApplication",
        "create_application",
        I.ApplicationInput,
        R.APPLICATION,
        ("jobId", "candidateId", "candidate", "onDuplicateCandidate", "stageId", "source", "answers"),
        frozenset({"jobId"}),
    ),
    WriteOperation(
        "moveApplicationStage",
        "move_application_stage",
        I.StageMove,
        R.APPLICATION,
        ("applicationId", "stageId"),
        frozenset({"applicationId", "stageId"}),
        "applicationId",
    ),
    WriteOperation(
        "rejectApplication",
        "reject_application",
        I.Rejection,
        R.APPLICATION,
        ("applicationId", "rejectReasonId", "note", "emailTemplateId"),
        frozenset({"applicationId"}),
        "applicationId",
    ),
    WriteOperation(
        "unrejectApplication",
        "unreject_application",
        I.ApplicationRef,
        R.APPLICATION,
        ("applicationId",),
        frozenset({"applicationId"}),
        "applicationId",
    ),
    WriteOperation(
        "hireApplication",
        "hire_application",
        I.ApplicationRef,
        R.APPLICATION,
        ("applicationId",),
        frozenset({"applicationId"}),
        "applicationId",
    ),
    WriteOperation(
        "addNote",
        "add_note",
        I.NoteInput,
        R.ACTIVITY,
        ("candidateId", "applicationId", "body", "visibility"),
        frozenset({"candidateId", "body"}),
        "candidateId",
    ),
    WriteOperation(
        "uploadAttachment",
        "upload_attachment",
        I.AttachmentInput,
        R.ATTACHMENT,
        ("candidateId", "applicationId", "fileName", "attachmentType", "file", "url"),
        frozenset({"candidateId"}),
        "candidateId",
    ),
    WriteOperation(
        "addCandidateTags",
        "add_candidate_tags",
        I.TagChange,
        R.CANDIDATE,
        ("candidateId", "tags"),
        frozenset({"candidateId", "tags"}),
        "candidateId",
    ),
    WriteOperation(
        "removeCandidateTags",
        "remove_candidate_tags",
        I.TagChange,
        R.CANDIDATE,
        ("candidateId", "tags"),
        frozenset({"candidateId", "tags"}),
        "candidateId",
    ),
)

BY_MUTATION: Final[Mapping[str, WriteOperation]] = {op.mutation: op for op in OPERATIONS}


def supports(adapter: type[ProviderAdapter], op: WriteOperation) -> bool:
    """Whether the provider offers ``op``: its class defines the method."""
    return callable(getattr(adapter, op.method, None))


def input_fields(adapter: type[ProviderAdapter], op: WriteOperation) -> tuple[str, ...]:
    """The input fields the provider takes for ``op`` (none if it does not offer it)."""
    if not supports(adapter, op):
        return ()
    taken = adapter.write_fields.get(op.method)
    if taken is None:
        return tuple(f for f in op.fields if f not in OPT_IN)
    return tuple(f for f in op.fields if f in taken)


def required_fields(adapter: type[ProviderAdapter], op: WriteOperation) -> tuple[str, ...]:
    """The input fields the provider needs for ``op``, in the operation's field order."""
    if not supports(adapter, op):
        return ()
    needed = op.required | adapter.write_required.get(op.method, frozenset())
    return tuple(f for f in op.fields if f in needed)


def offered(adapter: type[ProviderAdapter]) -> tuple[WriteOperation, ...]:
    return tuple(op for op in OPERATIONS if supports(adapter, op))
