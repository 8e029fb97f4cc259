"""Applications and their pipelines: interviews, scorecards, offers, rejections.

An application moves through its job's stages in time order: each stage after the first
is one interview (an onsite is two or three back to back, now and then one is cancelled and
rescheduled), every interviewer submits a scorecard, then the next stage starts; the last
stage is the offer. Whatever would happen after the reference time has not happened yet:
interviews are ``scheduled``, feedback is awaited, offers are unsent, applications active.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Final

from ..records import (
    AttachmentType,
    FormValue,
    InterviewStatus,
    OfferStatus,
    OverallRecommendation,
    Resource,
    Source,
)
from . import vocabulary as V
from .builder import DAY, HOUR, MINUTE, Tables, at, constructor
from .organization import Company, JobPlan
from .story import App, Paperwork, Person

R = Resource
REC = OverallRecommendation

# Recommendations of interviewers who let the candidate through, or not, with their weights.
_PASS: Final = ((REC.STRONG_YES, 30), (REC.YES, 55), (REC.NO_DECISION, 10), (REC.NO, 5))
_FAIL: Final = ((REC.DEFINITELY_NO, 25), (REC.NO, 55), (REC.NO_DECISION, 10), (REC.YES, 10))
# Ratings (index into V.RATINGS) that go with each recommendation.
_RATINGS: Final = {
    REC.STRONG_YES: (3, 3, 2),
    REC.YES: (2, 3, 2, 1),
    REC.NO_DECISION: (1, 2),
    REC.NO: (1, 0, 2),
    REC.DEFINITELY_NO: (0, 0, 1),
}


def _spread(choices: tuple[tuple[REC, int], ...]) -> tuple[REC, ...]:
    return tuple(value for value, weight in choices for _ in range(weight))


@dataclass(frozen=True, slots=True)
class _Outcome:
    made: bool = False
    """An offer exists (accepted, declined or still out)."""
    declined: int | None = None


_NO_OFFER: Final = _Outcome()


class ApplicationBuilder:
    """Plays out applications, one at a time, writing every record they produce."""

    def __init__(self, tables: Tables, company: Company, paperwork: Paperwork) -> None:
        self.t = tables
        self.company = company
        self.paper = paperwork
        source = constructor(Source)
        self.sources = tuple(
            source(id=f"src_{i + 1:02d}", name=name)
            for i, (name, weight) in enumerate(V.SOURCES)
            for _ in range(weight)
        )
        self.referral = next(s for s in self.sources if s.name == V.REFERRAL_SOURCE)
        form_value = constructor(FormValue)
        self.form_values = {
            (q, r): form_value(question=q, answer=V.RATINGS[r])
            for questions in V.SCORECARD_QUESTIONS.values()
            for q in questions
            for r in range(len(V.RATINGS))
        }
        self.passing, self.failing = _spread(_PASS), _spread(_FAIL)
        special = {V.DECLINED_OFFER, V.POSITION_FILLED, V.JOB_CLOSED}
        self.reasons = [r for i, r in enumerate(company.reject_reasons) if i not in special]

    def apply(self, person: Person, job: JobPlan, applied: int, forced: bool, first_one: bool) -> None:
        """``person`` applies to ``job`` at ``applied``; a ``forced`` application goes all the way
        to an offer (so that even a one-candidate dataset has offers and scorecards)."""
        t, company = self.t, self.company
        r, between = t.rng.random, t.between
        app = App(t.next_id(R.APPLICATION), job, person, applied)
        person.jobs.add(job.id)
        person.interaction = max(person.interaction, applied)
        person.application_ids.append(app.id)
        first, last = person.first, person.last
        if (first_one and (r() < 0.92 or forced)) or (not first_one and r() < 0.25):
            suffix = "" if first_one else f"_{at(applied).year}"
            self.paper.attachment(
                person, app, f"{first}_{last}_Resume{suffix}.pdf", AttachmentType.RESUME, applied
            )
        if r() < 0.3:
            self.paper.attachment(
                person, app, f"{first}_{last}_Cover_Letter.pdf", AttachmentType.COVER_LETTER, applied
            )
        if r() < 0.85 or forced:
            body = f"Hi {first}, thanks for applying to the {job.name} role. We will be in touch soon."
            self.paper.email(
                app, applied + between(MINUTE, 10 * MINUTE), f"Thanks for applying to {job.name}", body
            )

        kinds, last_stage = job.stage_kinds, len(job.stage_kinds) - 1
        target = last_stage if forced else self._target(last_stage)
        limit = 14 * DAY if job.is_open else min(job.end + 30 * DAY, -2 * DAY)
        now = applied + between(12 * HOUR, 4 * DAY)  # the application review
        stopped, current, offer = now > 0, 0, _NO_OFFER
        for stage in range(1, target + 1) if not stopped else ():
            if kinds[stage] == "offer":
                offered = now + between(HOUR, 3 * DAY)
                if offered > -HOUR:
                    stopped = True
                    break
                current = stage
                offer = self._offers(app, offered)
                break
            start = self._slot(now + between(DAY, 6 * DAY))
            if start > limit:
                stopped = True
                break
            current = stage
            now, completed = self._interviews(app, kinds[stage], start, now, limit, stage < target)
            if not completed:
                stopped = True
                break

        rejected_at, reason = None, None
        if offer.declined is not None:
            rejected_at, reason = offer.declined, company.reject_reasons[V.DECLINED_OFFER]
        elif offer.made:
            pass  # hired, or the offer is still out
        elif not job.is_open:
            rejected_at = min(now + between(HOUR, 5 * DAY), -HOUR)
            special = V.JOB_CLOSED if r() < 0.5 else V.POSITION_FILLED
            wound_up = stopped or r() < 0.3  # still in process when the job closed
            reason = company.reject_reasons[special] if wound_up else t.pick(self.reasons)
        elif not stopped and r() < 0.85 and (when := now + between(HOUR, 5 * DAY)) <= -HOUR:
            rejected_at, reason = when, t.pick(self.reasons)
        if rejected_at is not None:
            self.paper.touch(app, rejected_at)
            if offer.declined is None and r() < 0.6:
                body = f"Hi {first}, thank you for your time. We have decided not to move forward with your application."
                self.paper.email(
                    app, rejected_at + between(0, 50 * MINUTE), f"Your application for {job.name}", body
                )

        source = self.sources[int(r() * len(self.sources))]
        applied_at = at(applied)
        t.add(
            R.APPLICATION,
            id=app.id,
            candidate_id=person.id,
            job_id=job.id,
            applied_at=applied_at,
            rejected_at=None if rejected_at is None else at(rejected_at),
            source=source,
            credited_to_id=t.pick(company.staff) if source is self.referral else job.recruiter,
            current_stage_id=job.stage_ids[current],
            reject_reason_id=reason,
            attachment_ids=tuple(app.attachment_ids),
            created_at=applied_at,
            updated_at=at(app.latest),
        )

    def _target(self, last_stage: int) -> int:
        """How far an application is meant to get (time may cut it short)."""
        r = self.t.rng.random
        stage = 0
        while stage < last_stage and r() < (0.5 if stage == 0 else 0.62):
            stage += 1
        return stage

    def _slot(self, t: int) -> int:
        """A whole hour between 14:00 and 21:00 UTC on the first day starting at or after ``t``."""
        return -(-t // DAY) * DAY + self.t.between(14, 21) * HOUR

    # -- interviews and scorecards ----------------------------------------------------------
    def _interviews(
        self, app: App, kind: str, start: int, prev: int, limit: int, passing: bool
    ) -> tuple[int, bool]:
        """One stage's interviews; returns when the stage's feedback was complete and whether it was."""
        t = self.t
        r, between = t.rng.random, t.between
        if start <= -DAY and r() < 0.04:
            self._interview(app, kind, start, prev, InterviewStatus.CANCELLED, passing)
            start = self._slot(start + between(DAY, 4 * DAY))
            if start > limit:
                return prev, False
        sessions = 2 + (r() < 0.5) if kind == "onsite" else 1
        minutes = V.INTERVIEW_MINUTES[kind] * MINUTE
        done, completed = prev, True
        for session in range(sessions):
            begin = start + session * (minutes + 15 * MINUTE)
            finished, ok = self._interview(app, kind, begin, prev, None, passing)
            done, completed = max(done, finished), completed and ok
        return done, completed

    def _interview(
        self, app: App, kind: str, start: int, prev: int, status: InterviewStatus | None, passing: bool
    ) -> tuple[int, bool]:
        t, company, job, person = self.t, self.company, app.job, app.person
        r, between, pick = t.rng.random, t.between, t.pick
        end = start + V.INTERVIEW_MINUTES[kind] * MINUTE
        if kind in ("phone", "reference"):
            interviewers: list[str] = [job.recruiter]
        elif kind == "manager":
            interviewers = [job.manager]
            if r() < 0.3 and (other := pick(company.interviewers)) != job.manager:
                interviewers.append(other)
        else:
            count = 2 + (r() < 0.4) if kind == "team" else 1 + (r() < 0.5)
            interviewers = t.rng.sample(company.interviewers, min(count, len(company.interviewers)))
        created = min(max(prev, start - between(DAY, 5 * DAY)), 0)
        submitted: list[int] = []
        if status is InterviewStatus.CANCELLED:
            updated = between(created, start)
        elif end > 0:
            status, updated = InterviewStatus.SCHEDULED, created
        else:
            submitted = [end + between(20 * MINUTE, 40 * HOUR) for _ in interviewers]
            complete = max(submitted) <= 0
            status = InterviewStatus.COMPLETED if complete else InterviewStatus.AWAITING_FEEDBACK
            updated = max(s for s in (end, *submitted) if s <= 0)
        if kind == "phone":
            location = "Phone"
        elif kind == "onsite":
            location = job.onsite_location
        else:
            location = pick(V.VIDEO_LOCATIONS)
        iid = t.next_id(R.INTERVIEW)
        t.add(
            R.INTERVIEW,
            id=iid,
            application_id=app.id,
            candidate_id=person.id,
            job_interview_stage_id=job.stage_ids[job.stage_kinds.index(kind)],
            organizer_id=job.recruiter if r() < 0.8 else pick(company.recruiters),
            interviewer_ids=tuple(interviewers),
            location=location,
            start_at=at(start),
            end_at=at(end),
            status=status,
            created_at=at(created),
            updated_at=at(updated),
        )
        self.paper.touch(app, updated)
        if start <= 0 and status is not InterviewStatus.CANCELLED:
            person.interaction = max(person.interaction, start)
        questions = V.SCORECARD_QUESTIONS[kind]
        for interviewer, when in zip(interviewers, submitted, strict=False):
            if when > 0:
                continue
            verdicts = self.passing if passing else self.failing
            verdict = verdicts[int(r() * len(verdicts))]
            ratings = _RATINGS[verdict]
            stamp = at(when)
            t.add(
                R.SCORECARD,
                id=t.next_id(R.SCORECARD),
                application_id=app.id,
                candidate_id=person.id,
                interview_id=iid,
                interviewer_id=interviewer,
                submitted_at=stamp,
                overall_recommendation=verdict,
                form_values=tuple(self.form_values[q, pick(ratings)] for q in questions),
                created_at=stamp,
                updated_at=stamp,
            )
        return max((end, *submitted)), status is InterviewStatus.COMPLETED

    # -- offers -------------------------------------------------------------------------------
    def _offers(self, app: App, created: int) -> _Outcome:
        """The offer(s) of an application at the offer stage."""
        t = self.t
        r, between = t.rng.random, t.between
        start_date = at(created + between(30 * DAY, 60 * DAY)).date()
        if r() < 0.1 and created + 3 * DAY <= -HOUR:  # a first version, revised before sending
            withdrawn = created + between(12 * HOUR, 2 * DAY)
            self._offer(app, created, withdrawn, OfferStatus.DEPRECATED, None, withdrawn, start_date)
            created = withdrawn + between(HOUR, 12 * HOUR)
        approval = created + between(4 * HOUR, 2 * DAY)
        sent = approval + between(2 * HOUR, 2 * DAY)
        if sent > 0:
            status = (
                OfferStatus.APPROVED
                if approval <= 0
                else t.pick((OfferStatus.DRAFT, OfferStatus.APPROVAL_SENT))
            )
            self._offer(
                app, created, max(s for s in (created, approval) if s <= 0), status, None, None, start_date
            )
            return _Outcome(made=True)
        decided = sent + between(DAY, 7 * DAY)
        first, last = app.person.first, app.person.last
        self.paper.attachment(
            app.person, app, f"Offer_Letter_{first}_{last}.pdf", AttachmentType.OFFER_LETTER, sent
        )
        body = f"Hi {first}, we are delighted to offer you the {app.job.name} position. The offer letter is attached."
        self.paper.email(app, sent, f"Your offer from {V.ORGANIZATION_NAME}", body, cc_manager=True)
        if decided > 0:
            status = OfferStatus.OPENED if r() < 0.6 else OfferStatus.SENT
            self._offer(app, created, sent, status, sent, None, start_date)
            return _Outcome(made=True)
        accepted = r() < 0.78
        status = OfferStatus.ACCEPTED if accepted else OfferStatus.DECLINED
        self._offer(app, created, decided, status, sent, decided, start_date)
        return _Outcome(made=True, declined=None if accepted else decided)

    def _offer(
        self,
        app: App,
        created: int,
        updated: int,
        status: OfferStatus,
        sent: int | None,
        closed: int | None,
        start_date: date,
    ) -> None:
        self.t.add(
            R.OFFER,
            id=self.t.next_id(R.OFFER),
            application_id=app.id,
            candidate_id=app.person.id,
            job_id=app.job.id,
            creator_id=app.job.recruiter,
            closed_at=None if closed is None else at(closed),
            sent_at=None if sent is None else at(sent),
            start_date=start_date,
            status=status,
            created_at=at(created),
            updated_at=at(updated),
        )
        self.paper.touch(app, updated)
