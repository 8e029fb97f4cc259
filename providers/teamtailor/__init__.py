"""Teamtailor (https://docs.teamtailor.com): reads over its JSON:API."""

from .adapter import TeamtailorAdapter

__all__ = ["TeamtailorAdapter"]
