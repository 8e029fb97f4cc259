"""``kit/people.py``: one e-mail address and a first and last name, read and rendered back."""

from __future__ import annotations

from typing import Any

from providers.kit.mapping import At, RecordMap, Ref
from providers.kit.people import (
    email_at,
    joined,
    name_of,
    one_email,
    person_input,
    phone_at,
    primary_email,
    typed_urls,
)
from providers.records import CandidateRecord, EmailAddress, PhoneNumber, Resource, Url

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
        "urls": typed_urls("web", ("linkedin", "website")),
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
