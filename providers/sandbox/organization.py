"""The company side of the sandbox: organization, departments, offices, users, tags, reject
reasons, and jobs with their interview stages and application forms.

Besides the records it returns a :class:`Company`, the plan the candidate generator follows
(which jobs take applications on which day, who recruits for them, their stages).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Final

from ..records import (
    Compensation,
    EmailAddress,
    JobStatus,
    JobType,
    Resource,
    Team,
    Url,
)
from . import vocabulary as V
from .builder import DAY, HOUR, Tables, at, constructor
from .forms import FormBuilder

R = Resource

# Job statuses cycle through this pattern (shuffled per seed): the first five cover every status.
_STATUS_PATTERN: Final = (
    JobStatus.OPEN,
    JobStatus.CLOSED,
    JobStatus.DRAFT,
    JobStatus.ARCHIVED,
    JobStatus.PENDING,
    JobStatus.OPEN,
    JobStatus.OPEN,
    JobStatus.CLOSED,
    JobStatus.OPEN,
    JobStatus.CLOSED,
)
_ACCEPTING: Final = frozenset({JobStatus.OPEN, JobStatus.CLOSED, JobStatus.ARCHIVED})
_JOB_TYPES: Final = (
    (JobType.FULL_TIME, 80),
    (JobType.CONTRACT, 7),
    (JobType.PART_TIME, 5),
    (JobType.INTERNSHIP, 5),
    (JobType.TEMPORARY, 3),
)
_LEVEL_WEIGHTS: Final = (15, 35, 30, 10, 10)
_PERIODS: Final = {
    JobType.FULL_TIME: "year",
    JobType.CONTRACT: "hour",
    JobType.PART_TIME: "hour",
    JobType.TEMPORARY: "hour",
    JobType.INTERNSHIP: "month",
}


@dataclass(frozen=True, slots=True)
class JobPlan:
    """What the candidate generator needs to know about a job that takes applications."""

    id: str
    name: str
    is_open: bool
    opened: int
    end: int
    """When it stopped taking applications (0, the reference, while open)."""
    stage_ids: tuple[str, ...]
    stage_kinds: tuple[str, ...]
    recruiter: str
    manager: str
    onsite_location: str


@dataclass
class Company:
    """The plan the candidate generator follows."""

    recruiters: list[str] = field(default_factory=list)
    managers: list[str] = field(default_factory=list)
    interviewers: list[str] = field(default_factory=list)
    staff: list[str] = field(default_factory=list)
    """Every enabled user."""
    email: dict[str, str] = field(default_factory=dict)
    """Each user's primary e-mail address."""
    candidate_tags: list[str] = field(default_factory=list)
    reject_reasons: list[str] = field(default_factory=list)
    jobs: list[JobPlan] = field(default_factory=list)
    openings: dict[int, list[JobPlan]] = field(default_factory=dict)
    """Day number (``t // DAY``) -> the jobs open all that day, repeated by popularity."""
    evergreen: JobPlan | None = None


def scaled(size: int, at_default: int, floor: int, ceiling: int | None = None) -> int:
    """A count that grows with the square root of the candidate count (org structure grows slower)."""
    n = max(floor, round(at_default * math.sqrt(size / 2000)))
    return n if ceiling is None else min(n, ceiling)


def _weighted(tables: Tables, choices: tuple[tuple[object, int], ...] | list[tuple[object, int]]) -> object:
    total = sum(w for _, w in choices)
    x = tables.rng.random() * total
    for value, weight in choices:
        x -= weight
        if x < 0:
            return value
    return choices[-1][0]


def _sorted_times(tables: Tables, count: int, low: int, high: int) -> list[int]:
    return sorted(tables.between(low, high) for _ in range(count))


def build_company(tables: Tables, size: int) -> Company:
    company = Company()
    founded = -800 * DAY + 9 * HOUR
    tables.add(
        R.ORGANIZATION,
        id=tables.next_id(R.ORGANIZATION),
        name=V.ORGANIZATION_NAME,
        created_at=at(founded),
        updated_at=at(-30 * DAY),
    )
    departments = _departments(tables, scaled(size, 12, 4, len(V.DEPARTMENTS)))
    offices = _offices(tables, scaled(size, 8, 3, len(V.OFFICES)))
    _users(tables, company, scaled(size, 60, 12))
    job_tags = _tags(tables, company, scaled(size, 17, 5, len(V.CANDIDATE_TAGS)), scaled(size, 8, 3, 10))
    for name, t in zip(
        V.REJECT_REASONS, _sorted_times(tables, len(V.REJECT_REASONS), -790 * DAY, -780 * DAY), strict=True
    ):
        company.reject_reasons.append(rid := tables.next_id(R.REJECT_REASON))
        tables.add(R.REJECT_REASON, id=rid, name=name, created_at=at(t), updated_at=at(t))
    _JobBuilder(tables, company, departments, offices, job_tags).build(scaled(size, 40, 6))
    return company


