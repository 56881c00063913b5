"""Batching: a document costs the same number of store round trips for a researcher
with 3 works as for one with 300 works and 50 co-authors: the core profile page and
an analyst's walk one each, the full page with its graph slice two (its planned
reads, then the slice's edges)."""

from __future__ import annotations

from conftest import ApiFactory, StoreFactory
from graphs import merged, prolific_graph, small_graph
from queries import CORE_PROFILE, PROFILE, WALK


async def test_round_trips_do_not_grow_with_the_researcher(
    store_factory: StoreFactory, api_for: ApiFactory
) -> None:
    # Same shape, different sizes: every co-author is a close collaborator.
    graph = merged(
        small_graph(),
        prolific_graph(3, 1, "A100", base=1000),
        prolific_graph(300, 50, "A101", base=5000),
    )
    api = await api_for(await store_factory(graph))
    for researcher, works in (("A1", 3), ("A100", 3), ("A101", 300)):
        full = await api.post(PROFILE, {"id": researcher})
        core = await api.post(CORE_PROFILE, {"id": researcher})
        walk = await api.post(WALK, {"id": researcher})
        for body in (full, core, walk):
            assert "errors" not in body, body
        page = full["data"]["researcher"]  # type: ignore[index]
        assert page["counts"]["works"] == works
        assert len(page["works"]["edges"]) == min(works, 20)
        assert page["graph"]["nodes"]
        assert full["extensions"]["storeCalls"] == 2  # type: ignore[index]
        assert core["extensions"]["storeCalls"] == 1  # type: ignore[index]
        assert walk["extensions"]["storeCalls"] == 1  # type: ignore[index]
    big = full["data"]["researcher"]  # type: ignore[index]
    assert big["counts"]["closeCollaborators"] == 50
