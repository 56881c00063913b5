"""Walking every page returns each work once, in order, and totals agree."""

from __future__ import annotations

from conftest import ApiFactory, StoreFactory
from graphs import prolific_graph
from queries import WORKS_PAGE


async def test_walking_pages_of_seven(store_factory: StoreFactory, api_for: ApiFactory) -> None:
    api = await api_for(await store_factory(prolific_graph(45, 4)))
    seen: list[tuple[int, str]] = []
    after = None
    pages = 0
    while True:
        data = await api.data(WORKS_PAGE, {"id": "A100", "first": 7, "after": after})
        researcher = data["researcher"]
        works = researcher["works"]  # type: ignore[index]
        assert works["totalCount"] == researcher["counts"]["works"] == 45  # type: ignore[index]
        assert works["pageInfo"]["hasPreviousPage"] is (after is not None)
        seen += [(-e["node"]["year"], e["node"]["id"]) for e in works["edges"]]
        pages += 1
        if not works["pageInfo"]["hasNextPage"]:
            break
        after = works["pageInfo"]["endCursor"]
        assert after == works["edges"][-1]["cursor"]
    assert pages == 7  # 6 full pages and one of 3
    assert len(seen) == len(set(seen)) == 45
    assert seen == sorted(seen)  # newest first, ties by id


async def test_first_zero_gives_count_only(
    store_factory: StoreFactory, api_for: ApiFactory
) -> None:
    api = await api_for(await store_factory(prolific_graph(5, 2)))
    data = await api.data(WORKS_PAGE, {"id": "A100", "first": 0})
    works = data["researcher"]["works"]  # type: ignore[index]
    assert (
        works["edges"] == []
        and works["totalCount"] == 5
        and works["pageInfo"]["hasNextPage"] is True
    )
