"""Contract: a wrong credential is refused, and no credential (right or wrong) ever shows in an
error's message or representation, the adapter's representation, or a log record."""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable

import pytest

from gateway.errors import ErrorCode, provider_error_code
from providers.errors import ProviderAuthError, ProviderError

from .harness import Simulated, secret_fields, sent_forms, shown, simulated


def test_every_simulated_provider_declares_a_secret_credential(sim: Simulated) -> None:
    assert secret_fields(sim.cls), f"{sim.name}: no SecretStr credential its simulator checks"


async def test_a_wrong_credential_is_refused_without_showing_it(
    sim: Simulated, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    for field in secret_fields(sim.cls):
        wrong = sim.wrong_credentials(field)
        adapter = sim.adapter(wrong)
        with pytest.raises(ProviderAuthError) as info:
            await sim.probe(adapter)
        assert provider_error_code(info.value) is ErrorCode.UPSTREAM_AUTH_FAILED
        for form in sent_forms(adapter, [wrong[field]]):
            assert form not in shown(info.value)
            assert form not in logged(caplog)


def fault_401(sim: Simulated) -> None:
    sim.faults.fail_next_n_with_status = (1, 401)


def fault_429(sim: Simulated) -> None:
    sim.faults.retry_after_s = 0
    sim.faults.fail_next_n_with_status = (3, 429)


def fault_503(sim: Simulated) -> None:
    sim.faults.fail_next_n_with_status = (3, 503)


def fault_malformed(sim: Simulated) -> None:
    sim.faults.malformed_pages = True


def fault_timeout(sim: Simulated) -> None:
    sim.faults.timeout, sim.faults.timeout_s = True, 5.0


FAULTS: list[Callable[[Simulated], None]] = [fault_401, fault_429, fault_503, fault_malformed, fault_timeout]


def logged(caplog: pytest.LogCaptureFixture) -> str:
    """Every captured record as a handler would write it: message and traceback."""
    parts = []
    for record in caplog.records:
        parts.append(record.getMessage())
        if record.exc_info and record.exc_info[1] is not None:
            parts.append("".join(traceback.format_exception(record.exc_info[1])))
    return "\n".join(parts)


@pytest.mark.parametrize("fault", FAULTS, ids=[f.__name__ for f in FAULTS])
async def test_no_error_or_log_record_shows_the_credential(
    sim: Simulated,
    caplog: pytest.LogCaptureFixture,
    request: pytest.FixtureRequest,
    fault: Callable[[Simulated], None],
) -> None:
    caplog.set_level(logging.DEBUG)
    if fault is not fault_timeout:  # that one needs the simulator's real sleep
        request.getfixturevalue("sleeps")  # the retries' backoff, recorded instead of waited
    async with simulated(sim.cls, timeout_s=0.05) as faulty:
        adapter = faulty.adapter()
        fault(faulty)
        with pytest.raises(ProviderError) as info:
            await faulty.probe(adapter)
        texts = " ".join(
            [
                shown(info.value),
                "".join(traceback.format_exception(info.value)),
                repr(adapter),
                repr(adapter.connection),
                repr(adapter.credentials),
                str(adapter.credentials),
                logged(caplog),
            ]
        )
    assert faulty.secrets
    for form in sent_forms(adapter, faulty.secrets):
        assert form not in texts
