"""Collaboration paths: shortest, valid, bounded; checked against a brute-force BFS."""

from __future__ import annotations

import random
from collections import deque

from researchgraph.graphstore.ingest import openalex
from researchgraph.graphstore.ingest.synthetic import Scale, generate
from researchgraph.graphstore.records import GraphBatch

from conftest import ApiFactory, StoreFactory
from graphs import small_graph

PATH = """
query($from: ID!, $to: ID!, $hops: Int! = 4) {
  collaborationPath(from: $from, to: $to, maxHops: $hops) {
    hops researchers { id } steps { from { id } to { id } works { id } }
  }
}
"""


def _coauthors(batch: GraphBatch) -> dict[str, set[str]]:
    by_work: dict[str, set[str]] = {}
    for a in batch.authorships:
        by_work.setdefault(a.work_id, set()).add(a.researcher_id)
    graph: dict[str, set[str]] = {}
    for authors in by_work.values():
        for a in authors:
            graph.setdefault(a, set()).update(authors - {a})
    return graph


def _distance(graph: dict[str, set[str]], source: str, target: str) -> int | None:
    seen, queue = {source: 0}, deque([source])
    while queue:
        node = queue.popleft()
        if node == target:
            return seen[node]
        for other in graph.get(node, ()):
            if other not in seen:
                seen[other] = seen[node] + 1
                queue.append(other)
    return None


async def test_direct_and_absent_paths(store_factory: StoreFactory, api_for: ApiFactory) -> None:
    api = await api_for(await store_factory(small_graph()))
    data = await api.data(PATH, {"from": "A1", "to": "A3"})
    assert data["collaborationPath"] == {
        "hops": 1,
        "researchers": [{"id": "A1"}, {"id": "A3"}],
        "steps": [{"from": {"id": "A1"}, "to": {"id": "A3"}, "works": [{"id": "W2"}]}],
    }
    assert (await api.data(PATH, {"from": "A1", "to": "A4"}))["collaborationPath"] is None
    assert (await api.data(PATH, {"from": "A1", "to": "A999"}))["collaborationPath"] is None
    same = (await api.data(PATH, {"from": "A2", "to": "A2"}))["collaborationPath"]
    assert same == {"hops": 0, "researchers": [{"id": "A2"}], "steps": []}


async def test_matches_brute_force_on_a_generated_graph(
    store_factory: StoreFactory, api_for: ApiFactory
) -> None:
    batch = openalex.merge(
        openalex.MAPPERS[kind](entity) for kind, entity in generate(Scale(400, 300), seed=11)
    )
    graph = _coauthors(batch)
    api = await api_for(await store_factory(batch))
    rng = random.Random(5)
    people = sorted(graph)
    found_some = unreachable = 0
    for _ in range(25):
        source, target = rng.sample(people, 2)
        expected = _distance(graph, source, target)
        body = await api.post(PATH, {"from": source, "to": target, "hops": 4})
        path = body["data"]["collaborationPath"]  # type: ignore[index]
        # Ends, one call per level searched, linking works, then the fields asked for.
        assert body["extensions"]["storeCalls"] <= 1 + 4 + 1 + 2  # type: ignore[index]
        if expected is None or expected > 4:
            assert path is None
            unreachable += 1
            continue
        found_some += 1
        chain = [r["id"] for r in path["researchers"]]
        assert path["hops"] == expected == len(chain) - 1
        assert (chain[0], chain[-1]) == (source, target)
        for a, b, step in zip(chain, chain[1:], path["steps"], strict=False):
            assert b in graph[a]
            assert (step["from"]["id"], step["to"]["id"]) == (a, b) and step["works"]
    assert found_some >= 10


async def test_max_hops_bounds_the_search(store_factory: StoreFactory, api_for: ApiFactory) -> None:
    api = await api_for(await store_factory(small_graph()))
    # A1 and A3 are one hop apart; a chain of two or more cannot be asked for in 1.
    assert (await api.data(PATH, {"from": "A1", "to": "A3", "hops": 1}))["collaborationPath"]
    body = await api.post(PATH, {"from": "A1", "to": "A3", "hops": 7})
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"  # type: ignore[index]
    body = await api.post(PATH, {"from": "W1", "to": "A3"})
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"  # type: ignore[index]
