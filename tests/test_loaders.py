"""Each loader batch is exactly one store call, aligned with its keys."""

from __future__ import annotations

import asyncio

from aiodataloader import DataLoader

from researchgraph.graphstore.instrumented import CountingStore
from researchgraph.graphstore.model import WorkList
from researchgraph.graphstore.pages import PageRequest, WorksPageRequest
from researchgraph.graphstore.records import (
    CollaboratorsRequest,
    StatGroup,
    StatsRequest,
    TopicsRequest,
)
from researchgraph.loaders import build_loaders
from researchgraph.loaders.base import MAX_BATCH_SIZE

from conftest import StoreFactory
from graphs import small_graph


async def test_concurrent_loads_make_one_call_per_loader(store_factory: StoreFactory) -> None:
    counting = CountingStore(await store_factory(small_graph()))
    loaders = build_loaders(counting.as_store())
    researchers, stats, pages, topics, collaborators, neighbours = await asyncio.gather(
        loaders.researcher.load_many(["A1", "A2", "A999"]),
        loaders.stats.load_many(
            [
                StatsRequest("A1", frozenset({StatGroup.WORKS})),
                StatsRequest("A3", frozenset({StatGroup.NETWORK})),
            ]
        ),
        loaders.work_pages.load_many(
            [
                WorksPageRequest(WorkList.RESEARCHER_WORKS, PageRequest("A1", "YEAR_DESC", 1)),
                WorksPageRequest(WorkList.RESEARCHER_WORKS, PageRequest("A2", "YEAR_ASC", 2)),
            ]
        ),
        loaders.researcher_topics.load_many([TopicsRequest("A1", 1), TopicsRequest("A2", 5)]),
        loaders.collaborators.load_many(
            [CollaboratorsRequest("A1", 1, 5), CollaboratorsRequest("A1", 2, 5)]
        ),
        loaders.neighbours.load_many([("A1", 1), ("W1", 3)]),
    )
    assert dict(counting.calls) == {
        "researchers": 1,
        "researcher_stats": 1,
        "work_pages": 1,
        "researcher_topics": 1,
        "collaborators": 1,
        "neighbours": 1,
    }
    assert [r.id if r else None for r in researchers] == ["A1", "A2", None]
    assert [(s.works, s.collaborators) for s in stats] == [(3, None), (None, 2)]
    assert [[row.record.id for row in p.rows] for p in pages] == [["W3"], ["W4", "W1"]]
    assert [[t.topic_id for t in found] for found in topics] == [["T1"], ["T1", "T2", "T3"]]
    assert [len(c) for c in collaborators] == [2, 1]
    assert [len(n) for n in neighbours] == [4, 6]


async def test_pages_prime_the_by_id_loader(store_factory: StoreFactory) -> None:
    counting = CountingStore(await store_factory(small_graph()))
    loaders = build_loaders(counting.as_store())
    await loaders.work_pages.load(
        WorksPageRequest(WorkList.RESEARCHER_WORKS, PageRequest("A1", "YEAR_DESC", 10))
    )
    works = await loaders.work.load_many(["W1", "W2", "W3"])
    assert [w.id for w in works if w] == ["W1", "W2", "W3"]
    assert "works" not in counting.calls


async def test_clear_all_forgets_cached_values(store_factory: StoreFactory) -> None:
    counting = CountingStore(await store_factory(small_graph()))
    loaders = build_loaders(counting.as_store())
    await loaders.researcher.load("A1")
    await loaders.researcher.load("A1")
    loaders.clear_all()
    await loaders.researcher.load("A1")
    assert counting.calls["researchers"] == 2


async def test_a_primed_value_answers_until_cleared(store_factory: StoreFactory) -> None:
    counting = CountingStore(await store_factory(small_graph()))
    loaders = build_loaders(counting.as_store())
    loader = loaders.researcher
    loaded = await loader.load("A1")
    loader.prime("A1", None)  # a key already there keeps its value
    loader.prime("A2", None)  # not what the store holds: the answers below are primed
    assert await loader.load("A1") is loaded
    assert await loader.load_many(["A2", "A1"]) == [None, loaded]
    assert await loader.load("A2") is None
    assert await loader.load_many(["A2"]) == [None]
    assert counting.calls["researchers"] == 1
    loaders.clear_all()
    found = await loader.load_many(["A2"])
    assert [r.id for r in found if r is not None] == ["A2"]
    assert counting.calls["researchers"] == 2


async def test_loader_state_is_what_the_library_sets(store_factory: StoreFactory) -> None:
    """`StoreLoader` sets a DataLoader's state itself, skipping the library's checks: a
    release of aiodataloader that keeps other state must fail here, not on a page."""

    class Reference(DataLoader[str, str]):
        async def batch_load_fn(self, keys: list[str]) -> list[str]:
            return keys

    reference = Reference(max_batch_size=MAX_BATCH_SIZE, cache_map={})
    ours = build_loaders(await store_factory(small_graph())).researcher
    assert set(vars(reference)) == {"loop", "_cache", "_queue", "get_cache_key", "max_batch_size"}
    assert ours.loop is reference.loop
    assert ours._cache is ours.futures and ours._queue == []
    assert ours.max_batch_size == MAX_BATCH_SIZE
    assert ours.get_cache_key("A1") == "A1"


async def test_a_batch_holds_at_most_max_batch_size_keys(store_factory: StoreFactory) -> None:
    counting = CountingStore(await store_factory(small_graph()))
    loaders = build_loaders(counting.as_store())
    found = await loaders.researcher.load_many([f"A{i}" for i in range(MAX_BATCH_SIZE + 1)])
    assert counting.calls["researchers"] == 2
    assert [r.id for r in found if r is not None] == ["A1", "A2", "A3", "A4"]
