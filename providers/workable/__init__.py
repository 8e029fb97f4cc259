"""Workable (SPI v3): https://workable.readme.io/reference."""

from .adapter import WorkableAdapter

__all__ = ["WorkableAdapter"]
