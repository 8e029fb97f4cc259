from __future__ import annotations

import pytest

from providers.sandbox import Dataset, SandboxAdapter, generate

from .support import SMALL, make_adapter


@pytest.fixture(scope="session")
def default_data() -> Dataset:
    """The dataset every new user sees (seed 42, 2,000 candidates)."""
    return generate()


@pytest.fixture(scope="session")
def small_data() -> Dataset:
    """The same records as the small adapter serves."""
    return generate(SMALL["seed"], SMALL["size"])


@pytest.fixture
def adapter() -> SandboxAdapter:
    return make_adapter()
