"""A body over the limit gets its 413 even from a client that sends it whole without
waiting for `Expect: 100-continue`, as Python's urllib does."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from researchgraph.server.http import DRAINED_BYTES, MAX_BODY_BYTES

from conftest import serve


@pytest.mark.parametrize("size", [10 * 1024 * 1024, MAX_BODY_BYTES + 1])
def test_an_oversized_body_gets_a_413_not_a_reset(tmp_path: Path, size: int) -> None:
    assert size < DRAINED_BYTES
    body = json.dumps({"query": "{ __typename }", "padding": "x" * size}).encode()
    with serve(None, tmp_path / "server.log") as server:
        request = urllib.request.Request(
            f"{server.url}/graphql", data=body, headers={"Content-Type": "application/json"}
        )
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=30)
        assert refused.value.code == 413
        answer = json.loads(refused.value.read())
        assert answer["errors"][0]["extensions"]["code"] == "REQUEST_TOO_LARGE"
        # The connection stayed usable up to the answer; the server still answers.
        ok = urllib.request.Request(
            f"{server.url}/graphql",
            data=json.dumps({"query": "{ __typename }"}).encode(),
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(ok, timeout=30) as response:
            assert json.loads(response.read())["data"] == {"__typename": "Query"}
