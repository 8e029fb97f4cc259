"""Lever credentials, and the two ways to present them (declared on the adapter).

An API key goes as HTTP Basic with the key as username and a blank password
(``curl -u API_KEY: ...``); an OAuth access token goes as ``Authorization: Bearer``.
https://hire.lever.co/developer/documentation#authentication
"""

from __future__ import annotations

from pydantic import SecretStr

from ..kit.credentials import Settings, SignedCredentials, exactly_one_of


class LeverCredentials(SignedCredentials):
    """Exactly one of ``api_key`` or ``access_token``; secrets never print."""

    api_key: SecretStr | None = None
    access_token: SecretStr | None = None
    _exactly_one = exactly_one_of("api_key", "access_token")


class LeverOptions(Settings):
    """Per-connection knobs."""

    include_confidential: bool = False
    """Ask for confidential opportunities and postings too (``confidentiality=all``); the key
    must have been granted confidential access, otherwise Lever returns only the others."""

    actor_id: str | None = None
    """The Lever user writes are made as (``perform_as``) when a mutation names no ``actorId``."""
