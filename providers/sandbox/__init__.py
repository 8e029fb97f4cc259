"""The sandbox provider: a generated, self-consistent ATS account every new user can explore."""

from .adapter import SandboxAdapter
from .dataset import Dataset, generate

__all__ = ["Dataset", "SandboxAdapter", "generate"]
