"""Pinpoint (https://developers.pinpointhq.com): reads over its JSON:API."""

from .adapter import PinpointAdapter

__all__ = ["PinpointAdapter"]
