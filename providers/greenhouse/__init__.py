"""Greenhouse Harvest: the adapter (``GreenhouseAdapter``) and its credentials."""

from .adapter import GreenhouseAdapter
from .auth import GreenhouseCredentials, GreenhouseOptions

__all__ = ["GreenhouseAdapter", "GreenhouseCredentials", "GreenhouseOptions"]
