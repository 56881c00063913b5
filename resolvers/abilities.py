"""What the viewer may do to a researcher record, for the page's buttons (Follow,
Claim, Invite, Edit) to render in the same query. Each answer is the rule the
mutation itself applies (`graphstore.decisions`), asked of the same facts, so a
button never offers what its mutation would refuse; a refusal names its reason."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from researchgraph.graphstore.decisions import (
    NO_SENDER,
    InvitationFacts,
    claim_outcome,
    may_follow,
    send_outcome,
    update_outcome,
    window_start,
)
from researchgraph.graphstore.records import (
    ClaimOutcome,
    InvitationFactsRequest,
    InvitationRecord,
    ResearcherRecord,
    SendOutcome,
    UpdateOutcome,
)
from researchgraph.resolvers.context import Context


class AbilityReason(StrEnum):
    LOG_IN = "LOG_IN"  # sign in first
    SELF = "SELF"  # the viewer's own (claimed) record
    ALREADY_YOURS = "ALREADY_YOURS"  # the viewer has claimed it already
    ALREADY_CLAIMED = "ALREADY_CLAIMED"  # another user has claimed it
    YOU_HOLD_ANOTHER = "YOU_HOLD_ANOTHER"  # the viewer has claimed another record
    CLAIM_FIRST = "CLAIM_FIRST"  # invitations come from a claimed record: claim yours
    NOT_CLAIMED = "NOT_CLAIMED"  # only claimed records receive invitations
    NOT_OPEN = "NOT_OPEN"  # its claimant is not open to collaboration
    ALREADY_INVITED = "ALREADY_INVITED"  # the viewer's invitation to it is pending
    RATE_LIMITED = "RATE_LIMITED"  # the viewer sent the day's invitations
    NOT_CLAIMANT = "NOT_CLAIMANT"  # only its claimant edits a record


@dataclass(frozen=True, slots=True)
class Ability:
    allowed: bool
    reason: AbilityReason | None = None


ALLOWED = Ability(True)
_ANOTHER = "another user"  # a holder other than the viewer, for `claim_outcome`


def _refused(reason: AbilityReason) -> Ability:
    return Ability(False, reason)


_CLAIM_REASONS = {
    ClaimOutcome.ALREADY_YOURS: AbilityReason.ALREADY_YOURS,
    ClaimOutcome.TAKEN: AbilityReason.ALREADY_CLAIMED,
    ClaimOutcome.YOU_HOLD_ANOTHER: AbilityReason.YOU_HOLD_ANOTHER,
}
_SEND_REASONS = {
    SendOutcome.SENDER_HAS_NO_CLAIM: AbilityReason.CLAIM_FIRST,
    SendOutcome.SELF: AbilityReason.SELF,
    SendOutcome.TARGET_NOT_CLAIMED: AbilityReason.NOT_CLAIMED,
    SendOutcome.TARGET_CLOSED: AbilityReason.NOT_OPEN,
    SendOutcome.DUPLICATE: AbilityReason.ALREADY_INVITED,
    SendOutcome.RATE_LIMITED: AbilityReason.RATE_LIMITED,
}


async def follow(ctx: Context, researcher_id: str) -> Ability:
    if ctx.viewer_id is None:
        return _refused(AbilityReason.LOG_IN)
    if not may_follow(await ctx.loaders.claims.load(ctx.viewer_id), researcher_id):
        return _refused(AbilityReason.SELF)
    return ALLOWED


async def claim(ctx: Context, record: ResearcherRecord) -> Ability:
    if ctx.viewer_id is None:
        return _refused(AbilityReason.LOG_IN)
    users_record = await ctx.loaders.claims.load(ctx.viewer_id)
    # The rule needs only whether the holder is the viewer, someone else, or nobody.
    holder = ctx.viewer_id if users_record == record.id else (_ANOTHER if record.claimed else None)
    outcome = claim_outcome(ctx.viewer_id, holder, users_record)
    return ALLOWED if outcome is ClaimOutcome.CLAIMED else _refused(_CLAIM_REASONS[outcome])


async def _facts(ctx: Context, researcher_id: str) -> InvitationFacts:
    if ctx.viewer_id is None:
        return NO_SENDER
    since = window_start(ctx.started_ms)
    return await ctx.loaders.invitation_facts.load(
        InvitationFactsRequest(ctx.viewer_id, researcher_id, since)
    )


async def invite(ctx: Context, researcher_id: str) -> Ability:
    """Signed in or not, a viewer without a claimed record is told to claim first."""
    outcome = send_outcome(researcher_id, await _facts(ctx, researcher_id))
    return ALLOWED if outcome is SendOutcome.SENT else _refused(_SEND_REASONS[outcome])


async def edit(ctx: Context, researcher_id: str) -> Ability:
    if ctx.viewer_id is None:
        return _refused(AbilityReason.LOG_IN)
    claimant = await ctx.loaders.claims.load(ctx.viewer_id) == researcher_id
    outcome = update_outcome(claimant)
    return ALLOWED if outcome is UpdateOutcome.UPDATED else _refused(AbilityReason.NOT_CLAIMANT)


async def pending_invitation(ctx: Context, researcher_id: str) -> InvitationRecord | None:
    return (await _facts(ctx, researcher_id)).pending
