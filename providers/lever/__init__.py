"""Lever (API v1): opportunities, postings, users and what hangs off them."""

from .adapter import LeverAdapter

__all__ = ["LeverAdapter"]
