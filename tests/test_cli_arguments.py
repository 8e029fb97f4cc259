"""Numeric command-line options refuse bad values with a usage error, not a traceback."""

from __future__ import annotations

import pytest

from graph.cli import main


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["serve", "--workers", "0"], "argument --workers: must be at least 1, not 0"),
        (["bench", "--workers", "two"], "argument --workers: 'two' is not a whole number"),
        (["bench", "--latency-ms", "-5"], "argument --latency-ms: must be at least 0.0, not -5"),
        (["bench", "--latency-ms", "fast"], "argument --latency-ms: 'fast' is not a number"),
    ],
)
def test_bad_numbers_are_usage_errors(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(argv)
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err
