"""The shared field declarations (``kit/fieldspecs.py``): each reads a payload into a unified
field and renders the field back the way the wire writes it."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from providers.kit.fieldspecs import (
    AtWith,
    Blank,
    BlankRef,
    Joined,
    Negated,
    NumberTable,
    NumRef,
    PayRange,
    Single,
    SplitDate,
    Urls,
    email_list,
    one_email,
    pair_id,
    pair_part,
    phone,
    phone_list,
    split_date,
    split_pair,
)
from providers.kit.mapping import RecordMap, Ref, Wire
from providers.records import (
    AttachmentRecord,
    CandidateRecord,
    Compensation,
    EmailAddress,
    JobRecord,
    OverallRecommendation,
    Resource,
    ScorecardRecord,
    Url,
)

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
    assert split_pair(pair_id("job", pair_id("group", "q"))) == ("job", "group:q")
    assert split_pair("plain") is split_pair(":own") is split_pair("parent:") is None


LISTS = RecordMap(
    CandidateRecord, {"id": Ref("id"), "emails": email_list("mail"), "phones": phone_list("tel")}
)


def test_listed_values() -> None:
    c = LISTS.read({"id": "c", "mail": ["a@example.com", "b@example.com"], "tel": ["+33 1"]})
    assert [(e.email, e.is_primary) for e in c.emails] == [("a@example.com", True), ("b@example.com", False)]
    assert [p.number for p in c.phones] == ["+33 1"]
    assert LISTS.read({"id": "c", "mail": None}).emails == ()
    emails = (EmailAddress(email="b@example.com"), EmailAddress(email="p@example.com", is_primary=True))
    out = LISTS.render(CandidateRecord(id="c", remote_id="c", emails=emails))
    assert (out["mail"], out["tel"]) == (["p@example.com", "b@example.com"], [])


def test_one_phone_with_a_fallback_key() -> None:
    phones = RecordMap(CandidateRecord, {"id": Ref("id"), "phones": phone("mobile", also="tel")})
    c = phones.read({"id": "c", "mobile": "", "tel": "+33 2"})
    assert [p.number for p in c.phones] == ["+33 2"]
    assert phones.render(c) == {"id": "c", "mobile": "+33 2"}
    assert phones.read({"id": "c"}).phones == ()


def test_a_number_table_keeps_its_raw_number_as_text_and_renders_a_number() -> None:
    stars: dict[Any, OverallRecommendation] = {
        1: OverallRecommendation.NO,
        5: OverallRecommendation.STRONG_YES,
    }
    spec = NumberTable(
        "rating", stars, OverallRecommendation.OTHER, raw="raw_overall_recommendation", absent=0
    )
    review = RecordMap(ScorecardRecord, {"id": Ref("id"), "overall_recommendation": spec})
    five = review.read({"id": "1", "rating": 5})
    assert (five.overall_recommendation, five.raw_overall_recommendation) == (
        OverallRecommendation.STRONG_YES,
        "5",
    )
    zero = review.read({"id": "2", "rating": 0})
    assert (zero.overall_recommendation, zero.raw_overall_recommendation) == (
        OverallRecommendation.OTHER,
        "0",
    )
    none = review.read({"id": "3"})
    assert (none.overall_recommendation, none.raw_overall_recommendation) == (None, None)
    assert review.render(five) == {"id": "1", "rating": 5}
    assert review.render(zero)["rating"] == 0
    assert review.render(none)["rating"] == 0


def test_a_value_renders_with_the_constants_beside_it() -> None:
    spec = AtWith("actions.download.url", beside={"method": "GET"})
    files = RecordMap(AttachmentRecord, {"id": Ref("id"), "file_url": spec})
    found = files.read({"id": "1", "actions": {"download": {"url": "https://f", "method": "GET"}}})
    assert found.file_url == "https://f"
    assert files.read({"id": "2", "actions": {"download": "odd"}}).file_url is None
    assert files.render(found) == {"id": "1", "actions": {"download": {"url": "https://f", "method": "GET"}}}
    blank = files.render(AttachmentRecord(id="3", remote_id="3"))
    assert blank["actions"] == {"download": {"url": None, "method": "GET"}}


def test_a_link_that_is_no_string_is_no_link() -> None:
    """A malformed answer's number in a link's key: read leniently (it stays in ``remoteData``)."""
    c = CANDIDATE.read({"id": "c3", "linkedin_url": 7, "site": "https://example.com/c3"})
    assert c.urls == (Url(url="https://example.com/c3", type="website"),)
    assert c.remote_data["linkedin_url"] == 7
