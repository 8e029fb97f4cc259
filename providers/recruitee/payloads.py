"""Pydantic models of Recruitee's ATS API answers, lenient to new fields. Shapes follow the
recorded payloads in ``shared/fixtures/providers/recruitee/`` (a list and a detail of
candidates, the brief list of offers); ids are numbers on the wire, strings here.

A candidate answer carries ``references``: the offers (jobs), stages and admins its
placements and fields name, each tagged with its ``type``. A list answer holds one
``references`` array for the whole page; the adapter hands each candidate the references
it names (:func:`envelopes`), so that a list item and a detail answer have one shape,
:class:`CandidateDoc`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any

from pydantic import BeforeValidator, model_validator

from ..kit.times import UtcTimestamp
from ..payload import WireModel


def _id_str(value: Any) -> Any:
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


Id = Annotated[str, BeforeValidator(_id_str)]


class Placement(WireModel):
    """A candidate's application to one offer (https://docs.recruitee.com, "Candidates")."""

    id: Id
    candidate_id: Id | None = None
    offer_id: Id | None = None
    stage_id: Id | None = None
    position: int | None = None
    hired_at: UtcTimestamp | None = None
    hired_by_id: Id | None = None
    disqualify_reason: str | None = None
    """Free text (the account's disqualify reason, as its label: "Wrong skill set")."""
    disqualify_kind: str | None = None
    created_at: UtcTimestamp | None = None
    updated_at: UtcTimestamp | None = None


class Candidate(WireModel):
    id: Id
    name: str | None = None
    emails: list[str] = []
    phones: list[str] = []
    tags: list[str] | None = None
    """Only on a candidate read by id (the list omits the key)."""
    source: str | None = None
    referrer: str | None = None
    cv_url: str | None = None
    cv_original_url: str | None = None
    placements: list[Placement] = []
    last_activity_at: UtcTimestamp | None = None
    """Only on a candidate read by id."""
    created_at: UtcTimestamp | None = None
    updated_at: UtcTimestamp | None = None


class Offer(WireModel):
    """A job or talent pool (``kind``); ``view_mode=brief`` has no timestamps or description."""

    id: Id
    title: str | None = None
    status: str | None = None
    kind: str | None = None
    department_id: Id | None = None
    location: str | None = None
    slug: str | None = None


class Stage(WireModel):
    """A stage of one offer's pipeline, as a candidate's references carry it."""

    id: Id
    name: str | None = None
    position: int | None = None
    category: str | None = None
    created_at: UtcTimestamp | None = None
    updated_at: UtcTimestamp | None = None


class Admin(WireModel):
    id: Id
    first_name: str | None = None
    last_name: str | None = None
    email: str | None = None


class CandidateDoc(WireModel):
    """``{"candidate": {...}, "references": [...]}``: a detail answer, or one list item with
    the references it names; the offers and stages among the references are parsed."""

    candidate: Candidate
    offers: list[Offer] = []
    stages: list[Stage] = []

    @model_validator(mode="before")
    @classmethod
    def _typed_references(cls, data: Any) -> Any:
        refs = data.get("references") if isinstance(data, Mapping) else None
        if not isinstance(refs, list):
            return data
        kinds = {"offers": "Offer", "stages": "Stage"}
        typed = {
            k: [r for r in refs if isinstance(r, Mapping) and r.get("type") == t] for k, t in kinds.items()
        }
        return {**data, **typed}


def envelopes(body: Any) -> Any:
    """A list answer's candidates, each as a :class:`CandidateDoc` with the offers and stages
    its placements name."""
    if not isinstance(body, Mapping) or not isinstance(body.get("candidates"), list):
        return None  # not a list answer: parsing it fails as the kit reports
    if not isinstance(body.get("references"), list | None):
        return None
    refs = [r for r in body.get("references") or () if isinstance(r, Mapping)]
    out = []
    for c in body["candidates"]:
        placements = c.get("placements") if isinstance(c, Mapping) else None
        named = {
            _reference(kind, p.get(key))
            for p in (placements if isinstance(placements, list) else ())  # else the model refuses it
            if isinstance(p, Mapping)
            for kind, key in (("Offer", "offer_id"), ("Stage", "stage_id"))
        }
        mine = [r for r in refs if _reference(r.get("type"), r.get("id")) in named - {None}]
        out.append({"candidate": c, "references": mine})
    return out


def _reference(kind: Any, id: Any) -> tuple[str, str | int | None] | None:
    """A reference's (type, id); None when either is no scalar (a malformed answer: the
    candidate's model refuses it, and a set cannot hold it)."""
    return (kind, id) if isinstance(kind, str) and isinstance(id, str | int | None) else None
