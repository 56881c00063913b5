"""Batching: the profile query costs the same number of store round trips for a
researcher with 3 works as for one with 300 works and 50 co-authors."""

from __future__ import annotations

from researchgraph.graphstore.records import GraphBatch

from conftest import ApiFactory, StoreFactory
from graphs import prolific_graph
from queries import PROFILE


def _both(small: GraphBatch, big: GraphBatch) -> GraphBatch:
    merged = GraphBatch()
    for batch in (small, big):
        for name in merged.__dataclass_fields__:
            getattr(merged, name).extend(getattr(batch, name))
    return merged


async def _calls(api: object, researcher_id: str) -> tuple[int, dict[str, object]]:
    body = await api.post(PROFILE, {"id": researcher_id})  # type: ignore[attr-defined]
    assert "errors" not in body, body
    return body["extensions"]["storeCalls"], body["data"]["researcher"]


async def test_round_trips_do_not_grow_with_the_researcher(
    store_factory: StoreFactory, api_for: ApiFactory
) -> None:
    # Same shape, different size: every co-author is a close collaborator.
    graph = _both(
        prolific_graph(3, 1, "A100", base=1000), prolific_graph(300, 50, "A101", base=5000)
    )
    api = await api_for(await store_factory(graph))
    small_calls, small = await _calls(api, "A100")
    big_calls, big = await _calls(api, "A101")
    assert small["counts"]["works"] == 3  # type: ignore[index]
    assert big["counts"]["works"] == 300 and big["counts"]["closeCollaborators"] == 50  # type: ignore[index]
    assert len(big["works"]["edges"]) == 20  # type: ignore[index]
    assert small_calls == big_calls
    # One call per relationship the page touches; a per-work query would be hundreds.
    assert big_calls <= 16
