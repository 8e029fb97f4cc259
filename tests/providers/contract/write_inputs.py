"""A valid input of every write, on records a simulator serves: what the write contracts
(``test_write_bodies.py``, ``test_write_answers.py``) make each write the provider offers with."""

from __future__ import annotations

import contextlib
from typing import Any, Final

import httpx

from providers.base import ProviderAdapter
from providers.errors import UnsupportedOperation
from providers.records import ApplicationRecord, CandidateRecord, EmailAddress, Record, Resource, TagRecord
from providers.writes import (
    Actor,
    ApplicationInput,
    ApplicationRef,
    AttachmentInput,
    CandidateInput,
    CandidateUpdate,
    NoteInput,
    Rejection,
    StageMove,
    TagChange,
)

from .harness import Simulated, whole_listing

R = Resource
RPC_READS: Final = (".list", ".info", ".search")
"""An RPC API reads by ``POST`` too (Ashby's ``application.info``): a call ending so is a read,
which a write may make first, and is left to the read contracts."""
READ: Final = (R.CANDIDATE, R.APPLICATION, R.ACTIVITY, R.ATTACHMENT, R.TAG)
"""What a refused write must leave as it was, where the provider lists it."""


async def listed(adapter: ProviderAdapter, resource: Resource) -> list[Record]:
    return [r for page in await whole_listing(adapter, resource, 100) for r in page.records]


async def read_all(sim: Simulated) -> dict[Resource, list[Record]]:
    """Everything the provider lists of :data:`READ` without a filter, through a fresh adapter
    (nothing cached)."""
    adapter = sim.adapter()
    read: dict[Resource, list[Record]] = {}
    for resource in READ:
        with contextlib.suppress(UnsupportedOperation):
            read[resource] = await listed(adapter, resource)
    return read


def inputs_on(
    candidates: list[Record], applications: list[ApplicationRecord], jobs: list[Record]
) -> dict[str, Any]:
    """A valid input of every write, on records of the dataset (each write is made once); a
    list where the provider may take only one of them."""
    person = candidates[0]
    mine = [a for a in applications if a.candidate_id == person.id]
    opened = [a for a in applications if a.rejected_at is None] or [ApplicationRecord(id="1", remote_id="1")]
    job = next((j.id for j in jobs if j.id not in {a.job_id for a in mine}), jobs[0].id)
    rejected = next((a for a in applications if a.rejected_at is not None), opened[-1])
    on = mine[0].id if mine else None
    return {
        "create_candidate": CandidateInput(
            first_name="Ada", last_name="Lovelace", emails=(EmailAddress(email="ada.contract@example.com"),)
        ),
        "update_candidate": CandidateUpdate(person.id, first_name="Augusta", last_name="King"),
        "create_application": [
            ApplicationInput(job, candidate_id=person.id),
            ApplicationInput(job, candidate=CandidateInput(first_name="Grace", last_name="Hopper")),
        ],
        "move_application_stage": StageMove(opened[0].id, opened[0].current_stage_id or ""),
        "unreject_application": ApplicationRef(rejected.id),
        "reject_application": Rejection(opened[1 % len(opened)].id),
        "hire_application": ApplicationRef(opened[2 % len(opened)].id),
        "add_note": NoteInput(person.id, "a contract note", application_id=on),
        "upload_attachment": AttachmentInput(
            person.id, "cv.txt", application_id=on, content=b"hello", content_type="text/plain"
        ),
        "add_candidate_tags": TagChange(person.id, ("contract",)),
        "remove_candidate_tags": TagChange(person.id, ("contract",)),
    }


def more_inputs(
    candidates: list[Record],
    applications: list[ApplicationRecord],
    jobs: list[Record],
    reasons: list[Record],
    tags: list[Record],
) -> dict[str, list[Any]]:
    """Inputs to try after :func:`inputs_on`'s, for a write a simulator takes none of those of:
    each application in turn (one may be in no state to take the write), with a reject reason,
    a file by URL, an inline candidate with an e-mail, a tag a candidate has."""
    person = candidates[0]
    on = next((a.id for a in applications if a.candidate_id == person.id), None)
    reason = reasons[0].id if reasons else None
    tagged = next((c for c in candidates if isinstance(c, CandidateRecord) and c.tag_ids), None)
    names = {t.id: t.name for t in tags if isinstance(t, TagRecord) and t.name}
    tag = names.get(tagged.tag_ids[0], tagged.tag_ids[0]) if tagged and tagged.tag_ids else None
    grace = CandidateInput(
        first_name="Grace", last_name="Hopper", emails=(EmailAddress(email="grace.contract@example.com"),)
    )
    return {
        "create_application": [ApplicationInput(jobs[-1].id, candidate=grace)],
        "reject_application": [Rejection(a.id, reject_reason_id=reason) for a in applications],
        "unreject_application": [ApplicationRef(a.id) for a in applications],
        "hire_application": [ApplicationRef(a.id) for a in applications],
        "remove_candidate_tags": [TagChange(tagged.id, (tag,))] if tagged and tag else [],
        "upload_attachment": [
            AttachmentInput(person.id, "cv.txt", application_id=on, url="https://files.example.com/cv.txt")
        ],
    }


async def write_inputs(
    sim: Simulated, adapter: ProviderAdapter, *, more: bool = False
) -> tuple[dict[str, Any], Actor | None]:
    """:func:`inputs_on` the simulator's records, and an acting user (the first user listed,
    where the provider lists users); the jobs and users are read through ``adapter``. ``more``:
    each write's inputs followed by :func:`more_inputs`."""
    found = await read_all(sim)
    applications = [a for a in found.get(R.APPLICATION, ()) if isinstance(a, ApplicationRecord)]
    if not applications:  # listed only by candidate: read by the ids the candidates give
        ids = [i for c in found[R.CANDIDATE] for i in getattr(c, "application_ids", None) or ()]
        got = await adapter.get_many(R.APPLICATION, ids)
        applications = [a for a in got if isinstance(a, ApplicationRecord)]
    jobs = await listed(adapter, R.JOB)
    users = await listed(adapter, R.USER) if adapter.can_list(R.USER) else []
    actor = Actor(users[0].id) if users else None
    inputs = inputs_on(found[R.CANDIDATE], applications, jobs)
    if more:
        reasons = await listed(adapter, R.REJECT_REASON) if adapter.can_list(R.REJECT_REASON) else []
        for method, others in more_inputs(
            found[R.CANDIDATE], applications, jobs, reasons, found.get(R.TAG, [])
        ).items():
            given = inputs[method]
            inputs[method] = [*(given if isinstance(given, list) else [given]), *others]
    return inputs, actor


def tries(given: Any, actor: Actor | None) -> list[tuple[Any, Actor | None]]:
    """The (input, acting user) pairs to make a write with, in order, until one is taken: some
    providers need an acting user, others take none."""
    return [(i, a) for i in (given if isinstance(given, list) else [given]) for a in (None, actor)]


def is_write(request: httpx.Request) -> bool:
    """Whether ``request`` is a write: any method but ``GET``, except an RPC API's reads."""
    return request.method != "GET" and not request.url.path.endswith(RPC_READS)
