"""The graphql-http reference audit (npm `graphql-http`, run with Node) against the
real server on Neo4j over HTTP: every MUST and SHOULD item must pass."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from researchgraph.server.config import Settings

from conftest import node_project, serve

AUDIT = Path(__file__).parent / "audit"


@pytest.fixture(scope="module")
def server_url(neo4j_settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    log = tmp_path_factory.mktemp("audit") / "server.log"
    with serve(neo4j_settings, log) as server:
        yield f"{server.url}/graphql"


@pytest.mark.tools
def test_graphql_http_audit(server_url: str) -> None:
    node = node_project(AUDIT)
    done = subprocess.run(
        [node, "audit.mjs", server_url],
        cwd=AUDIT,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    report = json.loads(done.stdout.strip().splitlines()[-1])
    print("graphql-http audit:", report["counts"])
    failed = [f for f in report["failures"] if f["level"] in ("MUST", "SHOULD")]
    assert failed == []
    assert report["counts"].get("MUST ok", 0) >= 10
