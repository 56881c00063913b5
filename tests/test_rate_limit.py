"""The per-client cost budget: a leaky bucket charged each query's estimated cost and
refunded what the result did not use; over it, 429 and `RATE_LIMITED`."""

from __future__ import annotations

import pytest

from researchgraph.resolvers.budget import CostBudget
from researchgraph.server.config import DEFAULT_RATE_LIMIT_CAPACITY, Settings

from conftest import ApiFactory, StoreFactory, token
from graphs import small_graph

QUERY = '{ researcher(id: "A1") { works(first: 5) { edges { node { id } } } } }'  # costs 16, uses 8


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_a_bucket_spends_refills_and_refuses_without_charging() -> None:
    clock = Clock()
    budget = CostBudget(100, restore_per_s=10, clock=clock)
    assert budget.spend("a", 60).remaining == 40
    refused = budget.spend("a", 50)
    assert not refused.allowed and refused.remaining == 40
    assert refused.retry_after_s == pytest.approx(1.0)  # 10 points missing at 10/s
    assert budget.spend("b", 50).allowed  # another client, another bucket
    clock.now = 1.0
    charged = budget.spend("a", 50)
    assert charged.allowed and charged.remaining == 0 and charged.reset_s == pytest.approx(10)
    assert budget.settle("a", charged=50, actual=20).remaining == 30  # a refund
    # b had 50 left, refilled to 60 by now: settling 50 charged at 120 leaves a debt of 10…
    assert budget.settle("b", charged=50, actual=120).remaining == 0
    clock.now = 1.5
    assert budget.spend("b", 0).remaining == 0  # …half paid off at 10/s
    clock.now = 2.5
    assert budget.spend("b", 0).remaining == 5
    clock.now = 100.0
    assert budget.spend("a", 0).remaining == 100  # never above capacity


def test_forgets_the_longest_idle_client_past_its_bound() -> None:
    budget = CostBudget(10, restore_per_s=1, clock=Clock(), max_clients=2)
    budget.spend("a", 10)
    budget.spend("b", 10)
    budget.spend("c", 10)
    assert budget.spend("a", 10).allowed  # forgotten: a full bucket again
    assert not budget.spend("c", 10).allowed


def test_on_by_default_except_in_dev_mode() -> None:
    assert Settings().rate_limit == 0  # no Neo4j: the embedded demo, dev mode
    assert Settings(neo4j_uri="bolt://db").rate_limit == DEFAULT_RATE_LIMIT_CAPACITY
    assert Settings(neo4j_uri="bolt://db", rate_limit_capacity=0).rate_limit == 0
    env = {"NEO4J_URI": "bolt://db", "RESEARCHGRAPH_RATE_LIMIT": "500"}
    assert Settings.from_env(env).rate_limit == 500


async def test_headers_report_the_budget_and_spent_budgets_are_refused(
    store_factory: StoreFactory, api_for: ApiFactory
) -> None:
    api = await api_for(
        await store_factory(small_graph()), rate_limit_capacity=40, rate_limit_restore_per_s=0.001
    )
    first = await api.client.post("/graphql", json={"query": QUERY})
    assert first.status_code == 200
    # Charged the estimate (16), settled at the actual cost (8).
    assert first.headers["x-ratelimit-limit"] == "40"
    assert first.headers["x-ratelimit-used"] == "8"
    assert first.headers["x-ratelimit-remaining"] == "32"
    assert first.json()["extensions"]["cost"]["budget"] == {
        "capacity": 40,
        "remaining": 32,
        "restorePerSecond": 0.001,
    }
    for remaining in (24, 16):
        response = await api.client.post("/graphql", json={"query": QUERY})
        assert response.headers["x-ratelimit-remaining"] == str(remaining)
    # 16 left covers the estimate: charged, then settled at 8 left, too few for another.
    await api.client.post("/graphql", json={"query": QUERY})
    refused = await api.client.post(
        "/graphql",
        json={"query": QUERY},
        headers={"accept": "application/graphql-response+json"},
    )
    assert refused.status_code == 429
    assert int(refused.headers["retry-after"]) > 0
    body = refused.json()
    assert "data" not in body
    (error,) = body["errors"]
    assert error["extensions"]["code"] == "RATE_LIMITED"
    assert error["extensions"]["cost"] == 16 and error["extensions"]["remaining"] == 8
    assert body["extensions"]["storeCalls"] == 0
    # Signed-in users have budgets of their own.
    as_user = await api.client.post(
        "/graphql", json={"query": QUERY}, headers={"authorization": f"Bearer {token('u1')}"}
    )
    assert as_user.status_code == 200 and as_user.headers["x-ratelimit-remaining"] == "32"


async def test_no_budget_no_headers(memory_factory: StoreFactory, api_for: ApiFactory) -> None:
    api = await api_for(await memory_factory(small_graph()))
    response = await api.client.post("/graphql", json={"query": QUERY})
    assert "x-ratelimit-limit" not in response.headers
    assert "budget" not in response.json()["extensions"]["cost"]
