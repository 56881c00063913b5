"""Profile edits and collaboration invitations. Each write locks the node it decides
on (the sender, the invitation, the record) before reading it, so concurrent requests
serialize: a rate limit or a no-duplicates rule cannot be raced past."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from researchgraph.graphstore.neo4j.connection import Connection
from researchgraph.graphstore.pages import Page, PageRow
from researchgraph.graphstore.records import (
    AnswerOutcome,
    InvitationRecord,
    InvitationsRequest,
    SendOutcome,
    UpdateOutcome,
)

UPDATE_PROFILE = """
MATCH (r:Researcher {id: $researcher})
SET r.writeLock = true REMOVE r.writeLock
WITH r
OPTIONAL MATCH (u:User {id: $user})-[:CLAIMED]->(r)
CALL (r, u) {
  WITH * WHERE u IS NOT NULL
  SET r += $changes
}
RETURN u IS NOT NULL AS allowed
"""

_PROJECTION = """i {.id, .message, .status, .createdMs, .respondedMs,
  sender: [(s:User)-[:SENT]->(i) | s.id][0], fromResearcher: i.fromResearcher,
  toResearcher: [(i)-[:TO]->(t:Researcher) | t.id][0]}"""

SEND = (
    """
MATCH (me:User {id: $user})
SET me.writeLock = true REMOVE me.writeLock
WITH me
OPTIONAL MATCH (me)-[:CLAIMED]->(mine:Researcher)
OPTIONAL MATCH (target:Researcher {id: $target})
OPTIONAL MATCH (recipient:User)-[:CLAIMED]->(target)
CALL (me, target) {
  OPTIONAL MATCH (me)-[:SENT]->(p:Invitation {status: 'PENDING'})-[:TO]->(target)
  RETURN count(p) AS duplicates
}
CALL (me) {
  OPTIONAL MATCH (me)-[:SENT]->(recent:Invitation)
  WHERE recent.createdMs > $since
  RETURN count(recent) AS recentCount
}
WITH me, mine, target, CASE
    WHEN mine IS NULL THEN 'SENDER_HAS_NO_CLAIM'
    WHEN target IS NULL THEN 'TARGET_NOT_FOUND'
    WHEN target = mine THEN 'SELF'
    WHEN recipient IS NULL THEN 'TARGET_NOT_CLAIMED'
    WHEN NOT coalesce(target.openToCollaborate, false) THEN 'TARGET_CLOSED'
    WHEN duplicates > 0 THEN 'DUPLICATE'
    WHEN recentCount >= $perDay THEN 'RATE_LIMITED'
    ELSE 'SENT' END AS outcome
CALL (me, mine, target, outcome) {
  WITH * WHERE outcome = 'SENT'
  CREATE (me)-[:SENT]->(i:Invitation {id: $id, message: $message, status: 'PENDING',
                                       createdMs: $now, fromResearcher: mine.id})-[:TO]->(target)
}
OPTIONAL MATCH (me)-[:SENT]->(i:Invitation {id: $id})
RETURN outcome, CASE WHEN i IS NULL THEN null ELSE """
    + _PROJECTION
    + """ END AS invitation
"""
)

_ANSWER = """
MATCH (i:Invitation {{id: $id}})-[:TO]->(target:Researcher)
SET i.writeLock = true REMOVE i.writeLock
WITH i, target
OPTIONAL MATCH {party}
WITH i, me, CASE WHEN me IS NULL THEN 'NOT_FOUND'
                 WHEN i.status <> 'PENDING' THEN 'NOT_PENDING'
                 ELSE 'DONE' END AS outcome
CALL (i, outcome) {{
  WITH * WHERE outcome = 'DONE'
  SET i.status = $status, i.respondedMs = $now
}}
RETURN outcome, {projection} AS invitation
"""
# The recipient is whoever holds the invited record; the sender, who sent it.
RESPOND = _ANSWER.format(party="(me:User {id: $user})-[:CLAIMED]->(target)", projection=_PROJECTION)
WITHDRAW = _ANSWER.format(party="(me:User {id: $user})-[:SENT]->(i)", projection=_PROJECTION)

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
    rows = await connection.write_query(
        UPDATE_PROFILE, user=user_id, researcher=researcher_id, changes=changes
    )
    if not rows:
        return UpdateOutcome.NOT_FOUND
    return UpdateOutcome.UPDATED if rows[0]["allowed"] else UpdateOutcome.NOT_CLAIMANT


async def send(
    connection: Connection,
    *,
    user_id: str,
    target_id: str,
    message: str,
    invitation_id: str,
    now_ms: int,
    since_ms: int,
    per_day: int,
) -> tuple[SendOutcome, InvitationRecord | None]:
    rows = await connection.write_query(
        SEND,
        user=user_id,
        target=target_id,
        message=message,
        id=invitation_id,
        now=now_ms,
        since=since_ms,
        perDay=per_day,
    )
    if not rows:
        return SendOutcome.SENDER_HAS_NO_CLAIM, None
    sent = rows[0]["invitation"]
    return SendOutcome(rows[0]["outcome"]), invitation(sent) if sent else None


async def answer(
    connection: Connection,
    query: str,
    *,
    user_id: str,
    invitation_id: str,
    status: str,
    now_ms: int,
) -> tuple[AnswerOutcome, InvitationRecord | None]:
    rows = await connection.write_query(
        query, user=user_id, id=invitation_id, status=status, now=now_ms
    )
    if not rows:
        return AnswerOutcome.NOT_FOUND, None
    outcome = AnswerOutcome(rows[0]["outcome"])
    found = invitation(rows[0]["invitation"]) if outcome is not AnswerOutcome.NOT_FOUND else None
    return outcome, found


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
