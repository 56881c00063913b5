"""Collaboration invitations: between claimed records, visible to their two parties
only. Sending needs a claimed record; the recipient is whoever holds the invited one."""

from __future__ import annotations

import secrets
import time

from researchgraph.graphstore.decisions import INVITATIONS_PER_DAY
from researchgraph.graphstore.ids import NodeKind
from researchgraph.graphstore.records import (
    AnswerOutcome,
    InvitationRecord,
    InvitationsRequest,
    SendOutcome,
)
from researchgraph.resolvers import limits
from researchgraph.resolvers.context import Context
from researchgraph.resolvers.cursors import CursorPage, cursor_page, decode_key
from researchgraph.resolvers.errors import (
    ApiError,
    BadUserInput,
    Conflict,
    Forbidden,
    NotFound,
    RateLimited,
)
from researchgraph.resolvers.users import viewer_id

MAX_MESSAGE_LENGTH = 1000


def _refusal(outcome: SendOutcome) -> ApiError:
    """A fresh error per refusal: one exception object must not be raised by two
    requests at once."""
    match outcome:
        case SendOutcome.SENDER_HAS_NO_CLAIM:
            return Forbidden("Claim your author record first to send direct invitations.")
        case SendOutcome.TARGET_NOT_FOUND:
            return NotFound("No researcher has that id.", argument="to")
        case SendOutcome.SELF:
            return BadUserInput("You cannot invite your own record.", argument="to")
        case SendOutcome.TARGET_NOT_CLAIMED:
            return Forbidden("Only claimed authors can be invited directly.", argument="to")
        case SendOutcome.TARGET_CLOSED:
            return Forbidden("This author is not open to collaboration invitations.", argument="to")
        case SendOutcome.DUPLICATE:
            return Conflict("You already have a pending invitation to this author.", argument="to")
        case _:
            return RateLimited(
                f"At most {INVITATIONS_PER_DAY} invitations in 24 hours; try again later."
            )


def _now_ms() -> int:
    return int(time.time() * 1000)


def _new_id() -> str:
    return f"V{secrets.randbelow(9 * 10**15) + 10**15}"


async def send(ctx: Context, target_id: str, message: str) -> InvitationRecord:
    user = viewer_id(ctx)
    limits.node_id(target_id, NodeKind.RESEARCHER)
    text = message.strip()
    if not 0 < len(text) <= MAX_MESSAGE_LENGTH:
        raise BadUserInput(
            f"`message` must have 1 to {MAX_MESSAGE_LENGTH} characters.", argument="message"
        )
    sent: InvitationRecord | None
    outcome, sent = await ctx.store.send_invitation(
        user, target_id, text, invitation_id=_new_id(), now_ms=_now_ms()
    )
    if sent is None:
        raise _refusal(outcome)
    ctx.loaders.clear_all()
    return sent


def _answered(outcome: AnswerOutcome, found: InvitationRecord | None) -> InvitationRecord:
    if outcome is AnswerOutcome.NOT_FOUND or found is None:
        raise NotFound("No invitation with that id is yours to answer.", argument="id")
    if outcome is AnswerOutcome.NOT_PENDING:
        raise Conflict(f"The invitation is already {found.status.lower()}.", argument="id")
    return found


async def respond(ctx: Context, invitation_id: str, accept: bool) -> InvitationRecord:
    user = viewer_id(ctx)
    limits.node_id(invitation_id, NodeKind.INVITATION)
    outcome, found = await ctx.store.respond_invitation(user, invitation_id, accept, _now_ms())
    ctx.loaders.clear_all()
    return _answered(outcome, found)


async def withdraw(ctx: Context, invitation_id: str) -> InvitationRecord:
    user = viewer_id(ctx)
    limits.node_id(invitation_id, NodeKind.INVITATION)
    outcome, found = await ctx.store.withdraw_invitation(user, invitation_id, _now_ms())
    ctx.loaders.clear_all()
    return _answered(outcome, found)


async def of_viewer(
    ctx: Context, user: str, role: str, status: str | None, first: int, after: str | None
) -> CursorPage[InvitationRecord]:
    """A page of the viewer's invitations, newest first."""
    order = f"INVITATIONS_{role}"
    request = InvitationsRequest(
        user, role, status, limits.first(first), decode_key(after, order, NodeKind.INVITATION)
    )
    return cursor_page(await ctx.loaders.invitations.load(request), order, after)