def _departments(tables: Tables, count: int) -> list[tuple[str, str, str]]:
    """Build the departments; returns (id, name, family) of the active ones."""
    ids: list[str] = []
    active: list[tuple[str, str, str]] = []
    for i, t in enumerate(_sorted_times(tables, count, -795 * DAY, -600 * DAY)):
        name, parent, family = V.DEPARTMENTS[i]
        ids.append(did := tables.next_id(R.DEPARTMENT))
        status = "archived" if i % 7 == 6 else "active"
        if status == "active":
            active.append((did, name, family))
        tables.add(
            R.DEPARTMENT,
            id=did,
            name=name,
            parent_id=None if parent is None else ids[parent],
            status=status,
            created_at=at(t),
            updated_at=at(tables.between(t, -30 * DAY)),
        )
    return active


def _offices(tables: Tables, count: int) -> list[tuple[str, str, str, bool]]:
    """Build the offices; returns (id, name, location, is_remote) of those jobs can be in (leaves)."""
    ids: list[str] = []
    parents = {p for _, p, _, _ in V.OFFICES[:count] if p is not None}
    leaves: list[tuple[str, str, str, bool]] = []
    for i, t in enumerate(_sorted_times(tables, count, -795 * DAY, -500 * DAY)):
        name, parent, location, remote = V.OFFICES[i]
        ids.append(oid := tables.next_id(R.OFFICE))
        if i not in parents:
            leaves.append((oid, name, location, remote))
        tables.add(
            R.OFFICE,
            id=oid,
            name=name,
            parent_id=None if parent is None else ids[parent],
            location=location,
            is_remote=remote,
            created_at=at(t),
            updated_at=at(tables.between(t, -60 * DAY)),
        )
    return leaves


def _users(tables: Tables, company: Company, count: int) -> None:
    email = constructor(EmailAddress)
    used: set[str] = set()
    times = [-799 * DAY + 10 * HOUR, *_sorted_times(tables, count - 1, -790 * DAY, -40 * DAY)]
    for i, t in enumerate(times):
        uid = tables.next_id(R.USER)
        first, last = tables.pick(V.FIRST_NAMES), tables.pick(V.LAST_NAMES)
        local = f"{first}.{last}".lower()
        address = f"{local}@{V.WORK_DOMAIN}"
        n = 2
        while address in used:
            address, n = f"{local}{n}@{V.WORK_DOMAIN}", n + 1
        used.add(address)
        emails = [email(email=address, type="work", is_primary=True)]
        if tables.rng.random() < 0.25:
            personal = f"{first[0]}{last}{i}@{tables.pick(V.PERSONAL_DOMAINS)}".lower()
            emails.append(email(email=personal, type="personal", is_primary=False))
        role = "admin" if i == 0 else V.ACCESS_ROLES[(i - 1) % len(V.ACCESS_ROLES)]
        disabled = i % 11 == 10
        updated = tables.between(t, -5 * DAY)
        tables.add(
            R.USER,
            id=uid,
            first_name=first,
            last_name=last,
            name=f"{first} {last}",
            emails=tuple(emails),
            disabled=disabled,
            access_role=role,
            created_at=at(t),
            updated_at=at(updated),
        )
        company.email[uid] = address
        if disabled:
            continue
        company.staff.append(uid)
        if role == "recruiter":
            company.recruiters.append(uid)
        elif role in ("hiring_manager", "admin"):
            company.managers.append(uid)
        if role in ("interviewer", "hiring_manager"):
            company.interviewers.append(uid)


def _tags(tables: Tables, company: Company, for_candidates: int, for_jobs: int) -> list[str]:
    """Build the tags; candidate tag ids go to ``company``, the job tag ids are returned."""
    names = [*V.CANDIDATE_TAGS[:for_candidates], *V.JOB_TAGS[:for_jobs]]
    job_tags: list[str] = []
    for i, t in enumerate(_sorted_times(tables, len(names), -790 * DAY, -700 * DAY)):
        tid = tables.next_id(R.TAG)
        (company.candidate_tags if i < for_candidates else job_tags).append(tid)
        tables.add(R.TAG, id=tid, name=names[i], created_at=at(t), updated_at=at(t))
    return job_tags


