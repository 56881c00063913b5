"""Users' writes and reads: follows and claims. Writes lock the nodes they decide on
before reading them, so concurrent requests serialize on the database (a claim
cannot be won twice; the rule itself is `graphstore.decisions`); a uniqueness
constraint on `Researcher.claimedBy` backs the one-record-per-user rule."""

from __future__ import annotations

from collections.abc import Sequence

from neo4j import AsyncManagedTransaction

from researchgraph.graphstore.decisions import claim_outcome
from researchgraph.graphstore.neo4j.connection import Connection, run
from researchgraph.graphstore.neo4j.pages import (
    RESEARCHER_KEY,
    RESEARCHER_PROJECTION,
    owned_pages,
    owned_pages_query,
)
from researchgraph.graphstore.pages import Page, PageRequest
from researchgraph.graphstore.records import (
    ClaimOutcome,
    FollowerRecord,
    FollowersPage,
    FollowersRequest,
    ResearcherRecord,
)

# Setting then removing a property takes the node's write lock for the transaction.
_LOCK = "SET r.writeLock = true, u.writeLock = true REMOVE r.writeLock, u.writeLock"

FOLLOW = f"""
MATCH (r:Researcher {{id: $researcher}})
MERGE (u:User {{id: $user}})
{_LOCK}
MERGE (u)-[f:FOLLOWS]->(r)
ON CREATE SET f.since = $now
RETURN r.id AS id
"""
UNFOLLOW = """
MATCH (r:Researcher {id: $researcher})
OPTIONAL MATCH (:User {id: $user})-[f:FOLLOWS]->(r)
DELETE f
RETURN r.id AS id
"""
FOLLOWING = """
UNWIND range(0, size($pairs) - 1) AS index
RETURN index,
       EXISTS { (:User {id: $pairs[index][0]})-[:FOLLOWS]->(:Researcher {id: $pairs[index][1]}) }
       AS follows
"""
CLAIM_FACTS = f"""
MATCH (r:Researcher {{id: $researcher}})
MERGE (u:User {{id: $user}})
{_LOCK}
RETURN [(holder:User)-[:CLAIMED]->(r) | holder.id][0] AS holder,
       [(u)-[:CLAIMED]->(mine:Researcher) | mine.id][0] AS mine
"""
CLAIM = """
MATCH (r:Researcher {id: $researcher}), (u:User {id: $user})
CREATE (u)-[:CLAIMED]->(r)
SET r.claimedBy = u.id
"""
RELEASE = """
MATCH (u:User {id: $user})-[c:CLAIMED]->(r:Researcher)
DELETE c
REMOVE r.claimedBy
RETURN r.id AS id
"""
CLAIMS = """
UNWIND $ids AS id
MATCH (:User {id: id})-[:CLAIMED]->(r:Researcher)
RETURN id, r.id AS researcher
"""
FOLLOWERS = """
UNWIND $requests AS req
CALL (req) {
  MATCH (u:User)-[f:FOLLOWS]->(:Researcher {id: req.owner})
  WITH u, f ORDER BY -coalesce(f.since, 0), u.id
  WITH collect([u.id, f.since, head([(u)-[:CLAIMED]->(c:Researcher) | c.id])]) AS rows
  RETURN size(rows) AS total, rows[req.offset..req.offset + req.limit] AS page
}
RETURN req.index AS index, total, page
"""
FOLLOWED = owned_pages_query(
    "(:User {id: req.owner})-[:FOLLOWS]->(n:Researcher)",
    "true",
    RESEARCHER_KEY,
    RESEARCHER_PROJECTION,
)


async def follow(connection: Connection, user_id: str, researcher_id: str, now_ms: int) -> bool:
    return bool(
        await connection.write_query(FOLLOW, user=user_id, researcher=researcher_id, now=now_ms)
    )


async def unfollow(connection: Connection, user_id: str, researcher_id: str) -> bool:
    return bool(await connection.write_query(UNFOLLOW, user=user_id, researcher=researcher_id))


async def following(connection: Connection, pairs: Sequence[tuple[str, str]]) -> list[bool]:
    rows = await connection.read(FOLLOWING, {"pairs": [list(p) for p in pairs]})
    found = {row["index"]: row["follows"] for row in rows}
    return [bool(found.get(i)) for i in range(len(pairs))]


async def claim(connection: Connection, user_id: str, researcher_id: str) -> ClaimOutcome:
    """One write transaction: lock the record and the user, read who holds what, ask
    the rule (`graphstore.decisions`), claim if it allows."""

    async def work(tx: AsyncManagedTransaction) -> ClaimOutcome:
        facts = await run(tx, CLAIM_FACTS, user=user_id, researcher=researcher_id)
        if not facts:
            return ClaimOutcome.NOT_FOUND
        outcome = claim_outcome(user_id, facts[0]["holder"], facts[0]["mine"])
        if outcome is ClaimOutcome.CLAIMED:
            await run(tx, CLAIM, user=user_id, researcher=researcher_id)
        return outcome

    return await connection.write(work)


async def release_claim(connection: Connection, user_id: str) -> str | None:
    rows = await connection.write_query(RELEASE, user=user_id)
    return str(rows[0]["id"]) if rows else None


async def claims(connection: Connection, user_ids: Sequence[str]) -> list[str | None]:
    rows = await connection.read(CLAIMS, {"ids": list(dict.fromkeys(user_ids))})
    found = {row["id"]: row["researcher"] for row in rows}
    return [found.get(i) for i in user_ids]


async def followed(
    connection: Connection, requests: Sequence[PageRequest]
) -> list[Page[ResearcherRecord]]:
    return await owned_pages(connection, FOLLOWED, ResearcherRecord, requests)


async def followers(
    connection: Connection, requests: Sequence[FollowersRequest]
) -> list[FollowersPage]:
    params = [
        {"index": i, "owner": r.researcher_id, "offset": r.offset, "limit": r.limit}
        for i, r in enumerate(requests)
    ]
    rows = {row["index"]: row for row in await connection.read(FOLLOWERS, {"requests": params})}
    return [
        FollowersPage([FollowerRecord(*follower) for follower in rows[i]["page"]], rows[i]["total"])
        if i in rows
        else FollowersPage([], 0)
        for i in range(len(requests))
    ]
