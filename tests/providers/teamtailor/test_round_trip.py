"""Sandbox -> simulator (the mappings inverted) -> adapter: every field the adapter fills comes
back as the sandbox has it, in Teamtailor's ids; the simulator's auth, version and page rules."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any, Final

import httpx
import pytest

from providers.base import Connection
from providers.errors import ProviderAuthError, ProviderResponseInvalid
from providers.query import ListQuery
from providers.records import FormFieldType, JobFormFieldRecord, JobStatus, Record, Resource
from providers.sandbox import Dataset, generate
from providers.teamtailor.adapter import TeamtailorAdapter
from providers.teamtailor.simulator import SIMULATION, create_simulator
from providers.teamtailor.simulator.render import number

R = Resource
DATA: Final[Dataset] = generate(5, 30)
IDS: Final = {
    "candidate_id": R.CANDIDATE,
    "job_id": R.JOB,
    "current_stage_id": R.JOB_INTERVIEW_STAGE,
    "reject_reason_id": R.REJECT_REASON,
    "actor_id": R.USER,
}
ONE: Final = {"emails", "phones", "urls", "department_ids", "job_posting_urls", "recruiter_ids"}
LISTED: Final = (
    R.CANDIDATE,
    R.APPLICATION,
    R.JOB,
    R.JOB_INTERVIEW_STAGE,
    R.USER,
    R.DEPARTMENT,
    R.OFFICE,
    R.REJECT_REASON,
    R.ATTACHMENT,
    R.ORGANIZATION,
)


async def adapter_for(credentials: dict[str, str]) -> AsyncIterator[TeamtailorAdapter]:
    app = create_simulator(DATA, credentials=dict(SIMULATION.credentials))
    async with httpx.AsyncClient(transport=SIMULATION.transport(app)) as http:
        connection = Connection(
            name="tt", provider="teamtailor", base_url=SIMULATION.base_url, credentials=credentials
        )
        yield TeamtailorAdapter(connection, http)


@pytest.fixture
async def adapter() -> AsyncIterator[TeamtailorAdapter]:
    async for made in adapter_for(dict(SIMULATION.credentials)):
        yield made


def expected(resource: Resource, record: Record, fields: frozenset[str]) -> dict[str, Any]:
    """What the adapter should read of a sandbox record: its filled fields, ids as Teamtailor's."""
    tags = {t.id: t.name for t in DATA.records(R.TAG)}  # type: ignore[attr-defined]
    out: dict[str, Any] = {}
    dumped = record.model_dump(exclude={"remote_id", "remote_data", "embedded"})
    for name, value in dumped.items():
        if name == "attachment_ids":
            continue  # a candidate's uploads are read under it: test_candidate_attachments.py
        if (
            name.removesuffix("_ids").removesuffix("_id").replace("_id", "")
            not in {f.removesuffix("s") for f in fields}
            and name not in fields
        ):
            continue
        if name == "tag_ids":
            value = tuple(tags[t] for t in value or ())
        elif name.endswith("_ids") and value is not None:
            value = tuple(number(v) for v in value)
        elif name.endswith("_id") and value is not None:
            value = number(value)
        if name == "urls":
            value = [u for u in value if u["type"] == "linkedin"]
        if name == "emails":
            value = sorted(value, key=lambda e: not e["is_primary"])
        if name in ONE and value is not None:
            value = tuple(value)[:1]  # Teamtailor holds one of each
        out[name] = lossy(name, value)
    out["id"] = number(record.id)
    return out


def lossy(name: str, value: Any) -> Any:
    """What Teamtailor's wire keeps of a value: an address, a number, a source's name, a URL
    (it has no place for their types, extensions or ids)."""
    if name in ("emails", "phones", "job_posting_urls", "urls"):
        key = {"emails": "email", "phones": "number"}.get(name, "url")
        return tuple(v[key] for v in value)
    if name == "source" and value is not None:
        return value["name"]
    return value


def comparable(record: Record, keys: set[str]) -> dict[str, Any]:
    return {k: lossy(k, v) for k, v in record.model_dump().items() if k in keys}


