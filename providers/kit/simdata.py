"""What a simulator does with its sandbox dataset beyond rendering: ids in a provider's own
shape that decode back to the sandbox's (:func:`uuid_id`, :func:`from_uuid_id`,
:func:`exact_uuid_id`), and a list of records that renders each one only when it is read
(:class:`Rendered`), so that a page of a long list renders just that page; the records under
the parents a request names, through the dataset's indexes (:func:`under_parents`)."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, TypeVar, overload

if TYPE_CHECKING:
    from ..records import Record, Resource
    from ..sandbox import Dataset

T = TypeVar("T")


def uuid_id(sandbox_id: str) -> str:
    """The UUID of a sandbox id, reversibly: the id's ASCII bytes, zero-padded (at most 16)."""
    raw = sandbox_id.encode("ascii")
    if len(raw) > 16:
        raise ValueError(f"sandbox id {sandbox_id!r} is too long to encode as a UUID")
    return str(uuid.UUID(bytes=raw.ljust(16, b"\0")))


def from_uuid_id(value: str) -> str:
    """The sandbox id behind a :func:`uuid_id` (ValueError or UnicodeDecodeError: none)."""
    return uuid.UUID(value).bytes.rstrip(b"\0").decode("ascii")


def exact_uuid_id(wanted: Any) -> str | None:
    """The sandbox id whose :func:`uuid_id` is exactly ``wanted`` (None: there is none). A
    filter compares the rendered strings, so another spelling of the same UUID (upper case,
    no dashes), which :func:`from_uuid_id` accepts, matches nothing."""
    try:
        sandbox_id = from_uuid_id(wanted) if isinstance(wanted, str) else None
    except (ValueError, UnicodeDecodeError):
        return None
    return sandbox_id if sandbox_id is not None and uuid_id(sandbox_id) == wanted else None


class Rendered(Sequence[T]):
    """``records`` as the list of their renderings, each rendered only when it is read."""

    def __init__(self, records: Sequence[Any], render: Callable[[Any], T]) -> None:
        self._records, self._render = records, render

    def __len__(self) -> int:
        return len(self._records)

    @overload
    def __getitem__(self, index: int) -> T: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[T]: ...
    def __getitem__(self, index: int | slice) -> T | Sequence[T]:
        if isinstance(index, slice):
            return [self._render(r) for r in self._records[index]]
        return self._render(self._records[index])

    def __iter__(self) -> Iterator[T]:
        return (self._render(r) for r in self._records)


def under_parents(
    data: Dataset,
    resource: Resource,
    asked: Iterable[tuple[str, Any]],
    decode: Callable[[Any], str | None] = exact_uuid_id,
) -> list[Record]:
    """The records of ``resource``, in dataset order, under every ``(parent, wanted)`` asked:
    in the dataset's ``parent`` index at the sandbox id ``decode(wanted)`` (an id that decodes
    to none has none); every record when nothing is asked."""

    def under(parent: str, wanted: Any) -> Sequence[Record]:
        sandbox_id = decode(wanted)
        return data.children(resource, parent).get(sandbox_id, ()) if sandbox_id else ()

    pairs = list(asked)
    if not pairs:
        return list(data.records(resource))
    records = list(under(*pairs[0]))
    for parent, wanted in pairs[1:]:
        # the indexes hold the dataset's own objects: identity is membership, cheaper than hashing
        allowed = {id(r) for r in under(parent, wanted)}
        records = [r for r in records if id(r) in allowed]
    return records
