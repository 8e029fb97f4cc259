"""The write side of the adapter contract (issue 12): inputs, the operation table, capabilities.

An adapter offers a write by defining its method, with this signature shape::

    async def create_candidate(self, input: CandidateInput, actor: Actor | None) -> CandidateRecord

See ``operations.OPERATIONS`` for every method name, its input and the record it returns, and
docs/writing-a-provider.md for the rest of the contract (what to declare, what to raise).
"""

from .inputs import (
    Actor,
    ApplicationInput,
    ApplicationRef,
    AttachmentInput,
    CandidateInput,
    CandidateUpdate,
    CustomFieldValue,
    NoteInput,
    OnDuplicate,
    Rejection,
    StageMove,
    TagChange,
)
from .operations import (
    BY_MUTATION,
    OPERATIONS,
    WriteOperation,
    input_fields,
    offered,
    required_fields,
    supports,
)

__all__ = [
    "BY_MUTATION",
    "OPERATIONS",
    "Actor",
    "ApplicationInput",
    "ApplicationRef",
    "AttachmentInput",
    "CandidateInput",
    "CandidateUpdate",
    "CustomFieldValue",
    "NoteInput",
    "OnDuplicate",
    "Rejection",
    "StageMove",
    "TagChange",
    "WriteOperation",
    "input_fields",
    "offered",
    "required_fields",
    "supports",
]
