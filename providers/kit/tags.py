"""Tags as names, for an API whose candidate carries its tags as a list of names that a write
replaces whole (``PUT .../tags``, ``PATCH`` with ``tags``): the list an add or a removal leaves
(client side), and the sandbox candidate's tags set to exactly a list (simulator side). Names
compare case-insensitively; the spelling already there is kept."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, cast

from ..records import CandidateRecord, Resource, TagRecord
from ..writes import TagChange

if TYPE_CHECKING:
    from ..sandbox.writes import SandboxWriter


def retagged(current: Sequence[str], names: Sequence[str], add: bool) -> list[str]:
    """The new list: ``current`` with ``names`` added at the end (those not there yet, each once)
    or removed."""
    have = {t.casefold() for t in current}
    if add:
        return [*current, *dict.fromkeys(n for n in names if n.casefold() not in have)]
    gone = {n.casefold() for n in names}
    return [t for t in current if t.casefold() not in gone]


def set_tags(writer: SandboxWriter, candidate_id: str, names: Sequence[str]) -> CandidateRecord:
    """The sandbox candidate's tags become exactly ``names``: those not named are removed, then
    ``names`` are added (the sandbox writer keeps those already there)."""
    person = cast("CandidateRecord", writer.data.get(Resource.CANDIDATE, candidate_id))
    by_id = writer.data.by_id(Resource.TAG)
    current = [cast("TagRecord", by_id[t]).name or t for t in person.tag_ids or ()]
    keep = {n.casefold() for n in names}
    gone = tuple(n for n in current if n.casefold() not in keep)
    if gone:
        writer.change_tags(TagChange(candidate_id, gone), add=False)
    return writer.change_tags(TagChange(candidate_id, tuple(names)), add=True)
