"""Keep API keys and tokens sent in a URL out of the access log.

Keys belong in ``Authorization``, and a key in the query string is refused, but uvicorn's
access log writes each request's path *with* its query string before anyone looks at it:
``GET /graphql?api_key=hg_live_...`` would put a live secret into every log pipeline.
``install()`` puts a filter on the ``uvicorn.access`` logger (logger filters survive
uvicorn's own logging set-up) that rewrites the record's arguments before any handler
formats them: the value of any credential-like query parameter becomes ``[redacted]``, and so
does the secret part of anything shaped like a hiregraph key, wherever it appears.
"""

from __future__ import annotations

import logging
import re
from typing import Final

REDACTED: Final = "[redacted]"
ACCESS_LOGGER: Final = "uvicorn.access"
SECRET_PARAMETERS: Final = frozenset(
    {"api_key", "apikey", "api-key", "key", "token", "access_token", "refresh_token", "client_secret"}
)
# One query parameter: its name up to `=`, its value up to the next `&`, `#` or space.
_PARAMETER: Final = re.compile(r"(?P<lead>[?&;])(?P<name>[^=&#\s]+)=(?P<value>[^&#\s]*)")
# A hiregraph key anywhere (a path segment, an unexpected parameter name): its public id stays.
_HIREGRAPH_KEY: Final = re.compile(r"(hg_live_[a-z0-9]{12}_)[A-Za-z0-9_-]+")


def _name_is_secret(name: str) -> bool:
    # Names arrive percent-encoded as the client sent them (`api%5Fkey`): decode the usual forms.
    plain = name.lower().replace("%5f", "_").replace("%2d", "-")
    return plain in SECRET_PARAMETERS


def redact(text: str) -> str:
    """``text`` with every credential-like query value and hiregraph key secret replaced."""

    def parameter(match: re.Match[str]) -> str:
        if not _name_is_secret(match["name"]):
            return match[0]
        return f"{match['lead']}{match['name']}={REDACTED}"

    return _HIREGRAPH_KEY.sub(rf"\g<1>{REDACTED}", _PARAMETER.sub(parameter, text))


class RedactSecrets(logging.Filter):
    """Rewrites a record's message and string arguments; never drops a record."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = redact(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(redact(a) if isinstance(a, str) else a for a in record.args)
        elif isinstance(record.args, dict):
            record.args = {k: redact(v) if isinstance(v, str) else v for k, v in record.args.items()}
        return True


def install(logger_name: str = ACCESS_LOGGER) -> None:
    """Add the filter to ``logger_name`` once (create_app may run more than once a process)."""
    logger = logging.getLogger(logger_name)
    if not any(isinstance(f, RedactSecrets) for f in logger.filters):
        logger.addFilter(RedactSecrets())
