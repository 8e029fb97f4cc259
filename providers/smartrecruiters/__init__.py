"""SmartRecruiters (https://developers.smartrecruiters.com): reads of its Customer API."""

from .adapter import SmartRecruitersAdapter

__all__ = ["SmartRecruitersAdapter"]
