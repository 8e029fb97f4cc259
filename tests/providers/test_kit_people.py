"""``kit/people.py``: one e-mail address and a first and last name, read and rendered back."""

from __future__ import annotations

from typing import Any

import pytest

from providers.errors import WriteRefused
from providers.http import CallContext
from providers.kit.fieldspecs import Joined, Urls
from providers.kit.mapping import At, RecordMap, Ref
from providers.kit.people import (
    Single,
    email_at,
    joined,
    name_of,
    one_email,
    person_body,
    person_input,
    phone_at,
    primary_email,
    source_at,
    url_at,
)
from providers.records import (
    ApplicationRecord,
    CandidateRecord,
    EmailAddress,
    JobRecord,
    PhoneNumber,
    Resource,
    Source,
    Url,
)
from providers.writes import CandidateInput, CandidateUpdate

PERSON = RecordMap(
    CandidateRecord,
    {
        "id": At("id"),
        "first_name": At("who.first"),
        "last_name": At("who.last"),
        "name": name_of("who.first", "who.last"),
        "emails": email_at("who.email"),
    },
)


def test_primary_email_prefers_the_primary_then_the_first() -> None:
    work, home = EmailAddress(email="w@x.io"), EmailAddress(email="h@x.io", is_primary=True)
    assert primary_email([work, home]) == "h@x.io"
    assert primary_email([work]) == "w@x.io"
    assert primary_email([]) is None


def test_one_email_and_joined_skip_blanks() -> None:
    assert one_email("a@x.io") == (EmailAddress(email="a@x.io", is_primary=True),)
    assert one_email("") == ()
    assert one_email(None) == ()
    assert joined("Ada", None, "Lovelace") == "Ada Lovelace"
    assert joined(None, "") is None


def test_the_fields_read_and_render_back() -> None:
    payload: dict[str, Any] = {"id": "1", "who": {"first": "Ada", "last": "Lovelace", "email": "ada@x.io"}}
    record = PERSON.read(payload)
    assert record.name == "Ada Lovelace"
    assert record.emails == (EmailAddress(email="ada@x.io", is_primary=True),)
    assert PERSON.render(record) == payload
    blank = PERSON.read({"id": "2", "who": {}})
    assert blank.emails == ()
    assert blank.name is None
    assert PERSON.render(blank)["who"]["email"] is None


FLAT_PERSON = RecordMap(
    CandidateRecord,
    {
        "id": Ref("id", resource=Resource.CANDIDATE),
        "first_name": At("firstName"),
        "last_name": At("lastName"),
        "name": name_of(),
        "emails": email_at("contact.email"),
        "phones": phone_at(),
        "urls": Urls({"linkedin": "linkedin", "website": "website"}, at="web", omit=True),
    },
)


def test_a_person_reads_into_the_unified_lists_and_renders_back() -> None:
    wire = {
        "id": "c1",
        "firstName": "Ada",
        "lastName": "Lovelace",
        "contact": {"email": "ada@example.com"},
        "phoneNumber": "+1 555",
        "web": {"linkedin": "https://linkedin.example/ada", "other": "x"},
    }
    person = FLAT_PERSON.read(wire)
    assert person.name == "Ada Lovelace"
    assert person.emails == (EmailAddress(email="ada@example.com", is_primary=True),)
    assert person.phones == (PhoneNumber(number="+1 555"),)
    assert person.urls == (Url(url="https://linkedin.example/ada", type="linkedin"),)
    rendered = FLAT_PERSON.render(person)
    assert rendered["contact"] == {"email": "ada@example.com"}
    assert rendered["phoneNumber"] == "+1 555"
    assert rendered["web"] == {"linkedin": "https://linkedin.example/ada"}


def test_a_person_without_them_reads_empty_and_renders_nulls() -> None:
    person = FLAT_PERSON.read({"id": "c2"})
    assert (person.name, person.emails, person.phones, person.urls) == (None, (), (), ())
    assert FLAT_PERSON.render(person)["contact"] == {"email": None}


def test_person_input_reads_a_write_body() -> None:
    body = {"firstName": "Ada", "email": "ada@example.com", "phoneNumber": 5, "web": {"website": "w"}}
    found = person_input(body, urls=("web", ("linkedin", "website")))
    assert found == {
        "first_name": "Ada",
        "last_name": None,
        "emails": (EmailAddress(email="ada@example.com", is_primary=True),),
        "urls": (Url(url="w", type="website"),),
    }
    assert person_input({}) == {"first_name": None, "last_name": None}


