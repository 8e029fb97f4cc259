"""The shared field declarations (``kit/fieldspecs.py``): each reads a payload into a unified
field and renders the field back the way the wire writes it."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from providers.kit.fieldspecs import (
    Blank,
    BlankRef,
    Joined,
    Negated,
    NumRef,
    PayRange,
    Single,
    SplitDate,
    Urls,
    one_email,
    pair_id,
    pair_part,
    split_date,
)
from providers.kit.mapping import RecordMap, Ref, Wire
from providers.records import CandidateRecord, Compensation, EmailAddress, JobRecord, Resource, Url

WIRE = Wire(encode=lambda resource, i: f"{resource.value}-{i}")

CANDIDATE = RecordMap(
    CandidateRecord,
    {
        "id": Ref("id"),
        "title": Blank("headline"),
        "emails": one_email("email"),
        "locations": Single("where.city", empty=None),
        "urls": Urls({"linkedin": "linkedin_url", "website": "site"}),
        "can_email": Negated("do_not_email"),
        "created_at": SplitDate("day", "time"),
        "updated_at": SplitDate("updated"),
    },
)
JOB = RecordMap(
    JobRecord,
    {
        "id": NumRef("id", resource=Resource.JOB),
        "hiring_manager_ids": Single("lead", resource=Resource.USER),
        "code": BlankRef("owner", resource=Resource.USER),
    },
)


def test_a_payload_reads_and_renders_back() -> None:
    payload = {
        "id": "c1",
        "headline": "",
        "email": "a@example.com",
        "where": {"city": "Lyon"},
        "linkedin_url": "https://linkedin.example/a",
        "site": "",
        "do_not_email": True,
        "day": "2024-05-06",
        "time": "07:08:09",
        "updated": "0000-00-00",
    }
    c = CANDIDATE.read(payload)
    assert c.title is None
    assert c.emails == (EmailAddress(email="a@example.com", is_primary=True),)
    assert c.locations == ("Lyon",)
    assert c.urls == (Url(url="https://linkedin.example/a", type="linkedin"),)
    assert c.can_email is False
    assert c.created_at == datetime(2024, 5, 6, 7, 8, 9, tzinfo=UTC)
    assert c.updated_at is None
    out = CANDIDATE.render(c)
    assert (out["headline"], out["email"], out["where"]) == ("", "a@example.com", {"city": "Lyon"})
    assert (out["linkedin_url"], out["site"], out["do_not_email"]) == ("https://linkedin.example/a", "", True)
    assert (out["day"], out["time"], out["updated"]) == ("2024-05-06", "07:08:09", "")


def test_empty_values_render_as_the_wire_writes_none() -> None:
    c = CandidateRecord(id="c2", remote_id="c2", emails=(), locations=())
    out = CANDIDATE.render(c)
    assert (out["email"], out["where"], out["do_not_email"]) == ("", {"city": None}, None)


def test_the_primary_address_is_rendered() -> None:
    emails = (EmailAddress(email="b@example.com"), EmailAddress(email="p@example.com", is_primary=True))
    assert CANDIDATE.render(CandidateRecord(id="c", remote_id="c", emails=emails))["email"] == "p@example.com"


def test_ids_render_encoded_numbers_and_blanks() -> None:
    job = JOB.read({"id": "12", "lead": "u1", "owner": ""})
    assert (job.hiring_manager_ids, job.code) == (("u1",), None)
    wire = Wire(encode=lambda _r, i: i.removeprefix("job_"))
    assert JOB.render(JobRecord(id="job_12", remote_id="12"), wire)["id"] == 12
    rendered = JOB.render(JobRecord(id="j", remote_id="j", hiring_manager_ids=("u1",), code="u2"), WIRE)
    assert (rendered["lead"], rendered["owner"]) == ("user-u1", "user-u2")
    assert JOB.render(JobRecord(id="j", remote_id="j"), WIRE)["owner"] == ""


def test_split_dates() -> None:
    assert split_date("2024-01-02") == datetime(2024, 1, 2, tzinfo=UTC)
    assert split_date("") is None
    assert split_date("2024-13-40") is None


PLACE = RecordMap(
    JobRecord,
    {
        "id": Ref("id"),
        "name": Joined(("first", "last"), " ", rendered=False),
        "locations": Joined(("city", "state", "country"), many=True),
        "compensation": PayRange("low", "high"),
    },
)


def test_joined_values_and_pay_ranges() -> None:
    job = PLACE.read(
        {"id": "j", "first": "A", "last": "", "city": "Lyon", "country": "FR", "low": "0", "high": 90}
    )
    assert (job.name, job.locations) == ("A", ("Lyon, FR",))
    assert job.compensation == Compensation(min=None, max=Decimal(90))
    assert PLACE.read({"id": "j", "low": "", "high": "n/a"}).compensation is None
    out = PLACE.render(job)
    assert "first" not in out  # another field's keys
    assert (out["city"], out["state"], out["country"]) == ("Lyon, FR", "", "")  # 2 parts for 3 keys
    assert (out["low"], out["high"]) == ("0", "90")
    three = PLACE.render(JobRecord(id="j", remote_id="j", locations=("Lyon, ARA, FR",)))
    assert (three["city"], three["state"], three["country"]) == ("Lyon", "ARA", "FR")


def test_pair_ids() -> None:
    assert pair_id("a", "b") == "a:b"
    assert (pair_part("a:b", 0), pair_part("a:b", 1)) == ("a", "b")
    assert pair_part("ab", 0) is None
    assert pair_part(":b", 1) is None