async def read_all(adapter: TeamtailorAdapter, resource: Resource) -> list[Record]:
    records: list[Record] = []
    cursor = None
    while True:
        page = await adapter.list(resource, ListQuery(page_size=30, cursor=cursor))
        records += page.records
        if (cursor := page.next_cursor) is None:
            return records


@pytest.mark.parametrize("resource", LISTED, ids=[r.value for r in LISTED])
async def test_listing_gives_back_what_the_sandbox_holds(
    adapter: TeamtailorAdapter, resource: Resource
) -> None:
    read = {r.id: r for r in await read_all(adapter, resource)}
    sandbox = DATA.records(resource)
    assert len(read) == len(sandbox)
    fields = adapter.fields[resource]
    for record in sandbox:
        want = expected(resource, record, fields)
        got = comparable(read[number(record.id)], set(want))
        if resource is R.JOB and record.status is JobStatus.CLOSED:  # type: ignore[attr-defined]
            # Teamtailor has no closed status: the sandbox's word travels raw
            want.update(status=JobStatus.OTHER)
            got.pop("raw_status", None)
        if resource is R.OFFICE:  # an office's region, not a city: Teamtailor's country
            want.pop("parent_id", None)
        assert got == want, resource


async def test_notes_are_the_sandboxs_note_activities(adapter: TeamtailorAdapter) -> None:
    notes = [a for a in DATA.records(R.ACTIVITY) if a.activity_type.value == "note"]  # type: ignore[attr-defined]
    read = await read_all(adapter, R.ACTIVITY)
    assert sorted(r.id for r in read) == sorted(number(a.id) for a in notes)
    one = read[0]
    source = next(a for a in notes if number(a.id) == one.id)
    assert (one.body, one.candidate_id) == (source.body, number(source.candidate_id))  # type: ignore[attr-defined]


async def test_a_pages_relationships_come_embedded(adapter: TeamtailorAdapter) -> None:
    page = await adapter.list(R.CANDIDATE, ListQuery(page_size=5))
    for c in page.records:
        sandbox = DATA.get(R.CANDIDATE, f"cand_{int(c.id):06d}")
        apps = {r.id for r in c.embedded if r.__class__.__name__ == "ApplicationRecord"}
        assert apps == {number(a) for a in sandbox.application_ids or ()}  # type: ignore[union-attr]


async def test_wrong_token_and_missing_version_are_refused() -> None:
    async for bad in adapter_for({"api_key": "wrong"}):
        with pytest.raises(ProviderAuthError):
            await bad.list(R.CANDIDATE, ListQuery(page_size=5))
    async for old in adapter_for({**SIMULATION.credentials, "api_version": "19990101"}):
        with pytest.raises(ProviderResponseInvalid):  # 406: an invalid X-Api-Version
            await old.list(R.CANDIDATE, ListQuery(page_size=5))


async def test_pages_are_at_most_30(adapter: TeamtailorAdapter) -> None:
    assert len(DATA.records(R.APPLICATION)) > 30
    page = await adapter.list(R.APPLICATION, ListQuery(page_size=100))
    assert len(page.records) == 30
    assert page.next_cursor is not None


async def test_a_jobs_form_fields_are_its_picked_questions(adapter: TeamtailorAdapter) -> None:
    texts = {FormFieldType.EMAIL, FormFieldType.PHONE, FormFieldType.URL}  # Teamtailor: text questions
    for job in DATA.records(R.JOB):
        sandbox = DATA.children(R.JOB_FORM_FIELD, "job").get(job.id, ())
        read = (await adapter.list_children(R.JOB_FORM_FIELD, "job", [number(job.id)]))[number(job.id)]
        assert [f.id for f in read] == [number(f.id) for f in sandbox]
        for want, got in zip(sandbox, read, strict=True):
            assert isinstance(want, JobFormFieldRecord)
            assert isinstance(got, JobFormFieldRecord)
            assert (got.job_id, got.label, got.is_required) == (number(job.id), want.label, want.is_required)
            assert got.type == (FormFieldType.SHORT_TEXT if want.type in texts else want.type)
            assert [o.label for o in got.options] == [o.label for o in want.options]