def test_person_input_clears_what_a_body_sends_empty_when_asked() -> None:
    empty: dict[str, Any] = {"email": None, "phoneNumber": ""}
    assert person_input(empty) == {"first_name": None, "last_name": None, "phones": (PhoneNumber(number=""),)}
    assert person_input(empty, cleared=True) == {
        "first_name": None,
        "last_name": None,
        "emails": (),
        "phones": (),
    }
    given = person_input({"email": "a@example.com", "phoneNumber": "+1 5"}, cleared=True)
    assert (given["emails"], given["phones"]) == (one_email("a@example.com"), (PhoneNumber(number="+1 5"),))
    assert person_input({}, cleared=True) == {"first_name": None, "last_name": None}  # absent: left as is


def test_one_phone_and_one_url_of_a_kind_read_and_render_back() -> None:
    person = RecordMap(
        CandidateRecord,
        {"id": At("id"), "phones": phone_at("a.phone"), "urls": url_at("a.linkedin", "linkedin")},
    )
    payload: dict[str, Any] = {"id": "1", "a": {"phone": "+1 555", "linkedin": "https://li/x"}}
    record = person.read(payload)
    assert record.phones == (PhoneNumber(number="+1 555"),)
    assert record.urls == (Url(url="https://li/x", type="linkedin"),)
    assert person.render(record) == payload
    other = record.model_copy(update={"urls": (Url(url="https://gh/x", type="github"),), "phones": ()})
    assert person.render(other) == {"id": "1", "a": {"phone": None, "linkedin": None}}  # not of its kind
    assert person.read({"id": "2", "a": {}}).urls == ()


def test_a_posting_url_renders_back_the_first_of_any_kind() -> None:
    job = RecordMap(
        JobRecord,
        {"id": At("id"), "job_posting_urls": url_at("url", "board", "job_posting_urls", any_type=True)},
    )
    record = JobRecord(id="1", remote_id="1", job_posting_urls=(Url(url="https://x/j", type="careers"),))
    assert job.render(record) == {"id": "1", "url": "https://x/j"}
    assert job.read({"id": "1", "url": "https://x/j"}).job_posting_urls == (
        Url(url="https://x/j", type="board"),
    )


CTX = CallContext("toy", "t", "candidate", "create")


def test_person_body_writes_the_one_email_and_phone() -> None:
    given = CandidateInput(
        first_name="Ada", emails=(EmailAddress(email="a@x.test"),), phones=(PhoneNumber(number="1"),)
    )
    assert person_body(given, CTX, "a Toy candidate") == {
        "firstName": "Ada",
        "email": "a@x.test",
        "phoneNumber": "1",
    }
    assert person_body(CandidateInput(first_name="Ada", emails=()), CTX, "a Toy candidate") == {
        "firstName": "Ada"
    }


def test_person_body_refuses_two_values_and_an_update_that_clears_one() -> None:
    two = CandidateInput(emails=(EmailAddress(email="a@x.test"), EmailAddress(email="b@x.test")))
    with pytest.raises(WriteRefused, match="a Toy candidate has one e-mail address") as refused:
        person_body(two, CTX, "a Toy candidate")
    assert refused.value.field == "input.emails"
    with pytest.raises(WriteRefused, match="a Toy candidate's phone number cannot be cleared"):
        person_body(CandidateUpdate("c1", phones=()), CTX, "a Toy candidate")


def test_a_source_by_name_reads_and_renders_back() -> None:
    app = RecordMap(ApplicationRecord, {"id": At("id"), "source": source_at("who.source")})
    record = app.read({"id": "1", "who": {"source": "LinkedIn"}})
    assert record.source == Source(name="LinkedIn")
    assert app.render(record) == {"id": "1", "who": {"source": "LinkedIn"}}
    assert app.read({"id": "2", "who": {"source": ""}}).source is None
    assert app.render(ApplicationRecord(id="3", remote_id="3")) == {"id": "3", "who": {"source": None}}


def test_joined_parts_read_as_one_item_of_a_list_field() -> None:
    job = RecordMap(JobRecord, {"id": At("id"), "locations": Joined(("at.city", "at.country"), many=True)})
    assert job.read({"id": "1", "at": {"city": "Oslo", "country": "NO"}}).locations == ("Oslo, NO",)
    assert job.read({"id": "2", "at": {"city": ""}}).locations == ()
    assert job.read({"id": "3"}).locations == ()


def test_a_single_value_with_omit_is_not_rendered_when_there_is_none() -> None:
    job = RecordMap(
        JobRecord,
        {"id": At("id"), "department_ids": Single("dept.id", resource=Resource.DEPARTMENT, omit=True)},
    )
    assert job.read({"id": "1", "dept": {"id": "d1"}}).department_ids == ("d1",)
    assert job.render(JobRecord(id="1", remote_id="1", department_ids=("d1",))) == {
        "id": "1",
        "dept": {"id": "d1"},
    }
    assert job.render(JobRecord(id="2", remote_id="2")) == {"id": "2"}
