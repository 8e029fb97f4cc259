"""``kit/numeric_ids.py``: ids that are numbers on the wire and strings in the records."""

from __future__ import annotations

from providers.kit.mapping import RecordMap, Wire
from providers.kit.numeric_ids import NumberRef, number_text
from providers.records import ApplicationRecord, Resource

APPLICATION = RecordMap(
    ApplicationRecord,
    {"id": NumberRef("id", Resource.APPLICATION), "job_id": NumberRef("job.id", Resource.JOB)},
)


def test_read_as_text_and_rendered_back_as_the_encoded_number() -> None:
    record = APPLICATION.read({"id": 7, "job": {"id": 15}})
    assert (record.id, record.job_id) == ("7", "15")
    assert APPLICATION.read({"id": 7, "job": None}).job_id is None
    wire = Wire(encode=lambda resource, value: str(int(value.rsplit("_", 1)[-1]) + 100))
    sandbox = ApplicationRecord(id="app_1", remote_id="app_1", job_id="job_2")
    assert APPLICATION.render(sandbox, wire) == {"id": 101, "job": {"id": 102}}
    assert APPLICATION.render(ApplicationRecord(id="1", remote_id="1")) == {"id": 1}  # no job: none rendered


def test_number_text() -> None:
    assert number_text(3) == "3"
    assert number_text("x") == "x"
    assert number_text(None) is None
