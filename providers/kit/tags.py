"""Tags as names, for an API whose candidate carries its tags as a list of names that a write
replaces whole (``PUT .../tags``, ``PATCH`` with ``tags``): the field read from the names and
rendered back as them (:func:`tag_names_at`), the list an add or a removal leaves (client
side), and a sandbox tag's name and the sandbox candidate's tags set to exactly a list
(simulator side). Names compare case-insensitively; the spelling already there is kept."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, cast

from ..records import CandidateRecord, Resource, TagRecord
from ..writes import TagChange
from .mapping import Fn, fn, get_path
from .people import at_path

if TYPE_CHECKING:
    from ..sandbox import Dataset
    from ..sandbox.writes import SandboxWriter


def tag_names_at(path: str = "tags") -> Fn:
    """``tag_ids`` from the list of names at ``path`` (a tag's id is its name; None where the
    payload has no list: not known, as on a list item), rendered back as the names the
    simulator's ``wire.ctx["tag_name"]`` gives the record's tag ids (see :func:`tag_name`)."""
    keys = tuple(path.split("."))
    return fn(
        lambda p: None if (names := get_path(p, keys)) is None else tuple(names),
        lambda r, w: at_path(path, [w.ctx["tag_name"](t) for t in r.tag_ids or ()]),
    )


def tag_name(data: Dataset, tag_id: str) -> str:
    """The name of the sandbox tag ``tag_id`` (the id where it has none or is no tag), read at
    the time of asking: a simulator names the tags a write has just made."""
    tag = data.get(Resource.TAG, tag_id)
    return (tag.name if isinstance(tag, TagRecord) else None) or tag_id


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
    current = [tag_name(writer.data, t) for t in person.tag_ids or ()]
    keep = {n.casefold() for n in names}
    gone = tuple(n for n in current if n.casefold() not in keep)
    if gone:
        writer.change_tags(TagChange(candidate_id, gone), add=False)
    return writer.change_tags(TagChange(candidate_id, tuple(names)), add=True)
