"""Sandbox records as Teamtailor JSON:API documents: the adapter's mappings inverted
(``RecordMap.render``), ids as Teamtailor numbers, and ``include=`` served as Teamtailor serves
it (linkage only for included relationships, each included object once)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, Final

from ...kit.mapping import Json, RecordMap, Wire
from ...records import ActivityType, Record, Resource, TagRecord
from ..jsonapi import Key, dasherize
from ..mapping import ACTIVITY, ATTACHMENT, KINDS, ORGANIZATION, PICKED, QUESTION, REJECT_REASON

if TYPE_CHECKING:
    from ...sandbox import Dataset

R = Resource

RESOURCE_OF: Final[dict[str, Resource]] = {
    "candidates": R.CANDIDATE,
    "job-applications": R.APPLICATION,
    "jobs": R.JOB,
    "stages": R.JOB_INTERVIEW_STAGE,
    "reject-reasons": R.REJECT_REASON,
    "users": R.USER,
    "departments": R.DEPARTMENT,
    "locations": R.OFFICE,
    "uploads": R.ATTACHMENT,
    "notes": R.ACTIVITY,
    "companies": R.ORGANIZATION,
    "questions": R.JOB_FORM_FIELD,
    "picked-questions": R.JOB_FORM_FIELD,  # last: what a form field is listed as
}
MAPS: Final[dict[str, RecordMap[Any]]] = {
    **{kind: k.map for kind, k in KINDS.items()},
    "uploads": ATTACHMENT,
    "notes": ACTIVITY,
    "companies": ORGANIZATION,
    "reject-reasons": REJECT_REASON,
    "questions": QUESTION,
    "picked-questions": PICKED,
}
KIND_OF: Final = {r: kind for kind, r in RESOURCE_OF.items()}


def number(sandbox_id: str) -> str:
    """A sandbox id's Teamtailor id: its number (``cand_000042`` -> ``42``)."""
    return str(int(sandbox_id.rsplit("_", 1)[-1]))


def include_tree(value: str | None) -> dict[str, Any]:
    """``a.b,c`` as ``{"a": {"b": {}}, "c": {}}``."""
    tree: dict[str, Any] = {}
    for path in (value or "").split(","):
        node = tree
        for name in filter(None, path.split(".")):
            node = node.setdefault(name, {})
    return tree


class Renderer:
    def __init__(self, dataset: Dataset, root_url: str) -> None:
        self.data = dataset
        self.root = root_url
        self.tags = {t.id: t.name or t.id for t in dataset.records(R.TAG) if isinstance(t, TagRecord)}
        self.wire = Wire(encode=self.encode, ctx={"tag_name": lambda i: self.tags.get(i, i)})
        self._ids: dict[Resource, dict[str, str]] = {}

    def forget(self) -> None:
        """Drop what was looked up in the dataset (a write changed it, or forked it)."""
        self._ids.clear()
        self.tags.clear()
        self.tags.update({t.id: t.name or t.id for t in self.data.records(R.TAG) if isinstance(t, TagRecord)})

    def encode(self, resource: Resource, sandbox_id: str) -> str:
        return self.tags.get(sandbox_id, sandbox_id) if resource is R.TAG else number(sandbox_id)

    def record(self, resource: Resource, teamtailor_id: str) -> Record | None:
        """The sandbox record a Teamtailor id names."""
        ids = self._ids.get(resource)
        if ids is None:
            ids = self._ids[resource] = {number(r.id): r.id for r in self.data.records(resource)}
        found = ids.get(teamtailor_id)
        return self.data.get(resource, found) if found else None

    def notes(self) -> list[Record]:
        """The sandbox's notes (its e-mails and other activities are not Teamtailor notes)."""
        return [
            a for a in self.data.records(R.ACTIVITY) if getattr(a, "activity_type", None) is ActivityType.NOTE
        ]

    def object(self, record: Record, kind: str | None = None) -> Json:
        """One resource object (of ``kind``: a sandbox form field is a picked question and its
        question), with the linkage of every relationship (``document`` keeps only what was
        included) and Teamtailor's links."""
        kind = kind or KIND_OF[_resource(record)]
        out = dasherize(MAPS[kind].render(record, self.wire))
        if kind == "stages":
            out["attributes"]["stage-type"] = self.stage_type(record)
        self_url = f"{self.root}/{kind}/{out['id']}"
        out["links"] = {**out.get("links", {}), "self": self_url}
        for name, rel in out.get("relationships", {}).items():
            rel["links"] = {"self": f"{self_url}/relationships/{name}", "related": f"{self_url}/{name}"}
        return out

    def stage_type(self, stage: Record) -> str:
        """A sandbox stage's ``stage-type``: its job's first is the inbox, its last the hire (the
        sandbox hires into a job's last stage)."""
        job = getattr(stage, "job_id", None) or ""
        ordered = sorted(self.data.children(R.JOB_INTERVIEW_STAGE, "job").get(job, ()), key=_position)
        if ordered and ordered[-1].id == stage.id:
            return "Hired"
        return "Inbox" if ordered and ordered[0].id == stage.id else "In process"

    def document(self, records: Iterable[Record], include: str | None, one: bool = False) -> Json:
        """``records`` and what ``include`` reaches from them, each object once, with linkage for
        every relationship some include path names on it (a job reached as ``job.department``
        and as ``stage.job`` keeps its department's)."""
        objects: dict[Key, Json] = {}
        named: dict[Key, set[str]] = {}

        def visit(record: Record, node: Mapping[str, Any], kind: str | None = None) -> Key:
            resource = _resource(record)
            key = (kind or KIND_OF[resource], self.encode(resource, record.id))
            obj = objects.get(key) or objects.setdefault(key, self.object(record, key[0]))
            named.setdefault(key, set()).update(node)
            for name, sub in node.items():
                linkage = obj.get("relationships", {}).get(name, {}).get("data")
                for link in linkage if isinstance(linkage, list) else [linkage] if linkage else []:
                    target = self.record(RESOURCE_OF[link["type"]], link["id"])
                    if target is not None:
                        visit(target, sub, link["type"])
            return key

        tree = include_tree(include)
        primary = [visit(r, tree) for r in records]
        for key, obj in objects.items():
            for name, rel in obj.get("relationships", {}).items():
                if name not in named[key]:
                    rel.pop("data", None)
        out: Json = {"data": objects[primary[0]] if one else [objects[k] for k in primary]}
        if include:
            first = set(primary)
            out["included"] = [o for k, o in objects.items() if k not in first]
        return out


_BY_TYPE: Final = {r.record_type: r for r in Resource}


def _position(stage: Record) -> int:
    return getattr(stage, "position", None) or 0


def _resource(record: Record) -> Resource:
    return _BY_TYPE[type(record)]
