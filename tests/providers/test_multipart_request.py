"""An upload's ``multipart/form-data`` body as ``UpstreamHttp.request`` sends it: the text parts
first, then the one file part, byte for byte (read back with the simulators' own parser)."""

from __future__ import annotations

import httpx
import respx

from providers.http import Multipart, UpstreamHttp
from providers.kit.forms import form_parts


async def test_text_parts_then_the_file_part() -> None:
    content = bytes(range(256)) + b"\r\n--x--\r\n"
    part = Multipart(
        "file", "cv.pdf", content, "application/pdf", fields={"candidateId": "c-1", "kind": "resume"}
    )
    async with httpx.AsyncClient() as client:
        http = UpstreamHttp(client, base_url="https://ats.test", provider="p", connection="c")
        with respx.mock(base_url="https://ats.test") as router:
            route = router.post("/upload").respond(json={})
            await http.request("POST", "/upload", multipart=part)
    request = route.calls.last.request
    parts = form_parts(request.headers["content-type"], request.content)
    assert list(parts) == ["candidateId", "kind", "file"]
    assert (parts["candidateId"].content, parts["kind"].content) == (b"c-1", b"resume")
    assert (parts["file"].file_name, parts["file"].content_type, parts["file"].content) == (
        "cv.pdf",
        "application/pdf",
        content,
    )
    assert route.call_count == 1  # an upload is a write: one attempt
