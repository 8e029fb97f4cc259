"""The people side of the sandbox: candidates, their EEOC answers, notes and e-mails.

Candidates are created one after the other over the last two years (ids in creation order).
Each applies to one to three jobs that were open at the time (see ``applications.py`` for
what follows), so ``candidate.created_at <= application.applied_at <= interview.start_at <=
scorecard.submitted_at <= offer.sent_at`` always holds. The candidate record is written last,
once its applications, attachments and latest activity are known.
"""

from __future__ import annotations

from typing import Final

from ..records import (
    ActivityType,
    AttachmentType,
    EmailAddress,
    PhoneNumber,
    Resource,
    Url,
    Visibility,
)
from . import vocabulary as V
from .applications import ApplicationBuilder
from .builder import DAY, HOUR, MINUTE, SPAN, Tables, at, constructor
from .organization import Company, JobPlan
from .story import Paperwork, Person

R = Resource

_NOTE_VISIBILITY: Final = (Visibility.PUBLIC,) * 12 + (Visibility.PRIVATE,) * 5 + (Visibility.ADMIN_ONLY,) * 3


class CandidateBuilder:
    def __init__(self, tables: Tables, company: Company, size: int) -> None:
        self.t = tables
        self.company = company
        self.size = size
        self.forced = {0, size // 2}
        """Candidates whose first application goes all the way to an offer (small datasets too)."""
        self.paper = Paperwork(tables, company)
        self.applications = ApplicationBuilder(tables, company, self.paper)
        self.email = constructor(EmailAddress)
        self.phone = constructor(PhoneNumber)
        self.url = constructor(Url)
        self.company_domains = {c: c.lower().replace(" ", "") + ".example" for c in V.COMPANIES}

    def build(self) -> None:
        for index in range(self.size):
            self._candidate(index)

    # -- candidates ------------------------------------------------------------------------
    def _candidate(self, index: int) -> None:
        t, company = self.t, self.company
        r, between, pick = t.rng.random, t.between, t.pick
        cid = t.next_id(R.CANDIDATE)
        created = min(-SPAN + int((index + r()) * SPAN / self.size), -2 * HOUR)
        first, last = pick(V.FIRST_NAMES), pick(V.LAST_NAMES)
        local = f"{first}.{last}".lower()
        address = f"{local}{index + 1}@{pick(V.PERSONAL_DOMAINS)}"
        person = Person(cid, first, last, address, created, created, created)
        employer = pick(V.COMPANIES) if r() < 0.85 else None
        emails = [self.email(email=address, type="personal", is_primary=True)]
        if employer is not None and r() < 0.2:
            work = f"{local}@{self.company_domains[employer]}"
            emails.append(self.email(email=work, type="work", is_primary=False))

        x = r()
        times = [created + between(0, 30 * MINUTE)]
        for _ in range((x < 0.4) + (x < 0.12)):
            applied = created + between(DAY, 150 * DAY)
            times.append(applied if applied <= -HOUR else created + between(0, -HOUR - created))
        times.sort()
        for n, applied in enumerate(times):
            forced = n == 0 and index in self.forced
            job = company.evergreen if forced else self._job_for(applied, person)
            if job is not None:
                self.applications.apply(person, job, applied, forced, first_one=n == 0)

        if index % 5 in (0, 2):
            submitted = times[0] + between(MINUTE, 15 * MINUTE)
            person.latest = max(person.latest, submitted)
            stamp = at(submitted)
            t.add(
                R.EEOC,
                id=t.next_id(R.EEOC),
                candidate_id=cid,
                submitted_at=stamp,
                race=pick(V.EEOC_RACES),
                gender=pick(V.EEOC_GENDERS),
                veteran_status=pick(V.EEOC_VETERAN),
                disability_status=pick(V.EEOC_DISABILITY),
                created_at=stamp,
                updated_at=stamp,
            )
        for _ in range(int(r() * 2.2)):
            when = between(created, max(created, person.latest))
            self.paper.activity(
                person,
                when,
                pick(company.staff),
                ActivityType.NOTE,
                None,
                pick(V.NOTES),
                pick(_NOTE_VISIBILITY),
            )
        if r() < 0.12:
            recruiter = company.email[pick(company.recruiters)]
            when = between(created, max(created, person.latest))
            body = f"Hi, I wanted to follow up on my application. Best, {first}"
            self.paper.activity(
                person,
                when,
                None,
                ActivityType.EMAIL,
                "Following up",
                body,
                Visibility.PUBLIC,
                (address,),
                (recruiter,),
            )
        if r() < 0.03:
            self.paper.activity(
                person,
                between(created, max(created, person.latest)),
                pick(company.staff),
                ActivityType.OTHER,
                "Duplicate profile merged",
                "Merged a duplicate profile created from a job board import.",
                Visibility.ADMIN_ONLY,
                raw="profile_merged",
            )
        if r() < 0.04:
            self.paper.attachment(
                person,
                None,
                f"{first}_{last}_Portfolio.pdf",
                AttachmentType.OTHER,
                person.latest,
                "portfolio",
            )

        tags = company.candidate_tags
        y = r()
        tag_ids = sorted({pick(tags) for _ in range((y < 0.45) + (y < 0.15) + (y < 0.05))})
        if index == 0 and not tag_ids:
            tag_ids = [tags[0]]
        phones = []
        if r() < 0.88:
            phones.append(self.phone(number=self._number(), type="mobile"))
        if r() < 0.12:
            extension = str(between(100, 999)) if r() < 0.5 else None
            phones.append(self.phone(number=self._number(), type="work", extension=extension))
        slug = f"{first}{last}".lower()
        urls = []
        if r() < 0.65:
            urls.append(
                self.url(
                    url=f"https://www.linkedin.com/in/{first}-{last}-{index + 1}".lower(), type="linkedin"
                )
            )
        if r() < 0.2:
            urls.append(self.url(url=f"https://github.com/{slug}{index % 1000}", type="github"))
        if r() < 0.08:
            urls.append(self.url(url=f"https://{slug}.example.com", type="website"))
        t.add(
            R.CANDIDATE,
            id=cid,
            first_name=first,
            last_name=last,
            name=f"{first} {last}",
            company=employer,
            title=pick(V.CANDIDATE_TITLES) if r() < 0.92 else None,
            last_interaction_at=at(person.interaction),
            is_private=r() < 0.04,
            can_email=r() < 0.93,
            locations=(pick(V.CITIES),) if r() < 0.95 else (),
            phones=tuple(phones),
            emails=tuple(emails),
            urls=tuple(urls),
            tag_ids=tuple(tag_ids),
            application_ids=tuple(person.application_ids),
            attachment_ids=tuple(person.attachment_ids),
            created_at=at(created),
            updated_at=at(max(person.latest, person.interaction)),
        )

    def _number(self) -> str:
        return f"+1 {self.t.pick(V.AREA_CODES)}-555-01{self.t.between(0, 99):02d}"

    def _job_for(self, applied: int, person: Person) -> JobPlan | None:
        open_that_day = self.company.openings.get(applied // DAY)
        for _ in range(4):
            job = self.t.pick(open_that_day) if open_that_day else self.company.evergreen
            if isinstance(job, JobPlan) and job.id not in person.jobs:
                return job
        return None
