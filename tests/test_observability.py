"""What operators see: Prometheus metrics per request, per loader batch, per Neo4j
error and per refusal, and one structured log line per request."""

from __future__ import annotations

import json
import logging

import pytest
from prometheus_client import REGISTRY

from researchgraph.schema.metrics import OperationNames
from researchgraph.server.logs import JsonFormatter

from conftest import ApiFactory, StoreFactory
from graphs import small_graph
from queries import PROFILE


def _sample(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


async def test_loader_batch_sizes_are_observed(
    memory_factory: StoreFactory, api_for: ApiFactory
) -> None:
    store = await memory_factory(small_graph())
    planned, unplanned = await api_for(store), await api_for(store, plan_reads=False)
    before = _sample("researchgraph_loader_batch_size_count", method="prefetch_researchers")
    keys_before = _sample("researchgraph_loader_batch_size_sum", method="authorships")
    await planned.data(PROFILE, {"id": "A1"})
    # The page's reads are one planned batch of one root.
    assert _sample("researchgraph_loader_batch_size_count", method="prefetch_researchers") > before
    await unplanned.data(PROFILE, {"id": "A1"})
    # Unplanned, A1's three works are one authorships batch of three keys.
    assert _sample("researchgraph_loader_batch_size_sum", method="authorships") - keys_before >= 3
    text = (await planned.client.get("/metrics")).text
    assert 'researchgraph_loader_batch_size_bucket{le="1.0",method="prefetch_researchers"}' in text


def test_operation_names_cannot_grow_the_registry() -> None:
    names = OperationNames(limit=3)
    assert [names.label(n) for n in ("A", "B", None, "C", "D", "A")] == [
        "A",
        "B",
        "anonymous",
        "C",
        "other",
        "A",
    ]
    assert names.label("x" * 65) == "other"


async def test_rate_limit_refusals_are_counted(
    memory_factory: StoreFactory, api_for: ApiFactory
) -> None:
    api = await api_for(
        await memory_factory(small_graph()), rate_limit_capacity=1, rate_limit_restore_per_s=0.001
    )
    before = _sample("researchgraph_rate_limited_total")
    await api.post('{ researcher(id: "A1") { works(first: 5) { totalCount } } }')
    assert _sample("researchgraph_rate_limited_total") == before + 1


async def test_neo4j_errors_are_counted_by_kind(neo4j_factory: StoreFactory) -> None:
    store = await neo4j_factory(small_graph())
    before = _sample(
        "researchgraph_neo4j_errors_total", kind="Neo.ClientError.Statement.SyntaxError"
    )
    with pytest.raises(Exception, match="Invalid input"):
        await store.connection.read("RETURN ))", {})  # type: ignore[attr-defined]
    after = _sample(
        "researchgraph_neo4j_errors_total", kind="Neo.ClientError.Statement.SyntaxError"
    )
    assert after == before + 1


async def test_each_request_is_logged_as_one_json_line(
    memory_factory: StoreFactory, api_for: ApiFactory, caplog: pytest.LogCaptureFixture
) -> None:
    api = await api_for(await memory_factory(small_graph()))
    with caplog.at_level(logging.INFO, logger="researchgraph.requests"):
        response = await api.client.post(
            "/graphql",
            json={
                "query": 'query Profile { researcher(id: "A1") { works(first: 2) { totalCount } } }'
            },
            headers={"x-request-id": "req-42"},
        )
    assert response.headers["x-request-id"] == "req-42"
    (record,) = [r for r in caplog.records if r.name == "researchgraph.requests"]
    line = json.loads(JsonFormatter().format(record))
    assert line["level"] == "info" and line["logger"] == "researchgraph.requests"
    assert line["request_id"] == "req-42" and line["operation"] == "Profile"
    assert line["outcome"] == "ok" and line["error_codes"] == []
    assert line["store_calls"] >= 1 and line["duration_ms"] > 0
    assert line["cost_estimated"] >= line["cost_actual"] >= 2
    assert line["client"].startswith("ip:")
