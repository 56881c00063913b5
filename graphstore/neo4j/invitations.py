"""Profile edits and collaboration invitations. Each is one write transaction: lock
the node it decides on (the record, the sender, the invitation), read the facts its
rule needs (`graphstore.decisions`), then write what the rule allows; concurrent
requests serialize on the lock, so a rate limit or a no-duplicates rule cannot be
raced past."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from neo4j import AsyncManagedTransaction

from researchgraph.graphstore.decisions import (
    NO_SENDER,
    InvitationFacts,
    answer_outcome,
    send_outcome,
    update_outcome,
    window_start,
)
from researchgraph.graphstore.neo4j.connection import Connection, run
from researchgraph.graphstore.pages import Page, PageRow
from researchgraph.graphstore.records import (
    AnswerOutcome,
    InvitationFactsRequest,
    InvitationRecord,
    InvitationsRequest,
    SendOutcome,
    UpdateOutcome,
)

# Setting then removing a property takes the node's write lock for the transaction:
# what is read after it cannot change before the transaction's writes commit.
UPDATE_FACTS = """
MATCH (r:Researcher {id: $researcher})
SET r.writeLock = true REMOVE r.writeLock
RETURN EXISTS { (:User {id: $user})-[:CLAIMED]->(r) } AS claimant
"""
UPDATE = """
MATCH (r:Researcher {id: $researcher})
SET r += $changes
"""

_PROJECTION = """i {.id, .message, .status, .createdMs, .respondedMs,
  sender: [(s:User)-[:SENT]->(i) | s.id][0], fromResearcher: i.fromResearcher,
  toResearcher: [(i)-[:TO]->(t:Researcher) | t.id][0]}"""

# The facts `decisions.send_outcome` needs, for the user `me` (null for one who never
# wrote anything), the record `targetId`, counting invitations sent after `since`.
_FACTS = """
OPTIONAL MATCH (me)-[:CLAIMED]->(mine:Researcher)
OPTIONAL MATCH (target:Researcher {{id: targetId}})
OPTIONAL MATCH (recipient:User)-[:CLAIMED]->(target)
CALL (me, target) {{
  OPTIONAL MATCH (me)-[:SENT]->(i:Invitation {{status: 'PENDING'}})-[:TO]->(target)
  WITH i ORDER BY i.createdMs DESC, i.id DESC LIMIT 1
  RETURN CASE WHEN i IS NULL THEN null ELSE {projection} END AS pending
}}
CALL (me, since) {{
  OPTIONAL MATCH (me)-[:SENT]->(recent:Invitation)
  WHERE recent.createdMs > since
  RETURN count(recent) AS inWindow
}}
RETURN {returned} mine.id AS sendersRecord, target IS NOT NULL AS targetFound,
       recipient IS NOT NULL AS targetClaimed,
       coalesce(target.openToCollaborate, false) AS targetOpen, pending, inWindow
"""
# Locks the sender first: two sends by one user serialize here.
SEND_FACTS = """
MATCH (me:User {id: $user})
SET me.writeLock = true REMOVE me.writeLock
WITH me, $target AS targetId, $since AS since
""" + _FACTS.format(projection=_PROJECTION, returned="")
INVITATION_FACTS = """
UNWIND $requests AS req
OPTIONAL MATCH (me:User {id: req.user})
WITH req.index AS index, me, req.target AS targetId, req.since AS since
""" + _FACTS.format(projection=_PROJECTION, returned="index,")
SEND = f"""
MATCH (me:User {{id: $user}}), (target:Researcher {{id: $target}})
CREATE (me)-[:SENT]->(i:Invitation {{id: $id, message: $message, status: 'PENDING',
                                     createdMs: $now, fromResearcher: $fromResearcher}})-[:TO]->(target)
RETURN {_PROJECTION} AS invitation
"""

_ANSWER_FACTS = """
MATCH (i:Invitation {{id: $id}})-[:TO]->(target:Researcher)
SET i.writeLock = true REMOVE i.writeLock
WITH i, target
RETURN CASE WHEN EXISTS {{ {party} }} THEN i.status END AS status,
       {projection} AS invitation
