"""What a Workable listing cannot carry, pinned so that the documented gap (the adapter's
``coverage_notes``, printed in docs/coverage.md) and the behaviour cannot drift apart:
``GET /candidates`` is a summary without social profiles, ``disqualified_at`` or
``uploader_id``; ``GET /candidates/{id}`` has them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from providers.query import ListQuery
from providers.records import ApplicationRecord, CandidateRecord, Resource
from providers.workable import WorkableAdapter

from .simkit import DATA, IDS, adapter_for, client_for, simulator


async def test_listed_records_lack_the_detail_fields_which_a_read_by_id_fills() -> None:
    app = simulator()
    with client_for(app) as client:
        adapter = adapter_for(client)
        listed = (await adapter.list_applications(ListQuery(page_size=100))).records
        candidates = (await adapter.list_candidates(ListQuery(page_size=100))).records
        read = await adapter.get_applications([a.id for a in listed])
        by_id = await adapter.get_candidates([c.id for c in candidates])

    def filled(records: Sequence[object], field: str) -> int:
        return sum(1 for r in records if getattr(r, field, None))

    sandbox_apps = [a for a in DATA.records(Resource.APPLICATION) if isinstance(a, ApplicationRecord)]
    sandbox = Counter(
        f for a in sandbox_apps for f in ("rejected_at", "credited_to_id") if getattr(a, f) is not None
    )
    assert sandbox["rejected_at"], "the dataset must have rejected applications"
    assert sandbox["credited_to_id"], "the dataset must have credited applications"
    assert filled(listed, "rejected_at") == filled(listed, "credited_to_id") == 0
    assert filled(read, "rejected_at") == sandbox["rejected_at"]
    assert filled(read, "credited_to_id") == sandbox["credited_to_id"]

    people = {IDS.adapter_id(Resource.APPLICATION, a.id): a.candidate_id for a in sandbox_apps}
    with_urls = {c.id for c in DATA.records(Resource.CANDIDATE) if isinstance(c, CandidateRecord) and c.urls}
    assert with_urls, "the dataset must have candidates with urls"
    assert filled(candidates, "urls") == 0
    assert {c.id for c in by_id if isinstance(c, CandidateRecord) and c.urls} == {
        i for i, person in people.items() if person in with_urls
    }


def test_the_gap_is_declared_for_docs_coverage() -> None:
    notes = " ".join(WorkableAdapter.coverage_notes)
    for field in ("`urls: []`", "`rejectedAt`", "`creditedTo`", "GET /candidates/{id}"):
        assert field in notes
