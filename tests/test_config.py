"""Settings from the environment: what is set must parse and be in range, or start-up
refuses it, naming the variable."""

from __future__ import annotations

import pytest

from researchgraph.server.cli import main
from researchgraph.server.config import ConfigError, Settings


def test_unset_and_blank_variables_keep_the_defaults() -> None:
    assert Settings.from_env({}) == Settings()
    assert Settings.from_env({"NEO4J_URI": " ", "RESEARCHGRAPH_GRAPHIQL": ""}) == Settings()


def test_set_variables_parse() -> None:
    settings = Settings.from_env(
        {
            "RESEARCHGRAPH_MIGRATE_ON_START": "Off",
            "RESEARCHGRAPH_TRACING": "yes",
            "RESEARCHGRAPH_LOG_FORMAT": "text",
            "RESEARCHGRAPH_RATE_LIMIT": "0",
            "NEO4J_TIMEOUT_S": "2.5",
            "JWT_ALGORITHMS": "RS256, ES256",
        }
    )
    assert settings.migrate_on_start is False and settings.tracing is True
    assert settings.log_json is False and settings.rate_limit == 0
    assert settings.neo4j_timeout_s == 2.5
    assert settings.jwt_algorithms == ("RS256", "ES256")


@pytest.mark.parametrize(
    ("name", "value", "says"),
    [
        ("RESEARCHGRAPH_MIGRATE_ON_START", "ture", "say 1/true/yes/on or 0/false/no/off"),
        ("RESEARCHGRAPH_LOG_FORMAT", "xml", "say one of json, text"),
        ("NEO4J_TIMEOUT_S", "0", "must be above 0"),
        ("NEO4J_TIMEOUT_S", "ten", "not a number"),
        ("RESEARCHGRAPH_REQUEST_TIMEOUT_S", "inf", "must be above 0"),
        ("RESEARCHGRAPH_RATE_LIMIT", "-1", "must be at least 0"),
        ("RESEARCHGRAPH_RATE_LIMIT", "1.5", "not a whole number"),
        ("RESEARCHGRAPH_RATE_LIMIT_RESTORE_PER_S", "nan", "must be above 0"),
    ],
)
def test_a_value_that_cannot_be_used_is_refused_by_name(name: str, value: str, says: str) -> None:
    with pytest.raises(ConfigError) as refused:
        Settings.from_env({name: value})
    assert str(refused.value) == f"{name}={value!r}: {says}."


def test_the_command_line_stops_at_a_refused_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RESEARCHGRAPH_MIGRATE_ON_START", "ture")
    with pytest.raises(SystemExit) as stopped:
        main(["serve"])
    assert "RESEARCHGRAPH_MIGRATE_ON_START='ture'" in str(stopped.value.code)
