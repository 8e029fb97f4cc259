"""``providers/kit/forms.py``'s ``json_or_form``: a simulated write's body, JSON or a form."""

from __future__ import annotations

import httpx
import pytest
from starlette.requests import Request

from providers.kit.forms import FormPart, json_or_form


def request(content: bytes, content_type: str | None) -> Request:
    headers = [] if content_type is None else [(b"content-type", content_type.encode())]

    async def receive() -> dict[str, object]:
        return {"type": "http.request", "body": content, "more_body": False}

    return Request({"type": "http", "method": "POST", "path": "/", "headers": headers}, receive)


async def test_json_and_an_empty_body() -> None:
    assert await json_or_form(request(b'{"a": 1}', "application/json")) == {"a": 1}
    assert await json_or_form(request(b"", None)) == {}


async def test_a_multipart_form_gives_its_parts() -> None:
    built = httpx.Request("POST", "http://x", files={"file": ("cv.pdf", b"%PDF", "application/pdf")})
    body = await json_or_form(request(built.read(), built.headers["content-type"]))
    assert body == {"file": FormPart("file", "cv.pdf", "application/pdf", b"%PDF")}


@pytest.mark.parametrize(
    ("content", "content_type", "message"),
    [
        (b"not json", "application/json", "neither JSON nor a multipart form"),
        (b"[1, 2]", "application/json", "not a JSON object"),
        (b"no parts", "multipart/form-data; boundary=x", "no parts"),
    ],
)
async def test_anything_else_is_a_value_error(content: bytes, content_type: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        await json_or_form(request(content, content_type))
