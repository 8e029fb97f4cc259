"""Golden mapping tests of what hangs off an opportunity or a posting, over the shared
Lever fixtures (recorded where a recording exists, the documentation's examples otherwise)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from providers.http import parse
from providers.kit.fieldspecs import split_pair
from providers.lever.mapping import (
    ACTIVITY,
    EEOC,
    FILE,
    INTERVIEW,
    OFFER,
    RESUME,
    SCORECARD,
    to_job_form_fields,
)
from providers.lever.payloads import (
    LeverApplyForm,
    LeverEeoResponse,
    LeverFeedback,
    LeverFile,
    LeverInterview,
    LeverNote,
    LeverOffer,
    LeverOpportunity,
    LeverResume,
)
from providers.records import (
    ActivityType,
    AttachmentType,
    FormFieldOption,
    FormFieldType,
    FormValue,
    OfferStatus,
    OverallRecommendation,
    Visibility,
)

from .conftest import fixture
from .mapping_support import (
    CTX,
    opportunity,
    single,
    utc,
)

pytestmark = pytest.mark.shared

# The mapping is declared as data (``RecordMap``s): a record under an opportunity reads it from the context.
to_eeoc = EEOC.read


def under(record_map: Any) -> Callable[[Any, LeverOpportunity], Any]:
    return lambda payload, opportunity: record_map.read(payload, {"opp": opportunity})


to_interview, to_scorecard, to_offer = under(INTERVIEW), under(SCORECARD), under(OFFER)
to_activity, to_file_attachment, to_resume_attachment = under(ACTIVITY), under(FILE), under(RESUME)


# -- per-opportunity records -------------------------------------------------------------------
def test_interview() -> None:
    raw = single("GET_opportunities_id_interviews_id.json")
    record = to_interview(parse(LeverInterview, raw, CTX), opportunity())
    assert record.id == "6408dc54-7015-4e5b-8d60-23afff2b1efc:32b7bf78-4592-4a56-b313-3e31ed25ea00"
    assert split_pair(record.id) == ("6408dc54-7015-4e5b-8d60-23afff2b1efc", record.remote_id)
    assert record.application_id == "6408dc54-7015-4e5b-8d60-23afff2b1efc"
    assert record.candidate_id == "997fd432-94f6-4613-9fa8-c3d5bd49600b"
    assert record.job_interview_stage_id == "lead-reached-out"
    assert record.organizer_id == "32bc4d3b-1aa6-4e2b-92d0-2e575047001e"
    assert record.interviewer_ids == ("c4bc6266-375b-4d45-9b3b-ad527ba5f3ef",)
    assert record.start_at == utc(1783000000000)
    assert record.end_at == utc(1783000000000 + 45 * 60_000)
    assert record.status is None  # Lever records only cancellations
    assert record.remote_data == raw


def test_cancelled_interview_from_docs_list() -> None:
    raw = fixture("GET_opportunities_id_interviews.json")["data"][0]
    raw["canceledAt"] = 1423187500000
    record = to_interview(parse(LeverInterview, raw, CTX), opportunity())
    assert (record.status, record.raw_status) == ("cancelled", "canceled")
    assert record.location == "Call - (123) 456-7891"


def test_scorecard() -> None:
    record = to_scorecard(
        parse(LeverFeedback, single("GET_opportunities_id_feedback_id.json"), CTX), opportunity()
    )
    assert record.remote_id == "60a45740-abb6-4196-9450-bc0ff333e585"
    assert record.overall_recommendation is OverallRecommendation.YES
    assert record.raw_overall_recommendation == "3 - Hire"
    assert record.interviewer_id == "be129d9b-50da-4485-9377-0d83e981f30b"
    assert record.interview_id is None  # manually added feedback
    assert record.submitted_at == utc(1782977398101)
    assert record.updated_at == utc(1782977483895)
    # the score-system field is the overall recommendation, not a form value
    assert record.form_values == (FormValue(question="Comments", answer="Strong technical skills"),)


def test_scorecard_interview_id_carries_the_opportunity() -> None:
    raw = single("GET_opportunities_id_feedback_id.json")
    raw["interview"] = "32b7bf78-4592-4a56-b313-3e31ed25ea00"
    raw["fields"][0]["value"] = "5 - Unicorn"
    record = to_scorecard(parse(LeverFeedback, raw, CTX), opportunity())
    assert record.interview_id == "6408dc54-7015-4e5b-8d60-23afff2b1efc:32b7bf78-4592-4a56-b313-3e31ed25ea00"
    assert (record.overall_recommendation, record.raw_overall_recommendation) == ("other", "5 - Unicorn")


def test_offers() -> None:
    offers = parse(list[LeverOffer], fixture("GET_opportunities_id_offers.json")["data"], CTX)
    signed, draft = (to_offer(o, opportunity()) for o in offers)
    assert (signed.status, signed.raw_status) == (OfferStatus.ACCEPTED, "signed")
    assert (draft.status, draft.raw_status) == (OfferStatus.DRAFT, "draft")
    assert signed.job_id == "80fd493b-3e01-4e05-82df-464d3ae2a7b8"  # the job_posting field
    assert signed.creator_id == "315b702b-27ec-49ac-89f6-449148fe5764"
    assert signed.start_date == date(2016, 10, 4)  # anticipated_start_date 1475540150185
    assert signed.created_at == utc(1475540115263)
    assert signed.candidate_id == "997fd432-94f6-4613-9fa8-c3d5bd49600b"


def test_note_activity() -> None:
    record = to_activity(parse(LeverNote, single("GET_opportunities_id_notes_id.json"), CTX), opportunity())
    assert record.activity_type is ActivityType.NOTE
    assert record.body == "Test note for get-note dryrun"
    assert record.actor_id == "be129d9b-50da-4485-9377-0d83e981f30b"
    assert record.visibility is Visibility.PUBLIC
    assert record.candidate_id == "997fd432-94f6-4613-9fa8-c3d5bd49600b"
    docs = fixture("GET_opportunities_id_notes.json")["data"][0]
    docs["secret"] = True
    thread = to_activity(parse(LeverNote, docs, CTX), opportunity())
    assert thread.visibility is Visibility.PRIVATE
    assert thread.body is not None
    assert thread.body.count("\n\n") == 1


def test_file_and_resume_attachments() -> None:
    files = parse(list[LeverFile], fixture("GET_opportunities_id_files.json"), CTX)  # docs: bare array
    record = to_file_attachment(files[0], opportunity())
    assert record.file_name == "JaneSmithArticle.pdf"
    assert record.created_at == utc(1468953420000)  # quoted milliseconds in the docs
    assert (record.attachment_type, record.raw_attachment_type) == (AttachmentType.OTHER, "file")
    assert record.application_id == "6408dc54-7015-4e5b-8d60-23afff2b1efc"
    # Shape from the Lever docs, "Resumes > List all resumes" (no recorded example is non-empty).
    resume = {
        "id": "dbc687c8-ebd4-4333-ab6a-1297738ebd5a",
        "createdAt": 1407460071043,
        "file": {
            "name": "Jennifer-Olde.pdf",
            "ext": "pdf",
            "downloadUrl": "https://hire.lever.co/candidates/63f6f017/resumes/dbc687c8/download",
            "uploadedAt": 1407460071048,
            "status": "processed",
            "size": 2000,
        },
    }
    cv = to_resume_attachment(parse(LeverResume, resume, CTX), opportunity())
    assert (cv.attachment_type, cv.file_name) == (AttachmentType.RESUME, "Jennifer-Olde.pdf")


def test_eeoc() -> None:
    raw = fixture("GET_eeo_responses_pii.json")["data"][0]
    record = to_eeoc(parse(LeverEeoResponse, raw, CTX))
    assert record.id == "5c77c84e-e124-4244-9c87-bad792976eed"
    assert record.candidate_id == "294f08fc-1aad-409a-a7e3-6455c1a04bca"
    assert record.submitted_at == utc(1782974071242)
    assert record.race is None  # the recorded sandbox responses carry no answers
    # Answer fields as in the docs, "EEO > Retrieve EEO responses with PII".
    raw.update(
        {
            "gender": "Female",
            "race": "Asian (Not Hispanic or Latino)",
            "veteran": "I am not a Protected Veteran",
            "disability": "No, I don't have a disability",
        }
    )
    answered = to_eeoc(parse(LeverEeoResponse, raw, CTX))
    assert (answered.gender, answered.veteran_status) == ("Female", "I am not a Protected Veteran")
    assert answered.disability_status == "No, I don't have a disability"


def test_job_form_fields() -> None:
    records = to_job_form_fields(parse(LeverApplyForm, single("GET_postings_id_apply.json"), CTX))
    assert len(records) == 7 + 2 + 3
    resume = next(r for r in records if r.name == "resume")
    assert resume.id == "75ff237f-c221-4c26-8b23-faf395f5ea1c:personalInformation:resume"
    assert (resume.type, resume.raw_type, resume.is_required, resume.index) == (
        FormFieldType.FILE,
        "file-upload",
        False,
        5,
    )
    assert resume.job_id == "75ff237f-c221-4c26-8b23-faf395f5ea1c"
    linkedin = next(r for r in records if r.group_id == "urls")
    assert (linkedin.name, linkedin.label, linkedin.type) == (
        "LinkedIn",
        "LinkedIn",
        FormFieldType.SHORT_TEXT,
    )
    gender = next(r for r in records if r.name == "gender")
    assert gender.type is FormFieldType.SINGLE_SELECT
    assert gender.group_name == "EEO questions"
    assert gender.options[0] == FormFieldOption(label="Female", value="Female")
    additional = next(r for r in records if r.name == "additionalInformation")
    assert additional.type is FormFieldType.LONG_TEXT


def test_custom_questions_group_by_form() -> None:
    raw = single("GET_postings_id_apply.json")
    # customQuestions shape from the docs, "Postings > Retrieve posting application questions".
    raw["customQuestions"] = [
        {
            "id": "cq-form-1",
            "text": "Screening",
            "fields": [
                {
                    "id": "q1",
                    "type": "multiple-select",
                    "text": "Languages?",
                    "required": True,
                    "options": [{"text": "python"}, {"text": "go"}],
                },
                {"id": "q2", "type": "university", "text": "School?", "required": False},
            ],
        }
    ]
    records = [r for r in to_job_form_fields(parse(LeverApplyForm, raw, CTX)) if r.group_id == "cq-form-1"]
    assert [(r.name, r.index, r.group_name) for r in records] == [
        ("q1", 0, "Screening"),
        ("q2", 1, "Screening"),
    ]
    assert records[0].type is FormFieldType.MULTI_SELECT
    assert records[0].options == (
        FormFieldOption(label="python", value="python"),
        FormFieldOption(label="go", value="go"),
    )
    assert (records[1].type, records[1].raw_type, records[1].options) == (
        FormFieldType.OTHER,
        "university",
        (),
    )
