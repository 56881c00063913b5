"""Graceful shutdown of the real server process: after SIGTERM it takes no new
connections, finishes the request in flight, then closes the Neo4j driver and exits."""

from __future__ import annotations

import json
import signal
import socket
import time
from pathlib import Path

import pytest

from researchgraph.server.config import Settings

from conftest import serve

QUERY = json.dumps({"query": "{ researchers(first: 1) { totalCount } }"}).encode()


def test_sigterm_finishes_the_request_in_flight_then_closes_the_driver(
    neo4j_settings: Settings, tmp_path: Path
) -> None:
    with serve(neo4j_settings, tmp_path / "server.log", RESEARCHGRAPH_LOG_FORMAT="json") as server:
        # A request in flight: headers and half the body sent, the rest after SIGTERM.
        client = socket.create_connection(("127.0.0.1", server.port))
        head = (
            f"POST /graphql HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(QUERY)}\r\n\r\n"
        ).encode()
        client.sendall(head + QUERY[:10])
        time.sleep(0.3)
        server.process.send_signal(signal.SIGTERM)
        time.sleep(0.5)
        with pytest.raises(OSError):  # no longer listening
            socket.create_connection(("127.0.0.1", server.port), timeout=1).close()
        assert server.process.poll() is None, "exited with a request in flight"
        client.sendall(QUERY[10:])
        client.settimeout(10)
        response = b""
        while chunk := client.recv(65536):
            response += chunk
        client.close()
        status, _, body = response.partition(b"\r\n\r\n")
        assert status.startswith(b"HTTP/1.1 200"), response
        assert json.loads(body)["data"]["researchers"]["totalCount"] >= 0
        # uvicorn, once shut down, re-raises the signal it caught: the exit a
        # supervisor expects of a process it sent SIGTERM.
        assert server.process.wait(timeout=30) in (0, -signal.SIGTERM)
    text = server.log.read_text()
    assert "\x1b[" not in text and "\\u001b[" not in text  # no terminal colours in JSON
    lines = [json.loads(line) for line in text.splitlines()]
    messages = [line["message"] for line in lines]
    assert "store closed" in messages
    assert all(line["level"] in {"info", "warning"} for line in lines), lines
