"""Lever's pipeline is account-wide: every job's stages are the account's ``GET /stages``,
read once for any number of jobs (a documented gap: see ``capabilities.COVERAGE_NOTES``)."""

from __future__ import annotations

from providers.lever import LeverAdapter
from providers.lever.simulator.render import account_pipeline
from providers.metering import UpstreamMeter, current_meter
from providers.query import ListQuery
from providers.records import JobInterviewStageRecord, JobRecord, Resource

from .simulator_support import simulator, small_dataset, wired


async def test_every_job_gets_the_account_pipeline_in_one_request() -> None:
    data = small_dataset()
    jobs = [j.id for j in data.records(Resource.JOB) if isinstance(j, JobRecord)]
    assert len(jobs) > 1
    meter = UpstreamMeter()
    token = current_meter.set(meter)
    try:
        async with wired(simulator(data)) as adapter:
            by_job = await adapter.list_job_interview_stages_by_job_ids(jobs)
            account = (await adapter.list_job_interview_stages(ListQuery(page_size=100))).records
    finally:
        current_meter.reset(token)
    assert meter.requests == 1  # /stages, kept for the second read
    assert {tuple(s.id for s in stages) for stages in by_job.values()} == {tuple(s.id for s in account)}
    assert all(s.job_id is None for s in account)  # no stage belongs to a posting
    # The simulator's account has one pipeline: the sandbox jobs' distinct stages, not all of them.
    sandbox = [
        s for s in data.records(Resource.JOB_INTERVIEW_STAGE) if isinstance(s, JobInterviewStageRecord)
    ]
    names = [s.name for s in account]
    assert len(names) == len(set(names)) == len({s.name for s in sandbox}) < len(sandbox)
    assert names[0] == "Application Review"
    assert names[-1] == "Offer"


def test_each_sandbox_stage_is_rendered_as_the_account_stage_of_its_name() -> None:
    stages = [
        s
        for s in small_dataset().records(Resource.JOB_INTERVIEW_STAGE)
        if isinstance(s, JobInterviewStageRecord)
    ]
    pipeline, account_stage = account_pipeline(stages)
    by_id = {s.id: s for s in pipeline}
    assert set(account_stage) == {s.id for s in stages}
    for stage in stages:
        assert by_id[account_stage[stage.id]].name == stage.name


def test_the_account_wide_pipeline_is_declared_for_docs_coverage() -> None:
    notes = " ".join(LeverAdapter.coverage_notes)
    assert "`Job.stages` is the account's whole pipeline" in notes
    assert "2 for attachments" in notes
    assert "include_confidential" in notes
