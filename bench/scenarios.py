"""The four scenarios: each a committed ``.graphql`` document and the root field it reads."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Final

HERE: Final = Path(__file__).parent / "scenarios"


@dataclass(frozen=True)
class Scenario:
    name: str
    title: str
    root_field: str
    by_id: bool = False
    """The root is one record by id (the harness picks a candidate that has applications)."""
    paginated: bool = False
    """The harness follows ``pageInfo.endCursor`` to the end of the listing."""

    @property
    def document(self) -> str:
        return (HERE / f"{self.name}.graphql").read_text(encoding="utf-8")


PIPELINE_REVIEW: Final = Scenario("pipeline_review", "1. pipeline review", "candidates")
JOB_BOARD: Final = Scenario("job_board", "2. job board", "jobs")
CANDIDATE_DETAIL: Final = Scenario("candidate_detail", "3. candidate detail", "candidate", by_id=True)
BIG_EXPORT: Final = Scenario("big_export", "4. big export", "candidates", paginated=True)

SCENARIOS: Final = (PIPELINE_REVIEW, JOB_BOARD, CANDIDATE_DETAIL, BIG_EXPORT)
CANDIDATE_JOBS: Final = Scenario("candidate_jobs", "gateway CPU per upstream call", "candidates")
"""Not one of the four: the document of ``bench/upstream_cpu.py``'s row."""
