"""The sandbox adapter's write methods (``providers/writes``): each is one simulated upstream
call and one dataset change, made by a :class:`~providers.sandbox.writes.SandboxWriter`."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from datetime import datetime
from typing import TYPE_CHECKING, Any, ClassVar, cast

from ..base import Connection
from ..records import (
    ActivityRecord,
    ApplicationRecord,
    AttachmentRecord,
    CandidateRecord,
    InterviewRecord,
    OverallRecommendation,
    Resource,
    ScorecardRecord,
)
from ..writes import (
    Actor,
    ApplicationInput,
    ApplicationRef,
    AttachmentInput,
    CandidateInput,
    CandidateUpdate,
    NoteInput,
    Rejection,
    StageMove,
    TagChange,
)
from . import interview_writes
from .dataset import Dataset
from .writes import SandboxWriter

R = Resource


class SandboxWrites:
    """Mixed into ``SandboxAdapter``, which provides what is declared here."""

    if TYPE_CHECKING:
        name: ClassVar[str]
        connection: Connection

        def writable(self) -> Dataset: ...

        def _call(self, resource: Resource, operation: str) -> AbstractContextManager[None]: ...

        async def _round_trip(self) -> None: ...

    async def _write(
        self, resource: Resource, actor: Actor | None, write: Callable[[SandboxWriter], Any]
    ) -> Any:
        with self._call(resource, "write"):
            await self._round_trip()
            writer = SandboxWriter(self.writable(), self.name, self.connection.name)
            writer.check_actor(actor)
            return write(writer)

    async def create_candidate(self, input: CandidateInput, actor: Actor | None) -> CandidateRecord:
        """A new candidate; tags it names that the account lacks are created."""
        return cast(
            "CandidateRecord", await self._write(R.CANDIDATE, actor, lambda w: w.create_candidate(input))
        )

    async def update_candidate(self, input: CandidateUpdate, actor: Actor | None) -> CandidateRecord:
        return cast(
            "CandidateRecord", await self._write(R.CANDIDATE, actor, lambda w: w.update_candidate(input))
        )

    async def create_application(self, input: ApplicationInput, actor: Actor | None) -> ApplicationRecord:
        """An application in the job's first stage (or ``stage_id``), with a new candidate if inline."""
        return cast(
            "ApplicationRecord",
            await self._write(R.APPLICATION, actor, lambda w: w.create_application(input)),
        )

    async def move_application_stage(self, input: StageMove, actor: Actor | None) -> ApplicationRecord:
        return cast(
            "ApplicationRecord",
            await self._write(R.APPLICATION, actor, lambda w: w.move_application_stage(input)),
        )

    async def reject_application(self, input: Rejection, actor: Actor | None) -> ApplicationRecord:
        """Rejected now; a ``note`` is kept as a note activity on the candidate."""
        return cast(
            "ApplicationRecord",
            await self._write(R.APPLICATION, actor, lambda w: w.reject_application(input, actor)),
        )

    async def unreject_application(self, input: ApplicationRef, actor: Actor | None) -> ApplicationRecord:
        return cast(
            "ApplicationRecord",
            await self._write(R.APPLICATION, actor, lambda w: w.unreject_application(input)),
        )

    async def hire_application(self, input: ApplicationRef, actor: Actor | None) -> ApplicationRecord:
        """Moved to the job's last stage (the offer), which is what hired means in the sandbox."""
        return cast(
            "ApplicationRecord", await self._write(R.APPLICATION, actor, lambda w: w.hire_application(input))
        )

    async def add_note(self, input: NoteInput, actor: Actor | None) -> ActivityRecord:
        return cast(
            "ActivityRecord", await self._write(R.ACTIVITY, actor, lambda w: w.add_note(input, actor))
        )

    async def upload_attachment(self, input: AttachmentInput, actor: Actor | None) -> AttachmentRecord:
        return cast(
            "AttachmentRecord", await self._write(R.ATTACHMENT, actor, lambda w: w.upload_attachment(input))
        )

    async def add_candidate_tags(self, input: TagChange, actor: Actor | None) -> CandidateRecord:
        return cast(
            "CandidateRecord", await self._write(R.CANDIDATE, actor, lambda w: w.change_tags(input, True))
        )

    async def remove_candidate_tags(self, input: TagChange, actor: Actor | None) -> CandidateRecord:
        return cast(
            "CandidateRecord", await self._write(R.CANDIDATE, actor, lambda w: w.change_tags(input, False))
        )

    # -- sandbox-only writes (no mutation yet; the live activity makes them) -------------------
    async def schedule_interview(
        self, application_id: str, start_at: datetime, interviewer_ids: Sequence[str]
    ) -> InterviewRecord:
        return cast(
            "InterviewRecord",
            await self._write(
                R.INTERVIEW,
                None,
                lambda w: interview_writes.schedule_interview(w, application_id, start_at, interviewer_ids),
            ),
        )

    async def submit_scorecard(
        self, interview_id: str, interviewer_id: str, recommendation: OverallRecommendation
    ) -> tuple[ScorecardRecord, InterviewRecord]:
        """The scorecard, and the interview it completes (or leaves awaiting feedback)."""
        return cast(
            "tuple[ScorecardRecord, InterviewRecord]",
            await self._write(
                R.SCORECARD,
                None,
                lambda w: interview_writes.submit_scorecard(w, interview_id, interviewer_id, recommendation),
            ),
        )
