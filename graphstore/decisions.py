"""The rules of the writes that decide: claiming a record, editing a claimed profile,
sending and answering invitations. Each is a pure function of what a store read about
the nodes it decides on; each store reads those facts (Neo4j inside the write
transaction, after locking the nodes, so concurrent requests cannot race past a
rule), asks the rule, and writes what it allows. Written once, both stores decide
alike."""

from __future__ import annotations

from dataclasses import dataclass

from researchgraph.graphstore.records import (
    AnswerOutcome,
    ClaimOutcome,
    InvitationRecord,
    InvitationStatus,
    SendOutcome,
    UpdateOutcome,
)

# A sender's invitations in any 24 hours.
INVITATIONS_PER_DAY = 20
DAY_MS = 86_400_000


def claim_outcome(user_id: str, holder: str | None, users_record: str | None) -> ClaimOutcome:
    """A claim of an existing record held by `holder` (a user id), by a user who holds
    `users_record`: a record has one claimant, a user claims one record."""
    if holder == user_id:
        return ClaimOutcome.ALREADY_YOURS
    if holder is not None:
        return ClaimOutcome.TAKEN
    if users_record is not None:
        return ClaimOutcome.YOU_HOLD_ANOTHER
    return ClaimOutcome.CLAIMED


def may_follow(users_record: str | None, researcher_id: str) -> bool:
    """Following is for others' records: not the one the user claimed."""
    return users_record != researcher_id


def update_outcome(claimant: bool) -> UpdateOutcome:
    """An edit of an existing record: its claimant's alone."""
    return UpdateOutcome.UPDATED if claimant else UpdateOutcome.NOT_CLAIMANT


@dataclass(frozen=True, slots=True)
class InvitationFacts:
    """What deciding an invitation from a user to a record takes."""

    senders_record: str | None  # the record the sender claimed
    target_found: bool
    target_claimed: bool
    target_open: bool  # open to collaboration, as its claimant set it
    pending: InvitationRecord | None  # the sender's invitation to it still waiting
    sent_in_window: int  # the sender's invitations since `window_start`


NO_SENDER = InvitationFacts(None, False, False, False, None, 0)


def window_start(now_ms: int) -> int:
    """The start of the rolling day over which a sender's invitations are counted."""
    return now_ms - DAY_MS


def send_outcome(target_id: str, facts: InvitationFacts) -> SendOutcome:
    """Whether the invitation may be sent; the checks in the order a sender would
    want to hear of them."""
    if facts.senders_record is None:
        return SendOutcome.SENDER_HAS_NO_CLAIM
    if not facts.target_found:
        return SendOutcome.TARGET_NOT_FOUND
    if target_id == facts.senders_record:
        return SendOutcome.SELF
    if not facts.target_claimed:
        return SendOutcome.TARGET_NOT_CLAIMED
    if not facts.target_open:
        return SendOutcome.TARGET_CLOSED
    if facts.pending is not None:
        return SendOutcome.DUPLICATE
    if facts.sent_in_window >= INVITATIONS_PER_DAY:
        return SendOutcome.RATE_LIMITED
    return SendOutcome.SENT


def answer_outcome(status: str | None) -> AnswerOutcome:
    """Answering (or withdrawing) an invitation in `status`; None when there is none
    this user may answer: only its recipient responds, only its sender withdraws."""
    if status is None:
        return AnswerOutcome.NOT_FOUND
    if status != InvitationStatus.PENDING:
        return AnswerOutcome.NOT_PENDING
    return AnswerOutcome.DONE
