"""JazzHR (https://www.resumatorapi.com/v1/): reads on the provider kit."""

from .adapter import JazzHRAdapter

__all__ = ["JazzHRAdapter"]
