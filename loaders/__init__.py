"""Per-request dataloaders that batch and de-duplicate calls into provider adapters."""

from .registry import Loaders

__all__ = ["Loaders"]
