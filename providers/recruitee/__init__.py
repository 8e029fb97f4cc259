"""Recruitee (https://docs.recruitee.com): reads over its ATS API."""

from .adapter import RecruiteeAdapter

__all__ = ["RecruiteeAdapter"]
