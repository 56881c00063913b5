"""The graphql-http reference audit (npm `graphql-http`, run with Node) against the
server over real HTTP: every MUST and SHOULD item must pass."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

AUDIT = Path(__file__).parent / "audit"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server_url() -> Iterator[str]:
    port = _free_port()
    researchgraph = Path(sys.executable).parent / "researchgraph"
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}  # embedded
    with subprocess.Popen(
        [str(researchgraph), "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    ) as server:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{url}/health/ready", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        yield f"{url}/graphql"
        server.terminate()


def test_graphql_http_audit(server_url: str) -> None:
    npm, node = shutil.which("npm"), shutil.which("node")
    assert npm and node, "Node.js and npm are needed for the audit"
    if not (AUDIT / "node_modules" / "graphql-http").exists():
        subprocess.run(
            [npm, "ci", "--no-audit", "--no-fund", "--silent"], cwd=AUDIT, check=True, timeout=300
        )
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
