"""Followers are people: `Researcher.followers` for the record's claimant, and
`viewer.feed`, the new works of the researchers the viewer follows."""

from __future__ import annotations

import asyncio

from conftest import Api, ApiFactory, StoreFactory
from graphs import small_graph

FOLLOW = "mutation($id: ID!) { followResearcher(id: $id) { id } }"
UNFOLLOW = "mutation($id: ID!) { unfollowResearcher(id: $id) { id } }"
CLAIM = "mutation($id: ID!) { claimResearcher(id: $id) { id } }"
FOLLOWERS = """
query($first: Int, $after: String) {
  researcher(id: "A1") {
    counts { followers }
    followers(first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage endCursor }
      edges { node { since researcher { id name } } }
    }
  }
}
"""
FEED = """
query($first: Int, $after: String) {
  viewer {
    feed(first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { id year } }
      groupBy(by: YEAR) { key count }
    }
  }
}
"""


async def _follows(api: Api) -> None:
    """Alice claims A1; Bo follows it, then Carol (who claimed A3); Dan follows A2."""
    await api.data(CLAIM, {"id": "A1"}, user="alice")
    await api.data(CLAIM, {"id": "A3"}, user="carol")
    await api.data(FOLLOW, {"id": "A1"}, user="bo")
    await asyncio.sleep(0.01)  # a later millisecond: the newest comes first
    await api.data(FOLLOW, {"id": "A1"}, user="carol")
    await api.data(FOLLOW, {"id": "A2"}, user="dan")


async def test_the_claimant_sees_who_follows(
    store_factory: StoreFactory, api_for: ApiFactory
) -> None:
    api = await api_for(await store_factory(small_graph()))
    await _follows(api)
    data = await api.data(FOLLOWERS, user="alice")
    followers = data["researcher"]["followers"]  # type: ignore[index]
    assert followers["totalCount"] == 2
    carol, bo = [edge["node"] for edge in followers["edges"]]
    assert carol["researcher"] == {"id": "A3", "name": "Cy Example"}
    assert bo["researcher"] is None  # Bo claimed no record
    assert bo["since"] < carol["since"] and carol["since"].endswith("+00:00")

    first = (await api.data(FOLLOWERS, {"first": 1}, user="alice"))["researcher"]
    page = first["followers"]  # type: ignore[index]
    assert page["pageInfo"]["hasNextPage"] is True
    after = page["pageInfo"]["endCursor"]
    rest = (await api.data(FOLLOWERS, {"first": 1, "after": after}, user="alice"))["researcher"]
    second = rest["followers"]  # type: ignore[index]
    assert second["pageInfo"] == {
        "hasNextPage": False,
        "hasPreviousPage": True,
        "endCursor": second["pageInfo"]["endCursor"],
    }
    assert [e["node"]["researcher"] for e in page["edges"] + second["edges"]] == [
        {"id": "A3", "name": "Cy Example"},
        None,
    ]


async def test_others_get_the_count_only(store_factory: StoreFactory, api_for: ApiFactory) -> None:
    api = await api_for(await store_factory(small_graph()))
    await _follows(api)
    for user, code in (("bo", "FORBIDDEN"), (None, "UNAUTHENTICATED")):
        body = await api.post(FOLLOWERS, user=user)
        [error] = body["errors"]  # type: ignore[misc]
        assert error["extensions"]["code"] == code, error
        assert body["data"] is None or body["data"]["researcher"] is None  # type: ignore[index]
    count = await api.data('{ researcher(id: "A1") { counts { followers } } }')
    assert count == {"researcher": {"counts": {"followers": 2}}}


async def test_a_repeated_follow_keeps_its_time(
    store_factory: StoreFactory, api_for: ApiFactory
) -> None:
    api = await api_for(await store_factory(small_graph()))
    await _follows(api)
    before = await api.data(FOLLOWERS, user="alice")
    await asyncio.sleep(0.01)
    await api.data(FOLLOW, {"id": "A1"}, user="bo")
    assert await api.data(FOLLOWERS, user="alice") == before
    await api.data(UNFOLLOW, {"id": "A1"}, user="carol")
    after = await api.data(FOLLOWERS, user="alice")
    assert after["researcher"]["followers"]["totalCount"] == 1  # type: ignore[index]


async def test_the_feed_holds_followed_researchers_works(
    store_factory: StoreFactory, api_for: ApiFactory
) -> None:
    api = await api_for(await store_factory(small_graph()))
    await api.data(FOLLOW, {"id": "A1"}, user="bo")
    await api.data(FOLLOW, {"id": "A2"}, user="bo")
    feed = (await api.data(FEED, user="bo"))["viewer"]["feed"]  # type: ignore[index]
    # Ada's W1-W3 and Bo's W1, W2, W4: each work once, newest first.
    assert [e["node"] for e in feed["edges"]] == [
        {"id": "W3", "year": 2022},
        {"id": "W2", "year": 2021},
        {"id": "W1", "year": 2020},
        {"id": "W4", "year": 2019},
    ]
    assert feed["totalCount"] == 4
    assert feed["groupBy"] == [{"key": y, "count": 1} for y in ("2019", "2020", "2021", "2022")]

    first = (await api.data(FEED, {"first": 3}, user="bo"))["viewer"]["feed"]  # type: ignore[index]
    cursor = first["pageInfo"]["endCursor"]
    rest = (await api.data(FEED, {"first": 3, "after": cursor}, user="bo"))["viewer"]
    assert [e["node"]["id"] for e in rest["feed"]["edges"]] == ["W4"]  # type: ignore[index]

    nobody = (await api.data(FEED, user="zoe"))["viewer"]["feed"]  # type: ignore[index]
    assert (nobody["totalCount"], nobody["edges"], nobody["groupBy"]) == (0, [], [])
