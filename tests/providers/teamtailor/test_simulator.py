"""The simulator's JSON:API documents: ``include=`` as Teamtailor serves it."""

from __future__ import annotations

from providers.records import ApplicationRecord, Resource
from providers.sandbox import generate
from providers.teamtailor.simulator.render import Renderer, number

DATA = generate(5, 30)


def test_linkage_only_for_what_was_included_and_each_object_once() -> None:
    render = Renderer(DATA, "https://api.teamtailor.com/v1")
    app = DATA.records(Resource.APPLICATION)[0]
    assert isinstance(app, ApplicationRecord)
    # the job is reached twice: as the stage's job (nothing under it) and with its department
    doc = render.document([app], "stage.job,job.department", one=True)
    rels = doc["data"]["relationships"]
    assert rels["job"]["data"] == {"type": "jobs", "id": number(app.job_id or "")}
    assert "data" not in rels["candidate"]  # not included: links only
    assert rels["candidate"]["links"]["related"].endswith(f"/job-applications/{number(app.id)}/candidate")
    kinds = sorted((o["type"], o["id"]) for o in doc["included"])
    assert len(kinds) == len(set(kinds))
    job = next(o for o in doc["included"] if o["type"] == "jobs")
    assert job["relationships"]["department"]["data"]["type"] == "departments"
    assert "data" not in job["relationships"]["locations"]


def test_no_include_no_included() -> None:
    render = Renderer(DATA, "https://api.teamtailor.com/v1")
    doc = render.document(DATA.records(Resource.JOB)[:2], None)
    assert "included" not in doc
    assert all("data" not in r for o in doc["data"] for r in o["relationships"].values())
    assert doc["data"][0]["attributes"]["human-status"] in {
        "published",
        "draft",
        "archived",
        "scheduled",
        "closed",
    }
