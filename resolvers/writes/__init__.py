"""The provider-neutral write path (issue 12): validation, idempotency, the one upstream
write, the audit line. Mutation resolvers call :func:`perform`; see ``path.py``."""

from .path import Written, perform

__all__ = ["Written", "perform"]
