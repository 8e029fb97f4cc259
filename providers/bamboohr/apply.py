"""``createApplication`` on BambooHR, the pure part: the body sent and how the answer's
application is found again (the calls are in ``writes.py``).

BambooHR has no ``createCandidate``: ``POST applicant_tracking/application`` makes an applicant
and its application in one call ("Create Candidate",
https://documentation.bamboohr.com/reference/create-candidate: ``firstName``, ``lastName`` and
``jobId`` required, ``email`` optional, "returns the new candidate ID"). Nango recorded the call
(``recorded-nango/POST_applicant_tracking_application.create-applicant.request.json``, a JSON
object of those fields) and its answer ``{"result": "success", "candidateId": 61}``.

What that number is: in the same account's listing (``GET_applicant_tracking_applications.
list-applicants.json``) the new "Validation Run" of job 22 is *application* 61 of *applicant*
118, and Nango's next recording reads ``applications/61``. So the number is looked up as an
application's id first and as an applicant's id second, and only among the applications whose
applicant has the names and e-mail just sent: an application and an applicant of the job may
share a number, and the same person may have applied before (Nango's 60 and 61 are both
"Validation Run"; BambooHR makes a new applicant each time).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Final

from ..kit.people import primary_email
from ..writes import CandidateInput
from . import payloads as p

PATH: Final = "/applicant_tracking/application"


def body(job_id: int, c: CandidateInput) -> dict[str, Any]:
    """The recorded request's fields, in its order; the primary (else the first) e-mail."""
    out: dict[str, Any] = {"firstName": c.first_name, "lastName": c.last_name, "jobId": job_id}
    email = primary_email(c.emails)
    if email:
        out["email"] = email
    return out


def made_id(answer: Any) -> str | None:
    """The number a success names (None: the answer names none)."""
    if not isinstance(answer, Mapping) or answer.get("result", "success") != "success":
        return None
    made = answer.get("candidateId")
    if isinstance(made, bool) or not isinstance(made, int | str) or not str(made).isdigit():
        return None
    return str(made)


def _same(given: str | None, found: str | None) -> bool:
    return (given or "").strip().casefold() == (found or "").strip().casefold()


def _sent_by(a: p.Application, sent: Mapping[str, Any]) -> bool:
    who = a.applicant
    return (
        _same(sent.get("firstName"), who.firstName)
        and _same(sent.get("lastName"), who.lastName)
        and ("email" not in sent or _same(sent["email"], who.email))
    )


def pick(applications: Sequence[p.Application], made: str, sent: Mapping[str, Any]) -> p.Application | None:
    """The application the answer's ``made`` names among the job's (see the module docstring);
    None when none, or more than one by applicant id, fits."""
    theirs = [a for a in applications if _sent_by(a, sent)]
    by_application = [a for a in theirs if str(a.id) == made]
    if by_application:
        return by_application[0]
    by_applicant = [a for a in theirs if str(a.applicant.id) == made]
    return by_applicant[0] if len(by_applicant) == 1 else None
