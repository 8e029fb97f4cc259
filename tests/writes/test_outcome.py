"""Which failures of a write mean "maybe applied": classified on the errors the real
transport raises for one attempt (``UpstreamHttp``, as an HTTP adapter's write uses it)."""

from __future__ import annotations

import httpx
import pytest
import respx

from providers.errors import ProviderError, WriteOutcomeUnknown
from providers.http import UpstreamHttp
from providers.resilience.guard import UpstreamGuard
from resolvers.writes.path import maybe_sent

from ..resilience.support import FAST


@pytest.mark.parametrize(
    ("failure", "unknown"),
    [
        (httpx.ReadTimeout("no answer"), True),
        (httpx.RemoteProtocolError("peer closed the connection mid-answer"), True),
        (httpx.ReadError("connection reset"), True),
        (httpx.ConnectError("refused"), False),
        (httpx.ConnectTimeout("no route"), False),
        (httpx.Response(503), False),
        (httpx.Response(422), False),
    ],
)
async def test_a_write_failure_is_unknown_only_if_the_request_may_have_landed(
    failure: Exception | httpx.Response, unknown: bool
) -> None:
    async with httpx.AsyncClient() as client:
        http = UpstreamHttp(client, base_url="https://ats.test", provider="p", connection="c")
        http.guard = UpstreamGuard(FAST, "p:test")
        with respx.mock(base_url="https://ats.test", assert_all_called=True) as router:
            route = router.post("/candidates")
            if isinstance(failure, httpx.Response):
                route.respond(failure.status_code)
            else:
                route.mock(side_effect=failure)
            with pytest.raises(ProviderError) as raised:
                await http.request("POST", "/candidates", json={"name": "x"})
    assert route.call_count == 1
    assert maybe_sent(raised.value) is unknown


def test_an_adapter_may_say_so_itself() -> None:
    assert maybe_sent(WriteOutcomeUnknown("sent, then the answer was lost", provider="p"))
