"""The kit's simulated opaque cursors (``kit/simcursors.py``)."""

from __future__ import annotations

from providers.kit.simcursors import CursorStore


def test_a_cursor_resumes_its_request_on_its_path_only() -> None:
    store = CursorStore()
    token = store.saver("/v3/jobs")({"per_page": "2", "status": "open"}, 4)
    assert store.resume("/v3/jobs", {"cursor": token}) == ({"per_page": "2", "status": "open"}, 4)
    assert store.resume("/v3/users", {"cursor": token}) == "invalid cursor"
    assert store.resume("/v3/jobs", {"cursor": "made-up"}) == "invalid cursor"


def test_a_cursor_must_come_alone() -> None:
    store = CursorStore()
    token = store.saver("/v3/jobs")({}, 1)
    assert (
        store.resume("/v3/jobs", {"cursor": token, "per_page": "9"})
        == "cursor must be the only query parameter"
    )


def test_without_a_cursor_a_request_starts_at_the_beginning() -> None:
    assert CursorStore().resume("/v3/jobs", {"per_page": "3"}) == ({"per_page": "3"}, 0)
    assert CursorStore(param="after").resume("/v3/jobs", {"cursor": "x"}) == ({"cursor": "x"}, 0)
