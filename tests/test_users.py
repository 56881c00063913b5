"""Follow, unfollow, claim, release: who may, what changes, what stays, and races."""

from __future__ import annotations

import asyncio
import math

from researchgraph.graphstore.neo4j import Neo4jStore

from conftest import ApiFactory, StoreFactory
from graphs import small_graph

STATE = """
query($id: ID!) { researcher(id: $id) {
  claimed viewerIsFollowing counts { followers }
  trust { score verificationLevel claimed signals { name contribution } } } }
"""
FOLLOW = (
    "mutation($id: ID!) { followResearcher(id: $id) { id viewerIsFollowing counts { followers } } }"
)
UNFOLLOW = "mutation($id: ID!) { unfollowResearcher(id: $id) { id viewerIsFollowing counts { followers } } }"
CLAIM = "mutation($id: ID!) { claimResearcher(id: $id) { id claimed trust { verificationLevel } } }"
RELEASE = "mutation { releaseClaim { id claimed } }"
VIEWER = """{ viewer { id claimedResearcher { id }
  following(first: 10) { totalCount edges { node { id } } } } }"""


def _code(body: dict[str, object]) -> str:
    return body["errors"][0]["extensions"]["code"]  # type: ignore[index,no-any-return]


async def test_anonymous_writes_are_refused_and_change_nothing(
    store_factory: StoreFactory, api_for: ApiFactory
) -> None:
    api = await api_for(await store_factory(small_graph()))
    before = await api.data(STATE, {"id": "A1"})
    for mutation in (FOLLOW, UNFOLLOW, CLAIM):
        body = await api.post(mutation, {"id": "A1"})
        assert _code(body) == "UNAUTHENTICATED" and body["data"] is None
    assert _code(await api.post(RELEASE)) == "UNAUTHENTICATED"
    assert await api.data(STATE, {"id": "A1"}) == before
    assert (await api.data(VIEWER))["viewer"] is None


async def test_follow_is_idempotent_and_counted(
    store_factory: StoreFactory, api_for: ApiFactory
) -> None:
    api = await api_for(await store_factory(small_graph()))
    trust_before = (await api.data(STATE, {"id": "A1"}))["researcher"]["trust"]  # type: ignore[index]
    first = await api.data(FOLLOW, {"id": "A1"}, user="u1")
    assert first["followResearcher"] == {
        "id": "A1",
        "viewerIsFollowing": True,
        "counts": {"followers": 1},
    }
    again = await api.data(FOLLOW, {"id": "A1"}, user="u1")
    assert again["followResearcher"]["counts"] == {"followers": 1}  # type: ignore[index]
    await api.data(FOLLOW, {"id": "A1"}, user="u2")
    seen_by_u3 = (await api.data(STATE, {"id": "A1"}, user="u3"))["researcher"]
    assert seen_by_u3["counts"] == {"followers": 2} and seen_by_u3["viewerIsFollowing"] is False  # type: ignore[index]
    # Followers are a trust signal (see the formula): two of them move only it.
    trust_after = (await api.data(STATE, {"id": "A1"}))["researcher"]["trust"]  # type: ignore[index]
    moved = {
        s["name"]
        for s, t in zip(trust_before["signals"], trust_after["signals"], strict=True)
        if s != t
    }
    assert moved == {"followers"} and trust_after["score"] > trust_before["score"]
    viewer = (await api.data(VIEWER, user="u1"))["viewer"]
    assert viewer["following"] == {"totalCount": 1, "edges": [{"node": {"id": "A1"}}]}  # type: ignore[index]
    gone = await api.data(UNFOLLOW, {"id": "A1"}, user="u1")
    assert gone["unfollowResearcher"] == {
        "id": "A1",
        "viewerIsFollowing": False,
        "counts": {"followers": 1},
    }
    assert (await api.data(UNFOLLOW, {"id": "A1"}, user="u1"))["unfollowResearcher"]["counts"] == {
        "followers": 1
    }  # type: ignore[index]


async def test_follow_errors(store_factory: StoreFactory, api_for: ApiFactory) -> None:
    api = await api_for(await store_factory(small_graph()))
    assert _code(await api.post(FOLLOW, {"id": "A999"}, user="u1")) == "NOT_FOUND"
    assert _code(await api.post(FOLLOW, {"id": "W1"}, user="u1")) == "BAD_USER_INPUT"
    await api.data(CLAIM, {"id": "A2"}, user="u1")
    assert _code(await api.post(FOLLOW, {"id": "A2"}, user="u1")) == "FORBIDDEN"
    assert (await api.data(STATE, {"id": "A2"}))["researcher"]["counts"] == {"followers": 0}  # type: ignore[index]


