"""Sandbox records rendered as Greenhouse Harvest v1 JSON (the simulator's payloads).

Shapes follow the documented examples in ``shared/fixtures/providers/greenhouse`` key for key;
values Greenhouse has no place for are left out, and values it has no word for keep the
sandbox's own (the adapter then reports ``OTHER`` plus that raw value).
"""

from __future__ import annotations

from collections.abc import Sequence

from ..records import (
    ActivityRecord,
    ActivityType,
    ApplicationRecord,
    CandidateRecord,
    EeocRecord,
    TagRecord,
    UserRecord,
)
from .simulator_render_jobs import JobsRenderer
from .simulator_wire import JSON, SIM_VISIBILITY, _raw, encode_id, ts

__all__ = ["JSON", "Renderer", "encode_id"]


class Renderer(JobsRenderer):
    """Greenhouse JSON for each sandbox record."""

    def application(self, a: ApplicationRecord, *, custom_fields: bool = True) -> JSON:
        job = self.jobs.get(a.job_id or "")
        stage = self.stages.get(a.current_stage_id or "")
        reason = self.reasons.get(a.reject_reason_id or "")
        status = "rejected" if a.rejected_at else ("hired" if a.id in self.hired else "active")
        out: JSON = {
            "id": encode_id(a.id),
            "candidate_id": encode_id(a.candidate_id or ""),
            "prospect": False,
            "applied_at": ts(a.applied_at),
            "rejected_at": ts(a.rejected_at),
            "last_activity_at": ts(a.updated_at),
            "location": None,
            "source": {"id": encode_id(a.source.id), "public_name": a.source.name}
            if a.source and a.source.id
            else None,
            "credited_to": self.user_stub(a.credited_to_id),
            "recruiter": None,
            "coordinator": None,
            "rejection_reason": self.rejection_reason(reason) if reason else None,
            "rejection_details": None,
            "jobs": [{"id": encode_id(job.id), "name": job.name}] if job else [],
            "job_post_id": encode_id(job.id) if job else None,
            "status": status,
            "current_stage": {"id": encode_id(stage.id), "name": stage.name} if stage else None,
            "answers": [],
            "prospective_office": None,
            "prospective_department": None,
            "prospect_detail": {"prospect_pool": None, "prospect_stage": None, "prospect_owner": None},
        }
        if custom_fields:
            out |= {"custom_fields": {}, "keyed_custom_fields": {}}
        out["attachments"] = [self.attachment(self.attachments[i]) for i in a.attachment_ids or ()]
        return out

    def candidate(self, c: CandidateRecord) -> JSON:
        apps = [self.applications[i] for i in c.application_ids or ()]
        return {
            "id": encode_id(c.id),
            "first_name": c.first_name,
            "last_name": c.last_name,
            "company": c.company,
            "title": c.title,
            "created_at": ts(c.created_at),
            "updated_at": ts(c.updated_at),
            "last_activity": ts(c.last_interaction_at),
            "is_private": c.is_private,
            "photo_url": None,
            "attachments": [self.attachment(self.attachments[i]) for i in c.attachment_ids or ()],
            "application_ids": [encode_id(a.id) for a in apps],
            "phone_numbers": [{"value": p.number, "type": p.type} for p in c.phones],
            "addresses": [{"value": loc, "type": "other"} for loc in c.locations],
            "email_addresses": [{"value": e.email, "type": e.type} for e in c.emails],
            "website_addresses": [{"value": u.url, "type": u.type} for u in c.urls],
            "social_media_addresses": [],
            "recruiter": None,
            "coordinator": None,
            "can_email": c.can_email,
            "tags": [self.tags[t].name for t in c.tag_ids or ()],
            "applications": [self.application(a, custom_fields=False) for a in apps],
            "educations": [],
            "employments": [],
            "linked_user_ids": [],
            "custom_fields": {},
            "keyed_custom_fields": {},
        }

    def user(self, u: UserRecord, *, custom_fields: bool = False) -> JSON:
        primary = next((e.email for e in u.emails if e.is_primary), u.emails[0].email if u.emails else None)
        out: JSON = {
            "id": encode_id(u.id),
            "name": u.name,
            "first_name": u.first_name,
            "last_name": u.last_name,
            "primary_email_address": primary,
            "updated_at": ts(u.updated_at),
            "created_at": ts(u.created_at),
            "disabled": u.disabled,
            "site_admin": u.access_role == "site_admin",
            "emails": [e.email for e in u.emails],
            "employee_id": None,
            "linked_candidate_ids": [],
            "offices": [],
            "departments": [],
        }
        if custom_fields:  # only the single-user endpoint carries them
            out |= {"custom_fields": {}, "keyed_custom_fields": {}}
        return out

    def tag(self, t: TagRecord) -> JSON:
        return {"id": encode_id(t.id), "name": t.name}

    def eeoc(self, e: EeocRecord) -> JSON | None:
        app = self.eeoc_application.get(e.id)
        if app is None:
            return None

        def answer(text: str | None, key: str = "description") -> JSON | None:
            return None if text is None else {"id": sum(map(ord, text)) % 97 + 1, key: text}

        return {
            "application_id": encode_id(app),
            "candidate_id": encode_id(e.candidate_id or ""),
            "race": answer(e.race),
            "gender": answer(e.gender),
            "veteran_status": answer(e.veteran_status, "message"),
            "disability_status": answer(e.disability_status),
            "submitted_at": ts(e.submitted_at),
        }

    def activity_feed(self, activities: Sequence[ActivityRecord]) -> JSON:
        feed: JSON = {"notes": [], "emails": [], "activities": []}
        for a in activities:
            base = {"id": encode_id(a.id), "created_at": ts(a.created_at)}
            if a.activity_type is ActivityType.NOTE:
                visibility = _raw(a.visibility, SIM_VISIBILITY, a.raw_visibility)
                feed["notes"].append(
                    {
                        **base,
                        "body": a.body,
                        "user": self.user_stub(a.actor_id),
                        "private": visibility != "public",
                        "visiblity": visibility,
                        "visibility": visibility,
                    }
                )
            elif a.activity_type is ActivityType.EMAIL:
                feed["emails"].append(
                    {
                        **base,
                        "subject": a.subject,
                        "body": a.body,
                        "to": ", ".join(a.to) or None,
                        "from": ", ".join(a.from_) or None,
                        "cc": ", ".join(a.cc) or None,
                        "user": self.user_stub(a.actor_id),
                    }
                )
            else:
                feed["activities"].append(
                    {**base, "subject": a.subject, "body": a.body, "user": self.user_stub(a.actor_id)}
                )
        return feed
