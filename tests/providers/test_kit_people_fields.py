"""The kit's repeated mapping fields (``kit/people.py``): read and rendered back."""

from __future__ import annotations

from providers.kit.fieldspecs import Joined
from providers.kit.mapping import At, RecordMap
from providers.kit.people import at_path, email_at, name_of, phone_at, primary_email, url_at
from providers.records import CandidateRecord, EmailAddress, OfficeRecord, PhoneNumber, Url

PERSON = RecordMap(
    CandidateRecord,
    {
        "id": At("id"),
        "name": name_of("a.first", "a.last"),
        "emails": email_at("a.email"),
        "phones": phone_at("a.phone"),
        "urls": url_at("a.linkedin", "linkedin"),
    },
)


def test_one_value_fields_read_into_tuples_and_render_back() -> None:
    full = {
        "id": "1",
        "a": {"first": "Ada", "last": None, "email": "a@x.test", "phone": "1", "linkedin": "u"},
    }
    person = PERSON.read(full)
    assert person.name == "Ada"
    assert person.emails == (EmailAddress(email="a@x.test", is_primary=True),)
    assert person.phones == (PhoneNumber(number="1"),)
    assert person.urls == (Url(url="u", type="linkedin"),)
    assert PERSON.render(person) == {
        "id": "1",
        "a": {"email": "a@x.test", "phone": "1", "linkedin": "u"},
    }
    empty = PERSON.read({"id": "2", "a": {}})
    assert (empty.name, empty.emails, empty.phones, empty.urls) == (None, (), (), ())
    assert PERSON.render(empty) == {"id": "2", "a": {"email": None, "phone": None, "linkedin": None}}


def test_the_primary_email_first_and_a_joined_field_with_its_own_inverse() -> None:
    two = CandidateRecord(
        id="1",
        remote_id="1",
        emails=(EmailAddress(email="b@x.test"), EmailAddress(email="a@x.test", is_primary=True)),
    )
    assert primary_email(two.emails) == "a@x.test"
    assert at_path("a.b", 1) == {"a": {"b": 1}}
    office = RecordMap(
        OfficeRecord,
        {
            "id": At("id"),
            "location": Joined(("city", "country"), back=lambda f, _w: {"c": f.location}),
        },
    )
    read = office.read({"id": "1", "city": "Oslo", "country": "NO"})
    assert read.location == "Oslo, NO"
    assert office.render(read) == {"id": "1", "c": "Oslo, NO"}


def test_one_value_fields_read_alone_from_a_second_key_and_render_their_none() -> None:
    email, phone = email_at("e", empty=""), phone_at("p", also="tel")
    assert email.read({"e": "a@x.test"}) == (EmailAddress(email="a@x.test", is_primary=True),)
    assert phone.read({"tel": "1"}) == (PhoneNumber(number="1"),)
    person = RecordMap(CandidateRecord, {"id": At("id"), "emails": email, "phones": phone})
    assert person.render(person.read({"id": "1"})) == {"id": "1", "e": "", "p": None}
