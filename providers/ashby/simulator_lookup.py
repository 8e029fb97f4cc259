"""Finding the records an Ashby simulator request asks for, and rendering only those it returns.

Ashby's list methods filter on ids as its JSON spells them. Rendering every record to compare
those strings would make each request cost the whole dataset, which under the benchmark is more
CPU than the gateway it measures; so the filters run on the records, through the dataset's
indexes (built once per dataset), and only the page a request returns is rendered.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar, overload

from providers.records import Record, Resource

if TYPE_CHECKING:  # the sandbox is only needed to build a simulator, not to import one
    from providers.sandbox import Dataset

from .simulator_render import decode_id, encode_id

Json = dict[str, Any]
T = TypeVar("T")


class Rendered(Sequence[Json]):
    """``records`` as the list of their renderings, each rendered only when read: paging reads
    one slice and the length, so a request renders the page it returns and nothing else."""

    def __init__(self, records: Sequence[T], render: Callable[[T], Json]) -> None:
        self._records: Sequence[Any] = records
        self._render: Callable[[Any], Json] = render

    def __len__(self) -> int:
        return len(self._records)

    @overload
    def __getitem__(self, index: int) -> Json: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Json]: ...
    def __getitem__(self, index: int | slice) -> Json | Sequence[Json]:
        if isinstance(index, slice):
            return [self._render(r) for r in self._records[index]]
        return self._render(self._records[index])

    def __iter__(self) -> Iterator[Json]:
        return (self._render(r) for r in self._records)


def exact_sandbox_id(wanted: Any) -> str | None:
    """The sandbox id whose rendered id is ``wanted``, if any. A filter compares rendered
    strings, so a spelling :func:`decode_id` accepts but :func:`encode_id` never writes (upper
    case, no dashes) must match nothing, unlike the ``*.info`` methods, which decode."""
    if not isinstance(wanted, str):
        return None
    try:
        sandbox_id = decode_id(wanted)
        return sandbox_id if encode_id(sandbox_id) == wanted else None
    except (ValueError, UnicodeDecodeError):
        return None


def _children(data: Dataset, resource: Resource, parent: str, wanted: Any) -> Sequence[Record]:
    sandbox_id = exact_sandbox_id(wanted)
    return data.children(resource, parent).get(sandbox_id, ()) if sandbox_id else ()


def with_ids(data: Dataset, resource: Resource, body: Json, filters: Mapping[str, str]) -> list[Record]:
    """The records of ``resource``, in dataset order, whose rendered ``key`` equals ``body[key]``
    for each key of ``filters`` the body sets; ``filters`` names the index of each key's parent."""
    asked = [(key, parent) for key, parent in filters.items() if body.get(key)]
    if not asked:
        return list(data.records(resource))
    (first, parent), rest = asked[0], asked[1:]
    records = list(_children(data, resource, parent, body[first]))
    for key, other in rest:
        # the indexes hold the dataset's own record objects, so identity is membership, and
        # cheaper than hashing every field of a record
        allowed = {id(r) for r in _children(data, resource, other, body[key])}
        records = [r for r in records if id(r) in allowed]
    return records
