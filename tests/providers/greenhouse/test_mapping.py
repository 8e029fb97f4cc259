"""Golden mapping tests over the documented Greenhouse payloads (../shared/fixtures/providers/greenhouse)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest
from pydantic import TypeAdapter

from providers.greenhouse import GreenhouseAdapter
from providers.greenhouse import mapping as gh
from providers.greenhouse.mapping import attachment_ids, to_application, to_candidate, to_job_form_fields
from providers.greenhouse.payloads import (
    GreenhouseActivityFeed,
    GreenhouseApplication,
    GreenhouseCandidate,
    GreenhouseDepartment,
    GreenhouseEeoc,
    GreenhouseJob,
    GreenhouseJobPost,
    GreenhouseJobStage,
    GreenhouseOffer,
    GreenhouseOffice,
    GreenhouseRejectionReason,
    GreenhouseScheduledInterview,
    GreenhouseScorecard,
    GreenhouseTag,
    GreenhouseUser,
)
from providers.kit.resources import read_payload
from providers.records import (
    ActivityType,
    ApplicationRecord,
    AttachmentRecord,
    AttachmentType,
    DepartmentRecord,
    EmailAddress,
    FormFieldOption,
    FormFieldType,
    FormValue,
    InterviewStatus,
    JobStatus,
    OfferStatus,
    OfficeRecord,
    OverallRecommendation,
    PhoneNumber,
    RejectReasonRecord,
    Resource,
    Source,
    Url,
    Visibility,
)
from tests.shared import load_fixture

# The mapping is declared as data (``RecordMap``s); these name its reads as the tests use them.
to_reject_reason, to_tag, to_user, to_eeoc = gh.REJECT_REASON.read, gh.TAG.read, gh.USER.read, gh.EEOC.read
to_department, to_office, to_job_interview_stage = gh.DEPARTMENT.read, gh.OFFICE.read, gh.STAGE.read
to_interview, to_scorecard, to_offer = gh.INTERVIEW.read, gh.SCORECARD.read, gh.OFFER.read


def to_job(p: GreenhouseJob) -> Any:
    """A job as the adapter reads it (its departments and offices embedded)."""
    (record,) = read_payload(GreenhouseAdapter.endpoints(Resource.JOB), p)
    return record


def to_activities(feed: GreenhouseActivityFeed, candidate_id: str) -> list[Any]:
    return gh.to_activities(feed, {"parent": candidate_id})


pytestmark = pytest.mark.shared


def fixture(name: str) -> Any:
    return load_fixture("greenhouse", name)


def many(model: Any, name: str) -> list[Any]:
    return TypeAdapter(list[model]).validate_python(fixture(name))


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=UTC)


def test_candidate_fields_and_embedded_applications() -> None:
    raw = fixture("GET_candidates.json")
    record = to_candidate(GreenhouseCandidate.model_validate(raw[0]))
    assert record.id == "53883394"
    assert record.remote_id == "53883394"
    assert record.remote_data == raw[0]
    assert (record.first_name, record.last_name, record.name) == ("John", "Locke", "John Locke")
    assert record.company == "The Tustin Box Company"
    assert record.title == "Customer Success Representative"
    assert record.created_at == datetime(2017, 8, 15, 3, 31, 46, 591000, tzinfo=UTC)
    assert record.updated_at == datetime(2017, 9, 28, 12, 29, 30, 497000, tzinfo=UTC)
    assert record.last_interaction_at == datetime(2017, 9, 28, 12, 29, 30, 481000, tzinfo=UTC)
    assert record.is_private is False
    assert record.can_email is True
    assert record.locations == ("123 City Street\nNew York, Ny 10001",)
    assert record.phones == (PhoneNumber(number="555-555-5555", type="mobile"),)
    assert record.emails == (EmailAddress(email="test@work.com", type="work"),)
    assert record.urls == (Url(url="mysite.com", type="personal"),)
    assert record.tag_ids is None  # names only on the candidate: tags load by parent
    assert record.application_ids == ("69103370", "65153308")
    apps = [e for e in record.embedded if isinstance(e, ApplicationRecord)]
    assert [a.id for a in apps] == ["69103370", "65153308"]
    assert apps[0].remote_data == raw[0]["applications"][0]
    attachments = [e for e in record.embedded if isinstance(e, AttachmentRecord)]
    assert record.attachment_ids == tuple(a.id for a in attachments)
    assert len(attachments) == 1


def test_candidate_attachment_is_linked_to_its_application() -> None:
    raw = fixture("GET_candidates.json")[0]
    record = to_candidate(GreenhouseCandidate.model_validate(raw))
    attachment = next(e for e in record.embedded if isinstance(e, AttachmentRecord))
    assert attachment.id.startswith("53883394-")
    assert attachment.file_name == "John_Locke_Offer_Packet_09_27_2017.pdf"
    assert attachment.file_url == "https://prod-heroku.s3.amazonaws.com/..."
    assert attachment.attachment_type is AttachmentType.OTHER
    assert attachment.raw_attachment_type == "offer_packet"
    assert attachment.created_at == datetime(2020, 9, 27, 18, 45, 27, 137000, tzinfo=UTC)
    assert attachment.candidate_id == "53883394"
    # The same file is listed on application 69103370: same id, linked to it and its job.
    assert (attachment.application_id, attachment.job_id) == ("69103370", "87752")
    app = next(e for e in record.embedded if isinstance(e, ApplicationRecord) and e.id == "69103370")
    assert app.attachment_ids == (attachment.id,)
    assert app.embedded[0] == attachment
    assert attachment.remote_data == raw["attachments"][0]


def test_attachment_ids_are_stable_and_unique() -> None:
    raw = fixture("GET_candidates.json")[0]["attachments"][0]
    parsed = GreenhouseCandidate.model_validate(
        {"id": 1, "attachments": [raw, raw, {**raw, "type": "resume"}]}
    )
    ids = attachment_ids(1, parsed.attachments)
    assert ids[1] == f"{ids[0]}-2"
    assert len(set(ids)) == 3
    signed_again = GreenhouseCandidate.model_validate(
        {"id": 1, "attachments": [{**raw, "url": "https://x/y?sig=2"}]}
    )
    assert attachment_ids(1, signed_again.attachments)[0] == ids[0]  # the signed URL is not part of the id


def test_rejected_application_embeds_its_complete_rejection_reason() -> None:
    raw = fixture("GET_candidates_id.json")["applications"][0]
    record = to_application(GreenhouseApplication.model_validate(raw))
    assert record.id == "69102626"
    assert record.candidate_id == "53883394"
    assert record.job_id == "149995"
    assert record.applied_at == datetime(2017, 9, 27, 12, 3, 2, 728000, tzinfo=UTC)
    assert record.rejected_at == datetime(2017, 9, 27, 12, 11, 40, 877000, tzinfo=UTC)
    assert record.source == Source(id="16", name="LinkedIn (Prospecting)")
    assert record.credited_to_id == "165372"
    assert record.current_stage_id == "1073533"  # a {id, name} stub: id only, not embedded
    assert record.reject_reason_id == "9504"
    reasons = [e for e in record.embedded if isinstance(e, RejectReasonRecord)]
    assert reasons == [
        RejectReasonRecord(
            id="9504", remote_id="9504", remote_data=raw["rejection_reason"], name="Hired another candidate"
        )
    ]
    assert record.created_at is None
    assert record.updated_at is None


def test_application_list_and_prospect_with_several_jobs() -> None:
    raw = fixture("GET_applications.json")
    first, prospect = (to_application(a) for a in many(GreenhouseApplication, "GET_applications.json"))
    assert first.remote_data == raw[0]
    assert (first.id, first.candidate_id, first.job_id) == ("69306314", "57683957", "107761")
    assert first.current_stage_id == "767358"
    assert first.reject_reason_id is None
    assert first.source == Source(id="2", name="Jobs page on your website")
    assert first.attachment_ids is not None
    assert len(first.attachment_ids) == 1
    assert first.attachment_ids[0].startswith("57683957-")
    # A prospect on two jobs has no single job: we don't pick one.
    assert prospect.job_id is None
    assert prospect.credited_to_id == "566819"
    assert prospect.current_stage_id is None


def test_user() -> None:
    raw = fixture("GET_users.json")
    record = to_user(GreenhouseUser.model_validate(raw[0]))
    assert record.id == "112"
    assert record.remote_data == raw[0]
    assert (record.first_name, record.last_name, record.name) == ("Juliet", "Burke", "Juliet Burke")
    assert record.emails == (
        EmailAddress(email="juliet.burke@example.com", is_primary=True),
        EmailAddress(email="other.woman@example.com", is_primary=False),
    )
    assert record.disabled is False
    assert record.created_at == datetime(2015, 11, 18, 22, 26, 32, 243000, tzinfo=UTC)
    assert record.updated_at == datetime(2016, 11, 17, 16, 13, 48, 888000, tzinfo=UTC)
    assert record.access_role is None  # only a site_admin flag exists


def test_tags_and_rejection_reasons() -> None:
    tags = [to_tag(t) for t in many(GreenhouseTag, "GET_tags_candidate.json")]
    assert [(t.id, t.name) for t in tags] == [("365", "Ruby"), ("366", "Rails"), ("367", "Junior")]
    assert tags[0].remote_data == {"id": 365, "name": "Ruby"}
    reasons = [to_reject_reason(r) for r in many(GreenhouseRejectionReason, "GET_rejection_reasons.json")]
    assert [(r.id, r.name) for r in reasons] == [
        ("262", "Missing resume"),
        ("280", "Not in NYC"),
        ("230", "Hiring Freeze"),
    ]
    assert reasons[0].remote_data == fixture("GET_rejection_reasons.json")[0]


def test_activity_feed() -> None:
    raw = fixture("GET_candidates_id_activity_feed.json")
    note, email, rejected, moved = to_activities(GreenhouseActivityFeed.model_validate(raw), "53883394")
    assert note.id == "note-12345"
    assert note.activity_type is ActivityType.NOTE
    assert note.visibility is Visibility.PUBLIC
    assert note.raw_visibility == "public"
    assert note.body == "Very mysterious."
    assert note.actor_id == "512"
    assert note.candidate_id == "53883394"
    assert note.created_at == utc(2014, 3, 26, 20, 11, 40)
    assert note.remote_data == raw["notes"][0]
    assert email.id == "email-234675"
    assert email.activity_type is ActivityType.EMAIL
    assert email.subject == "Regarding your application"
    assert email.from_ == ("boone.carlyle@example.com",)
    assert email.to == ("john.locke@example.com",)
    assert email.cc == ("sam.smith@example.com",)
    assert email.visibility is None
    assert rejected.id == "activity-6756789"
    assert rejected.activity_type is ActivityType.OTHER
    assert rejected.raw_activity_type == "activity"
    assert rejected.subject == "Candidate Rejected"
    assert moved.actor_id == "214"


def test_unknown_note_visibility_stays_raw() -> None:
    feed = GreenhouseActivityFeed.model_validate({"notes": [{"id": 1, "visibility": "team_only"}]})
    (note,) = to_activities(feed, "9")
    assert (note.visibility, note.raw_visibility) == (Visibility.OTHER, "team_only")


def test_eeoc() -> None:
    raw = fixture("GET_eeoc.json")
    first, second = (to_eeoc(e) for e in many(GreenhouseEeoc, "GET_eeoc.json"))
    assert first.id == "286"  # one EEOC answer set per application
    assert first.candidate_id == "406"
    assert first.race == "Two or More Races"
    assert first.gender == "Male"
    assert first.veteran_status == "I don't wish to answer"  # documented under "message"
    assert first.disability_status.startswith("Yes, I have a disability")  # type: ignore[union-attr]
    assert first.submitted_at == datetime(2017, 1, 29, 15, 9, 46, 806000, tzinfo=UTC)
    assert first.remote_data == raw[0]
    assert second.veteran_status is None
    single = to_eeoc(GreenhouseEeoc.model_validate(fixture("GET_applications_id_eeoc.json")))
    assert single.model_dump(exclude={"remote_data"}) == first.model_dump(exclude={"remote_data"})


def test_job() -> None:
    raw = fixture("GET_jobs.json")
    record = to_job(GreenhouseJob.model_validate(raw[0]))
    assert record.id == "6404"
    assert record.remote_data == raw[0]
    assert record.name == "Archaeologist"
    assert record.requisition_id == "abc123"
    assert record.status is JobStatus.CLOSED
    assert record.raw_status == "closed"
    assert record.confidential is False
    assert record.created_at == utc(2013, 12, 10, 14, 42, 58)
    assert record.opened_at == utc(2013, 12, 11, 14, 42, 58)
    assert record.closed_at == utc(2013, 12, 12, 14, 42, 58)
    assert record.updated_at == utc(2013, 12, 12, 14, 42, 58)
    assert record.department_ids == ("25907",)
    assert record.office_ids == ("47012",)
    assert record.locations == ("New York, United States",)
    assert record.hiring_manager_ids == ("84275", "169779")
    assert record.recruiter_ids == ("81111", "153448")
    department, office = record.embedded
    assert isinstance(department, DepartmentRecord)
    assert (department.id, department.name, department.parent_id) == (
        "25907",
        "Second-Level department",
        "25908",
    )
    assert isinstance(office, OfficeRecord)
    assert (office.id, office.location, office.parent_id) == ("47012", "New York, United States", "50849")


def test_unknown_job_status_stays_raw() -> None:
    record = to_job(GreenhouseJob.model_validate({"id": 1, "status": "on_hold"}))
    assert (record.status, record.raw_status) == (JobStatus.OTHER, "on_hold")


def test_departments_and_offices() -> None:
    technology, administration = (
        to_department(d) for d in many(GreenhouseDepartment, "GET_departments.render_as_list.json")
    )
    assert (technology.id, technology.name, technology.parent_id) == ("12345", "Technology", None)
    assert administration.parent_id == "54647"
    assert technology.remote_data == fixture("GET_departments.render_as_list.json")[0]
    utica, new_york, nyc = (to_office(o) for o in many(GreenhouseOffice, "GET_offices.render_as_list.json"))
    assert (utica.id, utica.name, utica.location, utica.parent_id) == (
        "50891",
        "Utica",
        "Utica, New York, United States",
        "47012",
    )
    assert new_york.parent_id == "50849"
    assert nyc.location == "New York, New York, United States"


def test_job_stages() -> None:
    stages = [to_job_interview_stage(s) for s in many(GreenhouseJobStage, "GET_jobs_id_stages.json")]
    assert [(s.id, s.name, s.position, s.job_id) for s in stages] == [
        ("72200", "Face to Face", 0, "146218"),
        ("72199", "Offer", 1, "146220"),
        ("72194", "Application Review", 2, "146221"),
    ]
    assert stages[0].created_at == datetime(2015, 11, 22, 5, 31, 37, 263000, tzinfo=UTC)
    assert stages[0].remote_data == fixture("GET_jobs_id_stages.json")[0]


def test_job_post_questions_are_form_fields() -> None:
    raw = fixture("GET_job_posts.json")
    fields = to_job_form_fields(GreenhouseJobPost.model_validate(raw[0]))
    assert len(fields) == 10
    first = fields[0]
    assert first.id == "123:first_name"
    assert (first.name, first.label, first.index, first.job_id) == ("first_name", "First Name", 0, "1234")
    assert first.is_required is True
    assert first.answer_visibility == "public"
    assert first.type is FormFieldType.SHORT_TEXT
    assert first.options == ()
    resume = fields[4]
    assert (resume.type, resume.raw_type) == (FormFieldType.FILE, "attachment")
    boolean = fields[6]
    assert boolean.type is FormFieldType.BOOLEAN
    assert boolean.description == "<p>Please select Yes or No.</p>"
    assert boolean.options == (
        FormFieldOption(label="No", value="0"),
        FormFieldOption(label="Yes", value="1"),
    )
    multi = fields[7]
    assert (multi.name, multi.type, multi.answer_visibility) == (
        "question_345678[]",
        FormFieldType.MULTI_SELECT,
        "private",
    )
    assert multi.remote_data == raw[0]["questions"][7]


def test_scheduled_interviews() -> None:
    raw = fixture("GET_scheduled_interviews.json")
    timed, all_day = (
        to_interview(i) for i in many(GreenhouseScheduledInterview, "GET_scheduled_interviews.json")
    )
    assert timed.id == "9128481"
    assert timed.remote_data == raw[0]
    assert timed.application_id == "4684156"
    assert timed.organizer_id == "2000"
    assert timed.interviewer_ids == ("4080",)
    assert timed.location == "Big Conference Room"
    assert timed.start_at == utc(2014, 3, 26, 22, 15)
    assert timed.end_at == utc(2014, 3, 26, 22, 30)
    assert (timed.status, timed.raw_status) == (InterviewStatus.AWAITING_FEEDBACK, "awaiting_feedback")
    assert timed.created_at == datetime(2016, 2, 10, 14, 31, 51, 19000, tzinfo=UTC)
    assert all_day.start_at == utc(2017, 8, 22, 0, 0)  # {"date": ...}: midnight UTC
    assert all_day.end_at == utc(2017, 8, 23, 0, 0)
    assert (all_day.status, all_day.raw_status) == (InterviewStatus.COMPLETED, "complete")
    assert all_day.created_at is None


def test_scorecards() -> None:
    raw = fixture("GET_scorecards.json")
    yes, no = (to_scorecard(s) for s in many(GreenhouseScorecard, "GET_scorecards.json"))
    assert yes.id == "123"
    assert yes.remote_data == raw[0]
    assert (yes.application_id, yes.candidate_id, yes.interviewer_id) == ("3456", "1234", "821")
    assert yes.submitted_at == utc(2014, 3, 26, 21, 59, 51)
    assert (yes.overall_recommendation, yes.raw_overall_recommendation) == (OverallRecommendation.YES, "yes")
    assert yes.form_values[0] == FormValue(question="Key Take-Aways", answer="Seems like a decent candidate.")
    assert len(yes.form_values) == 5
    assert yes.interview_id is None  # scorecards name the interview step, not the scheduled interview
    assert no.overall_recommendation is OverallRecommendation.NO
    strong = to_scorecard(
        GreenhouseScorecard.model_validate({"id": 1, "overall_recommendation": "definitely_not"})
    )
    assert strong.overall_recommendation is OverallRecommendation.DEFINITELY_NO
    odd = to_scorecard(GreenhouseScorecard.model_validate({"id": 1, "overall_recommendation": "mixed"}))
    assert (odd.overall_recommendation, odd.raw_overall_recommendation) == (
        OverallRecommendation.OTHER,
        "mixed",
    )


def test_offers() -> None:
    raw = fixture("GET_offers.json")
    accepted, deprecated = (to_offer(o) for o in many(GreenhouseOffer, "GET_offers.json"))
    assert accepted.id == "1142785"
    assert accepted.remote_data == raw[0]
    assert (accepted.application_id, accepted.candidate_id, accepted.job_id) == (
        "91081818",
        "7328851",
        "84593",
    )
    assert accepted.sent_at == utc(2018, 6, 7, 0, 0)  # a bare day upstream
    assert accepted.closed_at == datetime(2018, 6, 6, 20, 23, 43, 387000, tzinfo=UTC)
    assert accepted.start_date == date(2018, 7, 20)
    assert (accepted.status, accepted.raw_status) == (OfferStatus.ACCEPTED, "accepted")
    assert accepted.created_at == datetime(2018, 6, 6, 20, 23, 10, 378000, tzinfo=UTC)
    assert (deprecated.status, deprecated.sent_at, deprecated.closed_at) == (
        OfferStatus.DEPRECATED,
        None,
        None,
    )
    unresolved = to_offer(GreenhouseOffer.model_validate({"id": 1, "status": "unresolved"}))
    assert (unresolved.status, unresolved.raw_status) == (OfferStatus.OTHER, "unresolved")
    rejected = to_offer(GreenhouseOffer.model_validate({"id": 1, "status": "rejected"}))
    assert rejected.status is OfferStatus.DECLINED


def test_single_resource_endpoints_parse_like_the_lists() -> None:
    assert to_job(GreenhouseJob.model_validate(fixture("GET_jobs_id.json"))).id == "6404"
    assert to_offer(GreenhouseOffer.model_validate(fixture("GET_offers_id.json"))).id == "1142785"
    assert to_scorecard(GreenhouseScorecard.model_validate(fixture("GET_scorecards_id.json"))).id == "211231"
    stage = to_job_interview_stage(GreenhouseJobStage.model_validate(fixture("GET_job_stages_id.json")))
    assert (stage.id, stage.position) == ("6001", 1)
    office = to_office(GreenhouseOffice.model_validate(fixture("GET_offices_id.json")))
    assert office.location == "New York, United States"
    department = to_department(
        GreenhouseDepartment.model_validate(fixture("GET_departments_id.render_as_list.json"))
    )
    assert department.name == "Technology"
    user = to_user(GreenhouseUser.model_validate(fixture("GET_users_id.json")))
    assert user.id == "112"
    candidate = to_candidate(GreenhouseCandidate.model_validate(fixture("GET_candidates_id.json")))
    assert len(candidate.emails) == 2
    assert candidate.urls[-1] == Url(url="twitter.com/test")
    interview = to_interview(
        GreenhouseScheduledInterview.model_validate(fixture("GET_scheduled_interviews_id.json"))
    )
    assert interview.id == "9128481"
    application = to_application(GreenhouseApplication.model_validate(fixture("GET_applications_id.json")))
    assert application.id == "69306314"
    assert [t.name for t in map(to_tag, many(GreenhouseTag, "GET_candidates_id_tags.json"))] == [
        "Don't have a job open for them now"
    ]
