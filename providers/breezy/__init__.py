"""Breezy HR (https://developer.breezy.hr): reads over its v3 API."""

from .adapter import BreezyAdapter

__all__ = ["BreezyAdapter"]
