"""BambooHR's Applicant Tracking API (https://documentation.bamboohr.com/reference): reads, stage moves, rejections and notes."""

from .adapter import BambooHRAdapter

__all__ = ["BambooHRAdapter"]
