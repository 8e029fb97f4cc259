"""The reasons read from a provider's refusal of a write, in each provider's documented shape
(the fixture READMEs' "Errors" sections), bounded, and none from a body that says nothing."""

from __future__ import annotations

import httpx
import pytest

from providers.errors import Reason
from providers.refusals import MAX_MESSAGE, MAX_REASONS, reasons_in, reasons_of


@pytest.mark.parametrize(
    ("body", "reasons"),
    [
        # Greenhouse Harvest, the README's documented 422
        (
            {
                "message": "Validation error",
                "errors": [{"message": "Must be one of: candidate, prospect", "field": "type"}],
            },
            (Reason("Must be one of: candidate, prospect", "type"),),
        ),
        # Greenhouse, POST_applications_id_unreject.error.json: no field
        (
            {"errors": [{"message": "Application must be 'rejected', is currently 'active'"}]},
            (Reason("Application must be 'rejected', is currently 'active'"),),
        ),
        # Lever, ERROR_example.json's shape
        ({"code": "BadRequestError", "message": "stage x is not valid"}, (Reason("stage x is not valid"),)),
        # Workable, the README's {"error": ...}
        ({"error": "member not found"}, (Reason("member not found"),)),
        # Ashby, ERROR_example.json: codes only
        ({"success": False, "errors": ["invalid_input"]}, (Reason("invalid_input"),)),
        # JSON:API (Teamtailor's README: errors[].detail), the field from source.pointer
        (
            {
                "errors": [
                    {
                        "title": "is invalid",
                        "detail": "email is invalid",
                        "source": {"pointer": "/data/attributes/email"},
                    }
                ]
            },
            (Reason("email is invalid", "email"),),
        ),
        # Rails-style field table
        (
            {"errors": {"email": ["is taken", "is invalid"]}},
            (Reason("is taken", "email"), Reason("is invalid", "email")),
        ),
    ],
)
def test_each_documented_shape(body: object, reasons: tuple[Reason, ...]) -> None:
    assert reasons_in(body) == reasons


@pytest.mark.parametrize(
    "body", [None, [], "text", 3, {}, {"success": False}, {"errors": [{}, 7, None]}, {"message": True}]
)
def test_a_body_that_says_nothing_gives_no_reasons(body: object) -> None:
    assert reasons_in(body) == ()


def test_reasons_are_bounded() -> None:
    body = {"errors": [{"message": f"{i} " + "x" * 5000, "field": "f"} for i in range(50)]}
    reasons = reasons_in(body)
    assert len(reasons) == MAX_REASONS
    assert all(len(r.message) <= MAX_MESSAGE for r in reasons)
    assert reasons[0].message.startswith("0 x")


def test_repeated_reasons_are_said_once() -> None:
    body = {"errors": [{"message": "bad", "field": "a"}, {"message": "bad", "field": "a"}]}
    assert reasons_in(body) == (Reason("bad", "a"),)


def test_whitespace_is_folded() -> None:
    assert reasons_in({"error": "two\n\nlines\t here"}) == (Reason("two lines here"),)


def test_an_html_error_page_gives_none() -> None:
    page = httpx.Response(422, text="<html><body><h1>422 Unprocessable</h1></body></html>")
    assert reasons_of(page) == ()
    assert reasons_of(httpx.Response(400, content=b"\xff\xfe")) == ()
    assert reasons_of(httpx.Response(400, json={"error": "no"})) == (Reason("no"),)
