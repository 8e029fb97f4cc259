"""Connections come from TOML; anything wrong fails at start-up, naming what, never a secret."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.cli import main
from graph.connections import ConnectionPool
from graph.settings import SettingsError, load_settings, parse_settings
from providers.errors import ConnectionConfigError

SECRET = "sk_live_NEVER_PRINT_ME_42"


def pool(config: dict[str, object]) -> ConnectionPool:
    return ConnectionPool(parse_settings(config, "test.toml"))


def test_no_config_offers_the_sandbox() -> None:
    settings = load_settings(None, environ={})
    assert settings.default_connection == "sandbox"
    assert settings.connections["sandbox"].provider == "sandbox"


def test_config_file_from_environment(tmp_path: Path) -> None:
    path = tmp_path / "hiregraph.toml"
    path.write_text(
        'default_connection = "b"\n'
        '[connections.a]\nprovider = "sandbox"\nseed = 1\nsize = 10\n'
        '[connections.b]\nprovider = "sandbox"\nlatency_ms = 5\n'
    )
    settings = load_settings(None, environ={"HIREGRAPH_CONFIG": str(path)})
    assert list(settings.connections) == ["a", "b"]
    assert settings.default_connection == "b"
    assert ConnectionPool(settings).get(None).connection.name == "b"


def test_first_listed_is_the_default() -> None:
    settings = parse_settings({"connections": {"x": {"provider": "sandbox"}, "y": {"provider": "sandbox"}}})
    assert settings.default_connection == "x"


@pytest.mark.parametrize(
    ("config", "needle"),
    [
        ({}, "no [connections.<name>] table"),
        ({"connections": {"a": {}}}, "connection 'a' has no provider"),
        ({"connections": {"a": {"provider": "nope"}}}, "unknown provider 'nope'"),
        (
            {"connections": {"a": {"provider": "sandbox"}}, "default_connection": "b"},
            "default_connection 'b'",
        ),
        ({"connections": {"a": {"provider": "sandbox", "size": -5}}}, "invalid option 'size'"),
        ({"connections": {"a": {"provider": "sandbox", "colour": "red"}}}, "unknown option 'colour'"),
        ({"connections": {"a": {"provider": "sandbox", "base_url": "ftp://x"}}}, "base_url"),
        ({"connections": {"a": {"provider": "sandbox"}}, "extra": 1}, "unknown top-level"),
        ({"connections": {"a": {"provider": "sandbox"}}, "limits": {"nope": 1}}, "[limits]"),
    ],
)
def test_bad_config_names_the_problem(config: dict[str, object], needle: str) -> None:
    with pytest.raises(ConnectionConfigError) as err:
        pool(config)
    assert needle in str(err.value)


def test_a_credential_is_never_echoed() -> None:
    config = {"connections": {"a": {"provider": "sandbox", "credentials": {"api_key": SECRET}}}}
    with pytest.raises(ConnectionConfigError) as err:
        pool(config)
    assert "unknown credential 'api_key'" in str(err.value)
    assert SECRET not in str(err.value)
    assert SECRET not in repr(parse_settings(config).connections["a"])


def test_bad_toml_and_missing_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(f'[connections.a]\nprovider = "sandbox"\napi_key = {SECRET}\n')
    with pytest.raises(SettingsError) as err:
        load_settings(bad, environ={})
    assert "not valid TOML" in str(err.value)
    assert SECRET not in str(err.value)
    with pytest.raises(SettingsError, match="does not exist"):
        load_settings(tmp_path / "missing.toml", environ={})


def test_serve_refuses_a_bad_config(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "c.toml"
    path.write_text(
        f'[connections.a]\nprovider = "sandbox"\n[connections.a.credentials]\ntoken = "{SECRET}"\n'
    )
    assert main(["serve", "--config", str(path)]) == 2
    err = capsys.readouterr().err
    assert "connection 'a'" in err
    assert SECRET not in err


def test_serve_refuses_a_directory_as_config(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--config", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "is a directory" in err
    assert "Traceback" not in err


SANDBOX_ONLY = {"a": {"provider": "sandbox"}}


@pytest.mark.parametrize(
    ("limits", "needle"),
    [
        ({"max_cost": -1}, "max_cost must be at least 1"),
        ({"max_cost": 0}, "max_cost must be at least 1"),
        ({"max_first": 0}, "max_first must be at least 1"),
        ({"default_first": 0}, "default_first must be at least 1"),
        ({"max_depth": 0}, "max_depth must be at least 1"),
        ({"max_operations": 0}, "max_operations must be at least 1"),
        ({"max_scan_pages": -1}, "max_scan_pages must be at least 0"),
        ({"http_timeout_s": 0}, "http_timeout_s must be more than 0"),
        ({"max_cost": "lots"}, "max_cost must be a number"),
        ({"max_cost": True}, "max_cost must be a number"),
        ({"max_first": 2.5}, "max_first must be a number"),
        ({"max_first": 10, "default_first": 20}, "default_first (20) is above max_first"),
        ({"default_first": 500}, "default_first (500) is above max_first"),
    ],
)
def test_limits_that_would_refuse_every_query_are_refused(limits: dict[str, object], needle: str) -> None:
    with pytest.raises(SettingsError) as err:
        parse_settings({"connections": SANDBOX_ONLY, "limits": limits})
    assert needle in str(err.value)


def test_limits_at_their_least_still_serve() -> None:
    least = {"max_first": 1, "default_first": 1, "max_scan_pages": 0, "max_aliases": 0, "max_cost": 1}
    settings = parse_settings({"connections": SANDBOX_ONLY, "limits": {**least, "http_timeout_s": 0.5}})
    assert (settings.max_first, settings.max_cost, settings.http_timeout_s) == (1, 1, 0.5)
