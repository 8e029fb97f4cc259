"""What every part of a candidate's story writes: attachments, activities, and the clock of
"the latest thing that happened" that ``updated_at`` fields follow."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..records import ActivityType, AttachmentType, Resource, Visibility
from . import vocabulary as V
from .builder import Tables, at
from .organization import Company, JobPlan

R = Resource


@dataclass(slots=True)
class Person:
    """A candidate while their story is being written."""

    id: str
    first: str
    last: str
    email: str
    created: int
    latest: int
    """The latest thing that happened to the candidate (drives ``updated_at``)."""
    interaction: int
    """The latest exchange with the candidate (``last_interaction_at``)."""
    jobs: set[str] = field(default_factory=set)
    application_ids: list[str] = field(default_factory=list)
    attachment_ids: list[str] = field(default_factory=list)


@dataclass(slots=True)
class App:
    """An application while its pipeline is being played out."""

    id: str
    job: JobPlan
    person: Person
    latest: int
    attachment_ids: list[str] = field(default_factory=list)


class Paperwork:
    """Writes attachments and activities, keeping the ``latest`` clocks and id lists up to date."""

    def __init__(self, tables: Tables, company: Company) -> None:
        self.t = tables
        self.company = company

    def touch(self, app: App, when: int) -> None:
        if when <= 0:
            app.latest = max(app.latest, when)
            app.person.latest = max(app.person.latest, when)

    def attachment(
        self,
        person: Person,
        app: App | None,
        name: str,
        kind: AttachmentType,
        when: int,
        raw: str | None = None,
    ) -> None:
        aid, stamp = self.t.next_id(R.ATTACHMENT), at(when)
        self.t.add(
            R.ATTACHMENT,
            id=aid,
            file_name=name,
            file_url=f"{V.FILES_URL}/{aid}/{name}",
            candidate_id=person.id,
            application_id=None if app is None else app.id,
            job_id=None if app is None else app.job.id,
            attachment_type=kind,
            raw_attachment_type=raw,
            created_at=stamp,
            updated_at=stamp,
        )
        person.attachment_ids.append(aid)
        if app is not None:
            app.attachment_ids.append(aid)
            self.touch(app, when)
        else:
            person.latest = max(person.latest, when)

    def email(self, app: App, when: int, subject: str, body: str, cc_manager: bool = False) -> None:
        emails = self.company.email
        cc = (emails[app.job.manager],) if cc_manager else ()
        recruiter = app.job.recruiter
        self.activity(
            app.person,
            when,
            recruiter,
            ActivityType.EMAIL,
            subject,
            body,
            Visibility.PUBLIC,
            (emails[recruiter],),
            (app.person.email,),
            cc,
        )
        self.touch(app, when)

    def activity(
        self,
        person: Person,
        when: int,
        actor: str | None,
        kind: ActivityType,
        subject: str | None,
        body: str,
        visibility: Visibility,
        sender: tuple[str, ...] = (),
        to: tuple[str, ...] = (),
        cc: tuple[str, ...] = (),
        raw: str | None = None,
    ) -> None:
        stamp = at(when)
        self.t.add(
            R.ACTIVITY,
            id=self.t.next_id(R.ACTIVITY),
            candidate_id=person.id,
            actor_id=actor,
            activity_type=kind,
            raw_activity_type=raw,
            subject=subject,
            body=body,
            from_=sender,
            to=to,
            cc=cc,
            visibility=visibility,
            created_at=stamp,
            updated_at=stamp,
        )
        person.latest = max(person.latest, when)
        if kind is ActivityType.EMAIL:
            person.interaction = max(person.interaction, when)