async def test_concurrent_follows_count_once(
    store_factory: StoreFactory, api_for: ApiFactory
) -> None:
    api = await api_for(await store_factory(small_graph()))
    await asyncio.gather(*(api.post(FOLLOW, {"id": "A3"}, user=f"u{i % 4}") for i in range(24)))
    state = (await api.data(STATE, {"id": "A3"}))["researcher"]
    assert state["counts"] == {"followers": 4}  # type: ignore[index]
    await asyncio.gather(*(api.post(UNFOLLOW, {"id": "A3"}, user=f"u{i % 4}") for i in range(24)))
    assert (await api.data(STATE, {"id": "A3"}))["researcher"]["counts"] == {"followers": 0}  # type: ignore[index]


async def test_claim_moves_the_trust_snapshot_and_release_undoes_it(
    store_factory: StoreFactory, api_for: ApiFactory
) -> None:
    api = await api_for(await store_factory(small_graph()))
    before = (await api.data(STATE, {"id": "A1"}))["researcher"]
    assert before["trust"]["verificationLevel"] == "L2" and before["claimed"] is False  # type: ignore[index]
    claimed = await api.data(CLAIM, {"id": "A1"}, user="ada")
    assert claimed["claimResearcher"] == {
        "id": "A1",
        "claimed": True,
        "trust": {"verificationLevel": "L3"},
    }
    after = (await api.data(STATE, {"id": "A1"}))["researcher"]
    signals = {s["name"]: s["contribution"] for s in after["trust"]["signals"]}  # type: ignore[index]
    old = {s["name"]: s["contribution"] for s in before["trust"]["signals"]}  # type: ignore[index]
    # The documented formula: verification 3/3 x 45, claimed 1 x 28; the rest unchanged.
    assert (signals["verification"], signals["claimed"]) == (45.0, 28.0)
    assert {k: v for k, v in signals.items() if k not in ("verification", "claimed")} == {
        k: v for k, v in old.items() if k not in ("verification", "claimed")
    }
    assert after["trust"]["score"] == round(sum(signals.values()))  # type: ignore[index]
    assert after["trust"]["score"] - before["trust"]["score"] == round(
        sum(signals.values())
    ) - round(  # type: ignore[index]
        sum(old.values())
    )
    # From L2 (2/3 x 45) to L3 and claimed: +15 + 28.
    assert math.isclose(sum(signals.values()) - sum(old.values()), 43.0, abs_tol=1e-3)
    assert (await api.data(VIEWER, user="ada"))["viewer"]["claimedResearcher"] == {"id": "A1"}  # type: ignore[index]

    assert (await api.data(RELEASE, user="ada"))["releaseClaim"] == {"id": "A1", "claimed": False}
    assert (await api.data(STATE, {"id": "A1"}))["researcher"] == before
    assert (await api.data(RELEASE, user="ada"))["releaseClaim"] is None


async def test_claim_rules(store_factory: StoreFactory, api_for: ApiFactory) -> None:
    api = await api_for(await store_factory(small_graph()))
    await api.data(CLAIM, {"id": "A1"}, user="ada")
    assert (await api.data(CLAIM, {"id": "A1"}, user="ada"))["claimResearcher"]["claimed"] is True  # type: ignore[index]
    assert _code(await api.post(CLAIM, {"id": "A1"}, user="mallory")) == "CONFLICT"
    assert (
        _code(await api.post(CLAIM, {"id": "A2"}, user="ada")) == "CONFLICT"
    )  # one record per user
    assert _code(await api.post(CLAIM, {"id": "A999"}, user="bo")) == "NOT_FOUND"
    assert (await api.data(RELEASE, user="mallory"))["releaseClaim"] is None  # holds nothing
    assert (await api.data(VIEWER, user="ada"))["viewer"]["claimedResearcher"] == {"id": "A1"}  # type: ignore[index]


async def test_many_simultaneous_claims_have_one_winner(
    neo4j_factory: StoreFactory, neo4j_store: Neo4jStore, api_for: ApiFactory
) -> None:
    api = await api_for(await neo4j_factory(small_graph()))
    bodies = await asyncio.gather(
        *(api.post(CLAIM, {"id": "A3"}, user=f"claimant-{i}") for i in range(16))
    )
    winners = [b for b in bodies if not b.get("errors")]
    assert len(winners) == 1
    assert sorted(_code(b) for b in bodies if b.get("errors")) == ["CONFLICT"] * 15
    rows = await neo4j_store.connection.read(
        "MATCH (u:User)-[:CLAIMED]->(:Researcher {id: 'A3'}) RETURN collect(u.id) AS users", {}
    )
    assert len(rows[0]["users"]) == 1
