"""Ashby credentials. The API key goes as HTTP Basic username with a blank password (declared
on the adapter: ``Basic("api_key")``).

https://developers.ashbyhq.com/reference/authentication (spec ``securitySchemes.BasicAuth``).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, SecretStr


class AshbyCredentials(BaseModel):
    """A connection's credentials: ``api_key`` (kept secret: it never prints)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    api_key: SecretStr
