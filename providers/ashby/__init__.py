"""Ashby (https://developers.ashbyhq.com): the adapter and its credentials model."""

from .adapter import AshbyAdapter, AshbyCredentials

__all__ = ["AshbyAdapter", "AshbyCredentials"]
