"""Every provider hiregraph speaks, by the name a connection's config uses.

Adding a provider: its folder under ``providers/``, its tests, and one line here.
"""

from __future__ import annotations

from typing import Final

from .ashby import AshbyAdapter
from .bamboohr import BambooHRAdapter
from .base import ProviderAdapter
from .breezy import BreezyAdapter
from .greenhouse import GreenhouseAdapter
from .jazzhr import JazzHRAdapter
from .lever import LeverAdapter
from .pinpoint import PinpointAdapter
from .recruitee import RecruiteeAdapter
from .recruiterflow import RecruiterflowAdapter
from .sandbox import SandboxAdapter
from .smartrecruiters import SmartRecruitersAdapter
from .teamtailor import TeamtailorAdapter
from .workable import WorkableAdapter

PROVIDERS: Final[dict[str, type[ProviderAdapter]]] = {
    SandboxAdapter.name: SandboxAdapter,
    GreenhouseAdapter.name: GreenhouseAdapter,
    LeverAdapter.name: LeverAdapter,
    AshbyAdapter.name: AshbyAdapter,
    WorkableAdapter.name: WorkableAdapter,
    TeamtailorAdapter.name: TeamtailorAdapter,
    SmartRecruitersAdapter.name: SmartRecruitersAdapter,
    RecruiteeAdapter.name: RecruiteeAdapter,
    RecruiterflowAdapter.name: RecruiterflowAdapter,
    JazzHRAdapter.name: JazzHRAdapter,
    BambooHRAdapter.name: BambooHRAdapter,
    PinpointAdapter.name: PinpointAdapter,
    BreezyAdapter.name: BreezyAdapter,
}