@dataclass(slots=True)
class _JobSpec:
    status: JobStatus
    created: int
    updated: int
    opened: int | None = None
    closed: int | None = None
    evergreen: bool = False


class _JobBuilder:
    def __init__(
        self,
        tables: Tables,
        company: Company,
        departments: list[tuple[str, str, str]],
        offices: list[tuple[str, str, str, bool]],
        job_tags: list[str],
    ) -> None:
        self.t = tables
        self.company = company
        self.departments = departments
        self.offices = offices
        self.job_tags = job_tags
        self.all_managers = [
            r.id
            for r in tables.rows[R.USER]
            if getattr(r, "access_role", None) in ("hiring_manager", "admin")
        ]
        self.url = constructor(Url)
        self.forms = FormBuilder(tables)
        team = constructor(Team)
        self.teams = {
            family: tuple(team(id=f"team_{family}_{i + 1}", name=n) for i, n in enumerate(names))
            for family, names in V.TEAMS.items()
        }
        self.compensation = constructor(Compensation)

    def build(self, count: int) -> None:
        rng, between = self.t.rng, self.t.between
        statuses = [_STATUS_PATTERN[i % len(_STATUS_PATTERN)] for i in range(count)]
        rng.shuffle(statuses)
        specs: list[_JobSpec] = []
        for status in statuses:
            if status is JobStatus.OPEN:
                opened = between(-740 * DAY, -20 * DAY)
                created = opened - between(DAY, 14 * DAY)
                spec = _JobSpec(status, created, between(max(created, -60 * DAY), -HOUR), opened)
            elif status in (JobStatus.CLOSED, JobStatus.ARCHIVED):
                opened = between(-740 * DAY, -150 * DAY)
                closed = min(opened + between(60 * DAY, 300 * DAY), -30 * DAY)
                later = between(0, 20 * DAY) + (30 * DAY if status is JobStatus.ARCHIVED else 0)
                updated = min(closed + later, -HOUR)
                spec = _JobSpec(status, opened - between(DAY, 14 * DAY), updated, opened, closed)
            else:
                created = between(-60 * DAY, -2 * DAY)
                spec = _JobSpec(status, created, between(created, -HOUR))
            specs.append(spec)
        # One long-running open job takes applications from the first day on.
        evergreen = specs[statuses.index(JobStatus.OPEN)]
        evergreen.opened = -750 * DAY + between(8 * HOUR, 18 * HOUR)
        evergreen.created, evergreen.evergreen = evergreen.opened - 5 * DAY, True
        specs.sort(key=lambda s: s.created)
        for spec in specs:
            self._job(spec)

    def _job(self, spec: _JobSpec) -> None:
        t, rng, company = self.t, self.t.rng, self.company
        jid = t.next_id(R.JOB)
        number = len(t.rows[R.JOB]) + 1
        dept_id, dept_name, family = t.pick(self.departments)
        department_ids = (dept_id,)
        if rng.random() < 0.15:
            other = t.pick(self.departments)[0]
            department_ids = (dept_id,) if other == dept_id else tuple(sorted((dept_id, other)))
        offices = [t.pick(self.offices)]
        if rng.random() < 0.2 and (second := t.pick(self.offices)) != offices[0]:
            offices.append(second)
        offices.sort()
        job_type = _weighted(t, _JOB_TYPES)
        assert isinstance(job_type, JobType)
        level_index = _weighted(t, list(zip(range(len(V.LEVELS)), _LEVEL_WEIGHTS, strict=True)))
        assert isinstance(level_index, int)
        level, prefix, salary_floor = V.LEVELS[level_index]
        title = t.pick(V.JOB_TITLES[family])
        if job_type is JobType.INTERNSHIP:
            name, level = f"{title} Intern", "Intern"
        else:
            name = f"{prefix} {title}".strip()
        locations = tuple(dict.fromkeys(o[2] for o in offices))
        status = spec.status
        confidential = rng.random() < 0.06 and not spec.evergreen
        postings: list[Url] = []
        if status in _ACCEPTING and not confidential:
            postings.append(self.url(url=f"{V.JOB_BOARD_URL}/{jid}", type="job_board"))
            if rng.random() < 0.5:
                slug = name.lower().replace(" ", "-")
                postings.append(self.url(url=f"{V.CAREERS_URL}/{slug}-{number}", type="careers_page"))
        managers = sorted({t.pick(self._managers(status)) for _ in range(1 + (rng.random() < 0.15))})
        recruiters = sorted({t.pick(company.recruiters) for _ in range(1 + (rng.random() < 0.1))})
        tag_ids = sorted({t.pick(self.job_tags) for _ in range(int(rng.random() * 2.6))})
        if spec.evergreen:
            tag_ids = [self.job_tags[0]]  # "Evergreen"
        t.add(
            R.JOB,
            id=jid,
            name=name,
            description=(
                f"{V.ORGANIZATION_NAME} is hiring a {name} for its {dept_name} team "
                f"({' / '.join(locations)}). You will work with a small, senior team and own "
                "meaningful problems from day one."
            ),
            code=f"{V.FAMILY_CODES[family]}-{number:03d}",
            requisition_id=f"REQ-{at(spec.created).year}-{number:04d}",
            status=status,
            locations=locations,
            job_posting_urls=tuple(postings),
            confidential=confidential,
            department_ids=department_ids,
            teams=(t.pick(self.teams[family]),),
            office_ids=tuple(o[0] for o in offices),
            hiring_manager_ids=tuple(managers),
            recruiter_ids=tuple(recruiters),
            tag_ids=tuple(tag_ids),
            is_remote=any(o[3] for o in offices),
            job_type=job_type,
            job_position_level=level,
            compensation=self._compensation(job_type, salary_floor, offices[0][1]),
            created_at=at(spec.created),
            updated_at=at(spec.updated),
            opened_at=None if spec.opened is None else at(spec.opened),
            closed_at=None if spec.closed is None else at(spec.closed),
        )
        stage_ids, kinds = self._stages(jid, spec.created)
        self.forms.build(jid, family, offices[0][2], everything=spec.evergreen)
        if status not in _ACCEPTING:
            return
        assert spec.opened is not None
        enabled_recruiters = [u for u in recruiters if u in company.recruiters]
        enabled_managers = [u for u in managers if u in company.managers]
        onsite = next((o[1] for o in offices if not o[3]), "Zoom")
        plan = JobPlan(
            id=jid,
            name=name,
            is_open=status is JobStatus.OPEN,
            opened=spec.opened,
            end=0 if spec.closed is None else spec.closed,
            stage_ids=stage_ids,
            stage_kinds=kinds,
            recruiter=enabled_recruiters[0] if enabled_recruiters else company.recruiters[0],
            manager=enabled_managers[0] if enabled_managers else company.managers[0],
            onsite_location=onsite,
        )
        company.jobs.append(plan)
        if spec.evergreen:
            company.evergreen = plan
        popularity = 2 if spec.evergreen else 1 + int(rng.random() * 3)
        for day in range(-(-plan.opened // DAY), plan.end // DAY):
            company.openings.setdefault(day, []).extend([plan] * popularity)

    def _managers(self, status: JobStatus) -> list[str]:
        live = status in (JobStatus.OPEN, JobStatus.DRAFT, JobStatus.PENDING)
        return self.company.managers if live else self.all_managers

    def _compensation(self, job_type: JobType, salary_floor: int, office: str) -> Compensation:
        between = self.t.between
        period = _PERIODS.get(job_type, "year")
        if period == "year":
            low = (salary_floor + between(0, 4) * 5) * 1000
            high = round(low * 1.25 / 5000) * 5000
        elif period == "hour":
            low = between(30, 90)
            high = low + between(2, 8) * 5
        else:
            low = between(8, 14) * 500
            high = low + 1000
        return self.compensation(
            min=Decimal(low), max=Decimal(high), currency=V.CURRENCIES.get(office, "USD"), period=period
        )

    def _stages(self, job_id: str, created: int) -> tuple[tuple[str, ...], tuple[str, ...]]:
        middle = sorted(self.t.rng.sample(range(1, len(V.STAGES) - 1), 3 + int(self.t.rng.random() * 4)))
        chosen = [V.STAGES[0], *(V.STAGES[i] for i in middle), V.STAGES[-1]]
        ids: list[str] = []
        for position, (name, _) in enumerate(chosen):
            ids.append(sid := self.t.next_id(R.JOB_INTERVIEW_STAGE))
            self.t.add(
                R.JOB_INTERVIEW_STAGE,
                id=sid,
                name=name,
                status="active",
                job_id=job_id,
                position=position,
                created_at=at(created),
                updated_at=at(created),
            )
        return tuple(ids), tuple(kind for _, kind in chosen)