"""
# The recipient is whoever holds the invited record; the sender, who sent it.
RESPOND_FACTS = _ANSWER_FACTS.format(
    party="(:User {id: $user})-[:CLAIMED]->(target)", projection=_PROJECTION
)
WITHDRAW_FACTS = _ANSWER_FACTS.format(
    party="(:User {id: $user})-[:SENT]->(i)", projection=_PROJECTION
)
ANSWER = f"""
MATCH (i:Invitation {{id: $id}})
SET i.status = $status, i.respondedMs = $now
RETURN {_PROJECTION} AS invitation
"""

INVITATIONS = f"""
UNWIND $requests AS req
CALL (req) {{
  MATCH (me:User {{id: req.user}})
  CALL (me, req) {{
    WITH * WHERE req.role = 'SENT'
    MATCH (me)-[:SENT]->(i:Invitation)
    RETURN i
    UNION
    WITH * WHERE req.role = 'RECEIVED'
    MATCH (me)-[:CLAIMED]->(:Researcher)<-[:TO]-(i:Invitation)
    RETURN i
  }}
  WITH i WHERE req.status IS NULL OR i.status = req.status
  WITH i, -i.createdMs AS key ORDER BY key, i.id
  WITH collect({{key: key, i: i}}) AS rows
  WITH size(rows) AS total, [row IN rows WHERE req.afterKey IS NULL OR row.key > req.afterKey
       OR (row.key = req.afterKey AND row.i.id > req.afterId)][0..req.limit + 1] AS page
  UNWIND (CASE page WHEN [] THEN [null] ELSE page END) AS row
  WITH total, row, row.i AS i
  RETURN total, collect(CASE WHEN i IS NULL THEN null ELSE {{key: row.key, i: {_PROJECTION}}} END)
         AS page
}}
RETURN req.index AS index, total, page
"""


def invitation(row: dict[str, Any]) -> InvitationRecord:
    return InvitationRecord(
        id=row["id"],
        sender_id=row["sender"],
        from_researcher_id=row["fromResearcher"],
        to_researcher_id=row["toResearcher"],
        message=row["message"],
        status=row["status"],
        created_ms=row["createdMs"],
        responded_ms=row.get("respondedMs"),
    )


async def update_profile(
    connection: Connection, user_id: str, researcher_id: str, changes: dict[str, Any]
) -> UpdateOutcome:
    async def work(tx: AsyncManagedTransaction) -> UpdateOutcome:
        facts = await run(tx, UPDATE_FACTS, user=user_id, researcher=researcher_id)
        if not facts:
            return UpdateOutcome.NOT_FOUND
        outcome = update_outcome(facts[0]["claimant"])
        if outcome is UpdateOutcome.UPDATED:
            await run(tx, UPDATE, researcher=researcher_id, changes=changes)
        return outcome

    return await connection.write(work)


def _facts(row: dict[str, Any]) -> InvitationFacts:
    return InvitationFacts(
        senders_record=row["sendersRecord"],
        target_found=row["targetFound"],
        target_claimed=row["targetClaimed"],
        target_open=row["targetOpen"],
        pending=invitation(row["pending"]) if row["pending"] else None,
        sent_in_window=row["inWindow"],
    )


async def invitation_facts(
    connection: Connection, requests: Sequence[InvitationFactsRequest]
) -> list[InvitationFacts]:
    params = [
        {"index": i, "user": r.user_id, "target": r.target_id, "since": r.since_ms}
        for i, r in enumerate(requests)
    ]
    rows = await connection.read(INVITATION_FACTS, {"requests": params})
    found = {row["index"]: _facts(row) for row in rows}
    return [found[i] for i in range(len(requests))]


async def send(
    connection: Connection,
    *,
    user_id: str,
    target_id: str,
    message: str,
    invitation_id: str,
    now_ms: int,
) -> tuple[SendOutcome, InvitationRecord | None]:
    async def work(tx: AsyncManagedTransaction) -> tuple[SendOutcome, InvitationRecord | None]:
        rows = await run(tx, SEND_FACTS, user=user_id, target=target_id, since=window_start(now_ms))
        # A user who never wrote anything has no node, and holds no claim.
        facts = _facts(rows[0]) if rows else NO_SENDER
        outcome = send_outcome(target_id, facts)
        if outcome is not SendOutcome.SENT:
            return outcome, None
        sent = await run(
            tx,
            SEND,
            user=user_id,
            target=target_id,
            id=invitation_id,
            message=message,
            now=now_ms,
            fromResearcher=facts.senders_record,
        )
        return outcome, invitation(sent[0]["invitation"])

    return await connection.write(work)


async def answer(
    connection: Connection,
    facts_query: str,
    *,
    user_id: str,
    invitation_id: str,
    status: str,
    now_ms: int,
) -> tuple[AnswerOutcome, InvitationRecord | None]:
    """Respond to (`RESPOND_FACTS`) or withdraw (`WITHDRAW_FACTS`) an invitation."""

    async def work(tx: AsyncManagedTransaction) -> tuple[AnswerOutcome, InvitationRecord | None]:
        rows = await run(tx, facts_query, user=user_id, id=invitation_id)
        outcome = answer_outcome(rows[0]["status"] if rows else None)
        if outcome is AnswerOutcome.NOT_FOUND:
            return outcome, None
        if outcome is AnswerOutcome.NOT_PENDING:
            return outcome, invitation(rows[0]["invitation"])
        answered = await run(tx, ANSWER, id=invitation_id, status=status, now=now_ms)
        return outcome, invitation(answered[0]["invitation"])

    return await connection.write(work)


async def invitations(
    connection: Connection, requests: Sequence[InvitationsRequest]
) -> list[Page[InvitationRecord]]:
    params = [
        {
            "index": i,
            "user": r.user_id,
            "role": r.role,
            "status": r.status,
            "limit": r.limit,
            "afterKey": r.after[0] if r.after else None,
            "afterId": r.after[1] if r.after else None,
        }
        for i, r in enumerate(requests)
    ]
    rows = {row["index"]: row for row in await connection.read(INVITATIONS, {"requests": params})}
    pages = []
    for i, request in enumerate(requests):
        row = rows.get(i)
        found = [PageRow(item["key"], invitation(item["i"])) for item in row["page"]] if row else []
        pages.append(
            Page(
                rows=found[: request.limit],
                total=row["total"] if row else 0,
                has_next=len(found) > request.limit,
            )
        )
    return pages
