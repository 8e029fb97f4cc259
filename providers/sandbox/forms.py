"""Job application forms: the questions a job asks, as ``JobFormField`` records.

Every form has the standard fields (name, e-mail, resume...), a few custom questions and,
for some jobs, grouped questions (education; voluntary self-identification, whose answers are
private). ``index`` is the position in the form, or in the group for grouped questions.
"""

from __future__ import annotations

from typing import Final

from ..records import FormFieldOption, FormFieldType, Resource
from . import vocabulary as V
from .builder import Tables, constructor

R = Resource

# Application form: (name, label, type, raw type, required, options, description).
FormField = tuple[str, str, FormFieldType, str | None, bool, tuple[str, ...], str | None]

STANDARD_FIELDS: Final[tuple[FormField, ...]] = (
    ("first_name", "First Name", FormFieldType.SHORT_TEXT, None, True, (), None),
    ("last_name", "Last Name", FormFieldType.SHORT_TEXT, None, True, (), None),
    ("email", "Email", FormFieldType.EMAIL, None, True, (), None),
    ("phone", "Phone", FormFieldType.PHONE, None, False, (), None),
    ("resume", "Resume/CV", FormFieldType.FILE, None, True, (), "PDF, DOC or DOCX, up to 10 MB."),
    ("cover_letter", "Cover Letter", FormFieldType.FILE, None, False, (), None),
    ("linkedin", "LinkedIn Profile", FormFieldType.URL, None, False, (), None),
    ("website", "Website", FormFieldType.URL, None, False, (), None),
)
CUSTOM_QUESTIONS: Final[tuple[FormField, ...]] = (
    (
        "how_did_you_hear",
        "How did you hear about us?",
        FormFieldType.SINGLE_SELECT,
        None,
        False,
        ("LinkedIn", "Referral", "Company website", "Job board", "Event", "Other"),
        None,
    ),
    (
        "work_authorization",
        "Are you legally authorized to work in the country where this job is located?",
        FormFieldType.BOOLEAN,
        None,
        True,
        (),
        None,
    ),
    (
        "requires_sponsorship",
        "Will you now or in the future require visa sponsorship?",
        FormFieldType.BOOLEAN,
        None,
        True,
        (),
        None,
    ),
    ("years_of_experience", "Years of relevant experience", FormFieldType.NUMBER, None, False, (), None),
    ("earliest_start_date", "Earliest start date", FormFieldType.DATE, None, False, (), None),
    (
        "why_northwind",
        "Why do you want to join Northwind Labs?",
        FormFieldType.LONG_TEXT,
        None,
        False,
        (),
        "A few sentences are plenty.",
    ),
    (
        "salary_expectations",
        "What are your salary expectations?",
        FormFieldType.SHORT_TEXT,
        None,
        False,
        (),
        "Please include the currency.",
    ),
    (
        "programming_languages",
        "Which programming languages do you use regularly?",
        FormFieldType.MULTI_SELECT,
        None,
        False,
        ("Python", "Go", "TypeScript", "Java", "Rust", "Kotlin", "Swift"),
        None,
    ),
    (
        "work_arrangement",
        "Preferred work arrangement",
        FormFieldType.SINGLE_SELECT,
        None,
        True,
        ("On-site", "Hybrid", "Remote"),
        None,
    ),
    (
        "preferred_location",
        "Preferred location",
        FormFieldType.OTHER,
        "location_autocomplete",
        False,
        (),
        "Start typing a city.",
    ),
)
ENGINEERING_ONLY: Final = frozenset({"programming_languages"})

# Grouped questions: (group key, group name, answer visibility, description, fields).
FORM_GROUPS: Final[tuple[tuple[str, str, str, str | None, tuple[FormField, ...]], ...]] = (
    (
        "education",
        "Education",
        "public",
        None,
        (
            ("school", "School", FormFieldType.SHORT_TEXT, None, False, (), None),
            (
                "degree",
                "Degree",
                FormFieldType.SINGLE_SELECT,
                None,
                False,
                ("High school", "Associate's", "Bachelor's", "Master's", "Doctorate", "Other"),
                None,
            ),
            ("discipline", "Discipline", FormFieldType.SHORT_TEXT, None, False, (), None),
        ),
    ),
    (
        "eeo",
        "Voluntary Self-Identification",
        "private",
        "Answering is voluntary; answers are never shown to the hiring team.",
        (
            ("gender", "Gender", FormFieldType.SINGLE_SELECT, None, False, V.EEOC_GENDERS, None),
            ("race", "Race/Ethnicity", FormFieldType.SINGLE_SELECT, None, False, V.EEOC_RACES, None),
            (
                "veteran_status",
                "Veteran Status",
                FormFieldType.SINGLE_SELECT,
                None,
                False,
                V.EEOC_VETERAN,
                None,
            ),
            (
                "disability_status",
                "Disability Status",
                FormFieldType.SINGLE_SELECT,
                None,
                False,
                V.EEOC_DISABILITY,
                None,
            ),
        ),
    ),
)


class FormBuilder:
    def __init__(self, tables: Tables) -> None:
        self.t = tables
        option = constructor(FormFieldOption)
        self.options = {
            f[0]: tuple(option(label=o, value=o.lower().replace(" ", "_")) for o in f[5])
            for f in (*CUSTOM_QUESTIONS, *(q for g in FORM_GROUPS for q in g[4]))
        }

    def build(self, job_id: str, family: str, location: str, everything: bool = False) -> None:
        """The application form of a job (``everything``: every custom question and group)."""
        rng = self.t.rng
        standard = [f for f in STANDARD_FIELDS if f[0] != "website" or rng.random() < 0.5]
        pool = [q for q in CUSTOM_QUESTIONS if q[0] not in ENGINEERING_ONLY or family in ("eng", "data")]
        if not everything:
            keep = set(rng.sample(range(len(pool)), 2 + int(rng.random() * 3)))
            pool = [q for i, q in enumerate(pool) if i in keep]
        for index, question in enumerate([*standard, *pool]):
            self._field(job_id, question, index, "public", None)
        for key, group_name, visibility, description, questions in FORM_GROUPS:
            wanted = rng.random() < (0.8 if key == "eeo" and "United States" in location else 0.35)
            if not (wanted or everything):
                continue
            group = (f"{job_id}-{key}", group_name)
            for index, question in enumerate(questions):
                self._field(job_id, question, index, visibility, group, description)

    def _field(
        self,
        job_id: str,
        question: FormField,
        index: int,
        visibility: str,
        group: tuple[str, str] | None,
        group_description: str | None = None,
    ) -> None:
        name, label, kind, raw, required, _, description = question
        self.t.add(
            R.JOB_FORM_FIELD,
            id=self.t.next_id(R.JOB_FORM_FIELD),
            name=name,
            job_id=job_id,
            label=label,
            index=index,
            is_required=required,
            answer_visibility=visibility,
            description=description or group_description,
            type=kind,
            raw_type=raw,
            options=self.options.get(name, ()),
            group_id=None if group is None else group[0],
            group_name=None if group is None else group[1],
        )
