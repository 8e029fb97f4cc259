"""BambooHR's writes: the bodies bamboozled sends (``POST_applicant_tracking_applications_{id}_
{status,comments}.request.json``) against a mocked BambooHR answering the recorded answers, then
the mutations end to end over the simulator (the write lands in the sandbox and reads back)."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

import httpx
import pytest
import respx

from providers.bamboohr import BambooHRAdapter
from providers.bamboohr.simulator.render import encode
from providers.base import Connection
from providers.errors import WriteOutcomeUnknown, WriteRefused
from providers.records import ActivityRecord, ApplicationRecord, Resource
from providers.sandbox.dataset import dataset
from providers.writes import ApplicationInput, CandidateInput, NoteInput, Rejection, StageMove
from tests.shared import load_fixture
from tests.writes.support import client_for, post

R = Resource
P = "bamboohr"
BASE = "https://api.bamboohr.com/api/gateway.php/acme/v1/applicant_tracking/applications"
DETAIL = "GET_applicant_tracking_applications_{id}.json"


@pytest.fixture
async def adapter() -> AsyncIterator[BambooHRAdapter]:
    connection = Connection("b", P, credentials={"api_key": "k"}, options={"company_domain": "acme"})
    async with httpx.AsyncClient() as http:
        yield BambooHRAdapter(connection, http)


def sent(route: respx.Route) -> object:
    return json.loads(route.calls.last.request.content)


@respx.mock
async def test_a_stage_move_posts_the_status_id_then_reads_the_application(adapter: BambooHRAdapter) -> None:
    shape = load_fixture(P, "POST_applicant_tracking_applications_{id}_status.request.json")
    write = respx.post(f"{BASE}/33/status").respond(
        json=load_fixture(P, "POST_applicant_tracking_applications_{id}_status.json")
    )
    respx.get(f"{BASE}/33").respond(json=load_fixture(P, DETAIL))
    found = await adapter.move_application_stage(StageMove("33", "5"), None)
    assert sent(write) == {"status": 5}
    assert set(shape) == {"status"}  # the recorded body's keys, the id a number
    assert isinstance(found, ApplicationRecord)
    assert (found.id, found.current_stage_id) == ("33", "5")
    assert write.call_count == 1


@respx.mock
async def test_a_rejection_is_a_move_to_not_a_fit(adapter: BambooHRAdapter) -> None:
    write = respx.post(f"{BASE}/33/status").respond(json={"type": "positionApplicantStatus", "id": 9})
    respx.get(f"{BASE}/33").respond(json=load_fixture(P, DETAIL))
    await adapter.reject_application(Rejection("33"), None)
    assert sent(write) == {"status": 10}


@respx.mock
async def test_a_note_is_a_comment_on_the_application(adapter: BambooHRAdapter) -> None:
    shape = load_fixture(P, "POST_applicant_tracking_applications_{id}_comments.request.json")
    write = respx.post(f"{BASE}/33/comments").respond(
        json=load_fixture(P, "POST_applicant_tracking_applications_{id}_comments.json")
    )
    note = await adapter.add_note(NoteInput("95", "Strong references", "33"), None)
    assert sent(write) == {**shape, "comment": "Strong references"}
    assert isinstance(note, ActivityRecord)
    assert (note.id, note.candidate_id, note.body) == ("28", "95", "Strong references")


@respx.mock
async def test_a_write_is_sent_once_and_a_bad_id_never(adapter: BambooHRAdapter) -> None:
    write = respx.post(f"{BASE}/33/comments").respond(json={"type": "comment"})
    with pytest.raises(WriteOutcomeUnknown):
        await adapter.add_note(NoteInput("95", "b", "33"), None)
    failing = respx.post(f"{BASE}/34/status").respond(503)
    with pytest.raises(Exception, match=r"503|unavailable"):
        await adapter.move_application_stage(StageMove("34", "5"), None)
    assert (write.call_count, failing.call_count) == (1, 1)  # never retried
    for bad in (StageMove("33", "stage_1"), StageMove("../x", "5")):
        with pytest.raises(WriteRefused):
            await adapter.move_application_stage(bad, None)


SEED, SIZE = 7, 40
DATA = dataset(SEED, SIZE)


async def test_the_mutations_over_the_simulator_land_and_read_back() -> None:
    a = next(
        x
        for x in DATA.records(R.APPLICATION)
        if isinstance(x, ApplicationRecord) and x.rejected_at is None and x.current_stage_id
    )
    stages = DATA.children(R.JOB_INTERVIEW_STAGE, "job")[a.job_id or ""]
    other = next(s for s in stages if s.id != a.current_stage_id)
    app, cand = encode(R.APPLICATION, a.id), encode(R.CANDIDATE, a.candidate_id or "")
    config = {"connections": {"b": {"provider": P, "simulated": True, "seed": SEED, "size": SIZE}}}
    async with client_for(config) as http:
        # the candidates are kept by the adapter: a write updates them
        await post(http, "{ candidates(first: 100) { edges { node { id } } } }")
        stage = encode(R.JOB_INTERVIEW_STAGE, other.id)
        moved = await post(
            http,
            f'mutation {{ moveApplicationStage(input: {{applicationId: "{app}", stageId: "{stage}"}}) '
            "{ application { id currentStage { id name } } } }",
        )
        assert moved["data"]["moveApplicationStage"]["application"]["currentStage"] == {
            "id": stage,
            "name": getattr(other, "name", None),
        }
        listed = await post(
            http, f'{{ candidate(id: "{cand}") {{ applications {{ id currentStage {{ id }} }} }} }}'
        )
        assert {"id": app, "currentStage": {"id": stage}} in listed["data"]["candidate"]["applications"]

        rejected = await post(
            http,
            f'mutation {{ rejectApplication(input: {{applicationId: "{app}"}}) '
            "{ application { rejectedAt currentStage { name } } } }",
        )
        application = rejected["data"]["rejectApplication"]["application"]
        assert application["rejectedAt"]
        assert application["currentStage"] == {"name": "Not a Fit"}

        noted = await post(
            http,
            f'mutation {{ addNote(input: {{candidateId: "{cand}", applicationId: "{app}", body: "b"}}) '
            "{ note { id } } }",
        )
        # the comment's id (BambooHR has no read of comments: the note's other fields are unsupported)
        assert noted["data"]["addNote"]["note"]["id"].isdigit()
        refused = await post(
            http, f'mutation {{ addNote(input: {{candidateId: "{cand}", body: "b"}}) {{ note {{ id }} }} }}'
        )
        assert refused["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


@respx.mock
@pytest.mark.parametrize("digit", ["²", "٣"])
async def test_an_id_of_digits_that_are_not_ascii_is_refused_unsent(
    adapter: BambooHRAdapter, digit: str
) -> None:
    """``str.isdigit`` takes both: ``int("²")`` raised (an INTERNAL_SERVER_ERROR through the
    gateway) and ``int("٣")`` is 3, so a move or an application went to status or job 3."""
    write = respx.post(url__regex=r".*").respond(json={})
    with pytest.raises(WriteRefused) as refused:
        await adapter.move_application_stage(StageMove("33", digit), None)
    assert refused.value.field == "input.stageId"
    with pytest.raises(WriteRefused) as refused:
        await adapter.create_application(
            ApplicationInput(digit, candidate=CandidateInput(first_name="A")), None
        )
    assert refused.value.field == "input.jobId"
    assert write.call_count == 0
