"""Recruiterflow (https://recruiterflow.com): reads over its ``/api/external`` API."""

from .adapter import RecruiterflowAdapter

__all__ = ["RecruiterflowAdapter"]
