"""Writes through the adapter land in the simulator's dataset and read back through it:
adapter -> simulator (Ashby's wire) -> sandbox writer -> simulator -> adapter. The shared
generated dataset is never written (the simulator forks it on its first write)."""

from __future__ import annotations

import json
from typing import Any, cast

import pytest

from providers.ashby import AshbyAdapter
from providers.ashby.simulator import decode_id, encode_id
from providers.errors import WriteRefused
from providers.query import Filter, ListQuery
from providers.records import (
    ActivityRecord,
    ApplicationRecord,
    AttachmentType,
    CandidateRecord,
    EmailAddress,
    JobRecord,
    PhoneNumber,
    Resource,
    Url,
)
from providers.sandbox import Dataset
from providers.sandbox.dataset import dataset
from providers.writes import (
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
from tests.graph.support import GraphQLClient, make_client

from .simulated import connected, small_dataset

R = Resource


def job_with_stages(data: Dataset) -> tuple[JobRecord, list[str]]:
    by_job = data.children(R.JOB_INTERVIEW_STAGE, "job")
    job = next(cast("JobRecord", j) for j in data.records(R.JOB) if len(by_job.get(j.id, ())) >= 2)
    stages = sorted(by_job[job.id], key=lambda s: getattr(s, "position", 0) or 0)
    return job, [s.id for s in stages]


async def one(adapter: AshbyAdapter, resource: Resource, record_id: str) -> Any:
    (found,) = await adapter.get_many(resource, [record_id])
    assert found is not None, (resource, record_id)
    return found


async def test_a_candidate_created_then_updated_reads_back() -> None:
    data = small_dataset()
    before = len(data.records(R.CANDIDATE))
    async with connected(data) as (adapter, _):
        created = await adapter.create_candidate(
            CandidateInput(
                first_name="Ada",
                last_name="Lovelace",
                emails=(EmailAddress(email="ada@example.test", is_primary=True),),
                phones=(PhoneNumber(number="+44 20 0000"),),
                urls=(Url(url="https://github.com/ada", type="github"),),
            ),
            None,
        )
        read: CandidateRecord = await one(adapter, R.CANDIDATE, created.id)
        assert read.name == created.name == "Ada Lovelace"
        assert [e.email for e in read.emails] == ["ada@example.test"]
        assert [p.number for p in read.phones] == ["+44 20 0000"]
        assert [(u.type, u.url) for u in read.urls] == [("github", "https://github.com/ada")]
        by_email = await adapter.list_candidates(_email_query("ada@example.test"))
        assert [c.id for c in by_email.records] == [created.id]

        updated = await adapter.update_candidate(
            CandidateUpdate(
                created.id,
                first_name="Augusta",
                last_name="King",
                urls=(Url(url="https://ada.test", type="website"),),
            ),
            None,
        )
        read = await one(adapter, R.CANDIDATE, created.id)
        assert read.name == updated.name == "Augusta King"
        assert [(u.type, u.url) for u in read.urls] == [("website", "https://ada.test")]
        assert [e.email for e in read.emails] == ["ada@example.test"]  # untouched
    assert len(data.records(R.CANDIDATE)) == before
    assert not data.writable


def _email_query(email: str) -> ListQuery:
    return ListQuery(filter=Filter(email=email))


async def test_an_application_created_moved_and_noted_reads_back() -> None:
    data = small_dataset()
    job, stages = job_with_stages(data)
    async with connected(data) as (adapter, _):
        person = await adapter.create_candidate(CandidateInput(first_name="Grace", last_name="Hopper"), None)
        app = await adapter.create_application(
            ApplicationInput(job_id=encode_id(job.id), candidate_id=person.id), None
        )
        assert decode_id(app.current_stage_id or "") == stages[0]  # the job's first stage
        read: ApplicationRecord = await one(adapter, R.APPLICATION, app.id)
        assert (read.candidate_id, read.job_id) == (person.id, encode_id(job.id))
        mine = await adapter.list_applications_by_candidate_ids([person.id])
        assert [a.id for a in mine[person.id]] == [app.id]

        moved = await adapter.move_application_stage(StageMove(app.id, encode_id(stages[1])), None)
        read = await one(adapter, R.APPLICATION, app.id)
        assert read.current_stage_id == moved.current_stage_id == encode_id(stages[1])

        note = await adapter.add_note(NoteInput(person.id, "Strong compiler background"), None)
        notes = await adapter.list_activities_by_candidate_ids([person.id])
        assert [(n.id, cast("ActivityRecord", n).body) for n in notes[person.id]] == [
            (note.id, "Strong compiler background")
        ]


async def test_tags_added_and_removed_read_back() -> None:
    data = small_dataset()
    async with connected(data) as (adapter, _):
        person = await adapter.create_candidate(CandidateInput(first_name="Ada", last_name="Lovelace"), None)
        existing = cast("Any", data.records(R.TAG)[0]).name
        tagged = await adapter.add_candidate_tags(TagChange(person.id, (existing, "Brand-new-tag")), None)
        names = {t.name for t in await adapter.get_many(R.TAG, list(tagged.tag_ids or ())) if t is not None}
        assert names == {existing, "Brand-new-tag"}
        read: CandidateRecord = await one(adapter, R.CANDIDATE, person.id)
        assert set(read.tag_ids or ()) == set(tagged.tag_ids or ())
        # the new tag is the account's now: listed once, and found again by name
        listed = [t for t in await adapter.get_many(R.TAG, list(read.tag_ids or ())) if t is not None]
        assert len(listed) == 2
        untagged = await adapter.remove_candidate_tags(TagChange(person.id, ("brand-NEW-tag", "never")), None)
        read = await one(adapter, R.CANDIDATE, person.id)
        assert list(read.tag_ids or ()) == list(untagged.tag_ids or ()) != []
        left = [t for t in await adapter.get_many(R.TAG, list(read.tag_ids or ())) if t is not None]
        assert [getattr(t, "name", None) for t in left] == [existing]


async def test_a_start_stage_is_honoured_and_a_stage_of_another_job_refused() -> None:
    data = small_dataset()
    job, stages = job_with_stages(data)
    other = next(j for j in data.records(R.JOB) if j.id != job.id)
    async with connected(data) as (adapter, _):
        person = await adapter.create_candidate(CandidateInput(first_name="Katherine"), None)
        app = await adapter.create_application(
            ApplicationInput(
                job_id=encode_id(job.id), candidate_id=person.id, stage_id=encode_id(stages[-1])
            ),
            None,
        )
        assert app.current_stage_id == encode_id(stages[-1])
        with pytest.raises(WriteRefused):
            await adapter.create_application(
                ApplicationInput(
                    job_id=encode_id(other.id), candidate_id=person.id, stage_id=encode_id(stages[0])
                ),
                None,
            )
        with pytest.raises(WriteRefused):  # an unknown candidate: nothing lands
            await adapter.add_note(NoteInput(encode_id("cand_none"), "x"), None)
        assert (await adapter.list_applications_by_candidate_ids([person.id]))[person.id] == [app]


async def test_a_hire_reads_back_in_the_last_stage() -> None:
    data = small_dataset()
    app, _ = open_application(data)
    last = max(
        data.children(R.JOB_INTERVIEW_STAGE, "job")[app.job_id or ""],
        key=lambda s: getattr(s, "position", 0) or 0,
    )
    async with connected(data) as (adapter, _):
        hired = await adapter.hire_application(ApplicationRef(encode_id(app.id)), None)
        read: ApplicationRecord = await one(adapter, R.APPLICATION, encode_id(app.id))
    # the sandbox's hire: its job's last stage, not rejected
    assert read.current_stage_id == hired.current_stage_id == encode_id(last.id)
    assert read.rejected_at is None


async def test_a_rejection_reads_back_and_a_rejected_application_stays_put() -> None:
    data = small_dataset()
    app, stage = open_application(data)
    reason = data.records(R.REJECT_REASON)[0].id
    async with connected(data) as (adapter, _):
        rejected = await adapter.reject_application(
            Rejection(encode_id(app.id), reject_reason_id=encode_id(reason), email_template_id="tmpl"), None
        )
        read: ApplicationRecord = await one(adapter, R.APPLICATION, encode_id(app.id))
        assert read.rejected_at is not None
        assert rejected.rejected_at is not None
        assert read.reject_reason_id == rejected.reject_reason_id == encode_id(reason)
        with pytest.raises(WriteRefused):  # the sandbox's rule: unreject first
            await adapter.move_application_stage(StageMove(encode_id(app.id), encode_id(stage)), None)
        other = next(
            a
            for a in data.records(R.APPLICATION)
            if a.id != app.id and cast("ApplicationRecord", a).rejected_at is None
        )
        with pytest.raises(WriteRefused):  # Ashby requires the archive reason
            await adapter.reject_application(Rejection(encode_id(other.id)), None)
        assert (await one(adapter, R.APPLICATION, encode_id(other.id))).rejected_at is None


def open_application(data: Dataset) -> tuple[ApplicationRecord, str]:
    """An application not rejected, and a stage of its job it is not in."""
    by_job = data.children(R.JOB_INTERVIEW_STAGE, "job")
    for a in data.records(R.APPLICATION):
        app = cast("ApplicationRecord", a)
        others = [s.id for s in by_job.get(app.job_id or "", ()) if s.id != app.current_stage_id]
        if app.rejected_at is None and others:
            return app, others[0]
    raise AssertionError("no open application")


async def test_writes_through_the_gateway_read_back_on_a_simulated_connection() -> None:
    """Through the gateway, createApplication is not held to the job's form: Ashby's
    ``application.create`` submits none."""
    options = {"seed": 23, "size": 30}
    data = dataset(options["seed"], options["size"])
    app, stage = open_application(data)
    reason = data.records(R.REJECT_REASON)[0].id
    config = {"connections": {"ashby-demo": {"provider": "ashby", "simulated": True, **options}}}
    async with make_client(config) as http:
        gql = GraphQLClient(http)

        async def run(query: str, **variables: Any) -> Any:
            return await gql.data(query, variables, connection="ashby-demo")

        made = await run(
            'mutation { createCandidate(input: {firstName: "Mary", lastName: "Jackson", '
            'emails: [{email: "mary@example.test"}]}) { candidate { id name emails { email } } } }'
        )
        person = made["createCandidate"]["candidate"]
        assert (person["name"], person["emails"]) == ("Mary Jackson", [{"email": "mary@example.test"}])
        await run(
            'mutation($c: ID!) { updateCandidate(input: {id: $c, firstName: "Mary W.", lastName: "Jackson"}) '
            "{ candidate { id } } }",
            c=person["id"],
        )
        await run(
            'mutation($c: ID!) { addNote(input: {candidateId: $c, body: "Called back"}) { note { id } } }',
            c=person["id"],
        )
        applied = await run(
            "mutation($c: ID!, $j: ID!) { createApplication(input: {candidateId: $c, jobId: $j}) "
            "{ application { id job { id } candidate { id } } } }",
            c=person["id"],
            j=encode_id(app.job_id or ""),
        )
        created = applied["createApplication"]["application"]
        assert (created["job"], created["candidate"]) == (
            {"id": encode_id(app.job_id or "")},
            {"id": person["id"]},
        )
        moved = await run(
            "mutation($a: ID!, $s: ID!) { moveApplicationStage(input: {applicationId: $a, stageId: $s}) "
            "{ application { id currentStage { id } } } }",
            a=encode_id(app.id),
            s=encode_id(stage),
        )
        assert moved["moveApplicationStage"]["application"]["currentStage"] == {"id": encode_id(stage)}
        rejected = await run(
            "mutation($a: ID!, $r: ID!) { rejectApplication(input: {applicationId: $a, rejectReasonId: $r}) "
            "{ application { id rejectReason { id } } } }",
            a=encode_id(app.id),
            r=encode_id(reason),
        )
        assert rejected["rejectApplication"]["application"]["rejectReason"] == {"id": encode_id(reason)}
        read = await run(
            "query($id: ID!, $a: ID!) { candidate(id: $id) { name emails { email } activities { body } "
            "applications { id } } "
            "application(id: $a) { currentStage { id } rejectedAt rejectReason { id } } }",
            id=person["id"],
            a=encode_id(app.id),
        )
    assert read["candidate"]["name"] == "Mary W. Jackson"
    assert [a["body"] for a in read["candidate"]["activities"]] == ["Called back"]
    assert read["candidate"]["applications"] == [{"id": created["id"]}]
    assert read["application"]["currentStage"] == {"id": encode_id(stage)}
    assert read["application"]["rejectedAt"] is not None
    assert read["application"]["rejectReason"] == {"id": encode_id(reason)}


async def test_an_upload_and_a_resume_read_back() -> None:
    data = small_dataset()
    candidate = cast("CandidateRecord", data.records(R.CANDIDATE)[0])
    cid = encode_id(candidate.id)
    content = bytes(range(256)) * 2
    async with connected(data) as (adapter, _):
        file = await adapter.upload_attachment(AttachmentInput(cid, "portfolio.pdf", content=content), None)
        resume = await adapter.upload_attachment(
            AttachmentInput(cid, "cv.pdf", attachment_type=AttachmentType.RESUME, content=b"%PDF"), None
        )
        listed = await adapter.list_attachments_by_candidate_ids([cid])
    found = {a.id: a for a in listed[cid]}
    assert found[file.id].file_name == "portfolio.pdf"
    assert found[resume.id].attachment_type is AttachmentType.RESUME
    assert file.attachment_type is None


async def test_a_graphql_multipart_upload_on_a_simulated_ashby_connection() -> None:
    options = {"seed": 23, "size": 30}
    data = dataset(options["seed"], options["size"])
    candidate = encode_id(data.records(R.CANDIDATE)[0].id)
    config = {"connections": {"ashby-demo": {"provider": "ashby", "simulated": True, **options}}}
    query = "mutation($input: UploadAttachmentInput!) { uploadAttachment(input: $input) { attachment { id fileName candidate { id } } } }"
    variables = {"input": {"candidateId": candidate, "file": None}}
    async with make_client(config) as http:
        response = await http.post(
            "/graphql",
            data={
                "operations": json.dumps({"query": query, "variables": variables}),
                "map": json.dumps({"0": ["variables.input.file"]}),
            },
            files={"0": ("notes.txt", b"strong systems design", "text/plain")},
            headers={"GraphQL-Require-Preflight": "1"},
        )
        body = response.json()
        assert "errors" not in body, body
        made = body["data"]["uploadAttachment"]["attachment"]
        assert (made["fileName"], made["candidate"]) == ("notes.txt", {"id": candidate})
        assert body["extensions"]["upstream"]["requests"] == 1
        read = await GraphQLClient(http).data(
            "query($id: ID!) { candidate(id: $id) { attachments { id fileName } } }", {"id": candidate}
        )
    assert {"id": made["id"], "fileName": "notes.txt"} in read["candidate"]["attachments"]
