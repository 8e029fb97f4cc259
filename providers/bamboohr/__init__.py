"""BambooHR's Applicant Tracking API (https://documentation.bamboohr.com/reference): reads."""

from .adapter import BambooHRAdapter

__all__ = ["BambooHRAdapter"]
