"""The write rules both stores share (`graphstore.decisions`), as pure functions: the
stores' own tests (`test_invitations.py`, `test_users.py`) show each store reads the
facts they take; these pin the order in which the rules speak."""

from __future__ import annotations

from dataclasses import replace

from researchgraph.graphstore.decisions import (
    DAY_MS,
    INVITATIONS_PER_DAY,
    NO_SENDER,
    InvitationFacts,
    answer_outcome,
    claim_outcome,
    send_outcome,
    window_start,
)
from researchgraph.graphstore.records import (
    AnswerOutcome,
    ClaimOutcome,
    InvitationRecord,
    SendOutcome,
)

PENDING = InvitationRecord("V1", "u1", "A1", "A2", "Hello", "PENDING", 0)
ALLOWED = InvitationFacts(
    senders_record="A1",
    target_found=True,
    target_claimed=True,
    target_open=True,
    pending=None,
    sent_in_window=INVITATIONS_PER_DAY - 1,
)


def test_an_invitation_hears_of_the_first_rule_it_breaks() -> None:
    assert send_outcome("A2", ALLOWED) is SendOutcome.SENT
    assert send_outcome("A2", NO_SENDER) is SendOutcome.SENDER_HAS_NO_CLAIM
    # Each step breaks one more rule; the outcome names the earliest broken.
    broken = ALLOWED
    for name, value, outcome in [
        ("sent_in_window", INVITATIONS_PER_DAY, SendOutcome.RATE_LIMITED),
        ("pending", PENDING, SendOutcome.DUPLICATE),
        ("target_open", False, SendOutcome.TARGET_CLOSED),
        ("target_claimed", False, SendOutcome.TARGET_NOT_CLAIMED),
    ]:
        broken = replace(broken, **{name: value})
        assert send_outcome("A2", broken) is outcome
    assert send_outcome("A1", broken) is SendOutcome.SELF
    assert send_outcome("A2", replace(broken, target_found=False)) is SendOutcome.TARGET_NOT_FOUND


def test_the_window_is_a_rolling_day() -> None:
    assert window_start(5 * DAY_MS + 7) == 4 * DAY_MS + 7


def test_a_record_has_one_claimant_and_a_user_one_record() -> None:
    assert claim_outcome("u1", None, None) is ClaimOutcome.CLAIMED
    assert claim_outcome("u1", "u1", "A1") is ClaimOutcome.ALREADY_YOURS
    assert claim_outcome("u1", "u2", "A9") is ClaimOutcome.TAKEN
    assert claim_outcome("u1", None, "A9") is ClaimOutcome.YOU_HOLD_ANOTHER


def test_only_a_pending_invitation_is_answered() -> None:
    assert answer_outcome(None) is AnswerOutcome.NOT_FOUND
    assert answer_outcome("PENDING") is AnswerOutcome.DONE
    assert all(answer_outcome(s) is AnswerOutcome.NOT_PENDING for s in ("ACCEPTED", "WITHDRAWN"))
