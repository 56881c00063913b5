"""The signed-in viewer and what they do: follow, unfollow, claim, release.

Writes go to the store, then clear the request's loader caches so later fields of
the same response read the new state."""

from __future__ import annotations

import re

from researchgraph.graphstore.decisions import may_follow
from researchgraph.graphstore.ids import NodeKind
from researchgraph.graphstore.pages import ResearcherOrder
from researchgraph.graphstore.records import (
    ClaimOutcome,
    FollowerRecord,
    FollowersRequest,
    ProfileChanges,
    ResearcherRecord,
    UpdateOutcome,
)
from researchgraph.resolvers import limits
from researchgraph.resolvers.context import Context
from researchgraph.resolvers.cursors import CursorPage, after_offset, offset_page, paged
from researchgraph.resolvers.errors import (
    BadUserInput,
    Conflict,
    Forbidden,
    NotFound,
    Unauthenticated,
)


def viewer_id(ctx: Context) -> str:
    if ctx.viewer_id is None:
        raise Unauthenticated("Sign in first: send `Authorization: Bearer <token>`.")
    return ctx.viewer_id


async def is_following(ctx: Context, researcher_id: str) -> bool:
    if ctx.viewer_id is None:
        return False
    return await ctx.loaders.follows.load((ctx.viewer_id, researcher_id))


async def _reloaded(ctx: Context, researcher_id: str) -> ResearcherRecord:
    ctx.loaders.clear_all()
    found = await ctx.loaders.researcher.load(researcher_id)
    if found is None:
        raise NotFound(f"No researcher has id `{researcher_id}`.", argument="id")
    return found


async def follow(ctx: Context, researcher_id: str) -> ResearcherRecord:
    user = viewer_id(ctx)
    limits.node_id(researcher_id, NodeKind.RESEARCHER)
    if not may_follow(await ctx.loaders.claims.load(user), researcher_id):
        raise Forbidden("You cannot follow the record you claimed.", argument="id")
    if not await ctx.store.follow(user, researcher_id, ctx.started_ms):
        raise NotFound(f"No researcher has id `{researcher_id}`.", argument="id")
    return await _reloaded(ctx, researcher_id)


async def unfollow(ctx: Context, researcher_id: str) -> ResearcherRecord:
    user = viewer_id(ctx)
    limits.node_id(researcher_id, NodeKind.RESEARCHER)
    if not await ctx.store.unfollow(user, researcher_id):
        raise NotFound(f"No researcher has id `{researcher_id}`.", argument="id")
    return await _reloaded(ctx, researcher_id)


async def claim(ctx: Context, researcher_id: str) -> ResearcherRecord:
    user = viewer_id(ctx)
    limits.node_id(researcher_id, NodeKind.RESEARCHER)
    match await ctx.store.claim(user, researcher_id):
        case ClaimOutcome.CLAIMED | ClaimOutcome.ALREADY_YOURS:
            return await _reloaded(ctx, researcher_id)
        case ClaimOutcome.TAKEN:
            raise Conflict("Another user has claimed this record.", argument="id")
        case ClaimOutcome.YOU_HOLD_ANOTHER:
            raise Conflict("You have claimed another record; release it first.", argument="id")
        case _:
            raise NotFound(f"No researcher has id `{researcher_id}`.", argument="id")


async def release_claim(ctx: Context) -> ResearcherRecord | None:
    released = await ctx.store.release_claim(viewer_id(ctx))
    return await _reloaded(ctx, released) if released else None


async def claimed_researcher(ctx: Context, user: str) -> ResearcherRecord | None:
    claimed = await ctx.loaders.claims.load(user)
    return await ctx.loaders.researcher.load(claimed) if claimed else None


async def followed(
    ctx: Context, user: str, first: int, after: str | None, order: ResearcherOrder
) -> CursorPage[ResearcherRecord]:
    return await paged(ctx.loaders.followed, user, NodeKind.RESEARCHER, first, after, order)


MAX_SUMMARY_LENGTH = 280
MAX_LINKS = 5
MAX_LINK_LENGTH = 200
_LINK = re.compile(r"https?://[^\s/$.?#][^\s]*", re.IGNORECASE)


def _checked(changes: ProfileChanges) -> ProfileChanges:
    if changes.summary is not None and len(changes.summary.strip()) > MAX_SUMMARY_LENGTH:
        raise BadUserInput(
            f"`summary` has more than {MAX_SUMMARY_LENGTH} characters.", argument="summary"
        )
    if changes.links is not None:
        if len(changes.links) > MAX_LINKS:
            raise BadUserInput(f"At most {MAX_LINKS} links.", argument="links")
        for link in changes.links:
            if len(link) > MAX_LINK_LENGTH or not _LINK.fullmatch(link):
                raise BadUserInput(
                    f"`{link[:60]}` is not an http(s) link of at most {MAX_LINK_LENGTH} "
                    "characters.",
                    argument="links",
                )
    summary = changes.summary.strip() if changes.summary is not None else None
    return ProfileChanges(summary, changes.open_to_collaborate, changes.links)


async def update_profile(
    ctx: Context, researcher_id: str, changes: ProfileChanges
) -> ResearcherRecord:
    """Only the record's claimant may edit its summary, openness and links."""
    user = viewer_id(ctx)
    limits.node_id(researcher_id, NodeKind.RESEARCHER)
    match await ctx.store.update_profile(user, researcher_id, _checked(changes)):
        case UpdateOutcome.UPDATED:
            return await _reloaded(ctx, researcher_id)
        case UpdateOutcome.NOT_CLAIMANT:
            raise Forbidden("Only the user who claimed this record may edit it.", argument="id")
        case _:
            raise NotFound(f"No researcher has id `{researcher_id}`.", argument="id")


async def followers(
    ctx: Context, researcher_id: str, first: int, after: str | None
) -> CursorPage[FollowerRecord]:
    """Only the record's claimant sees who follows it (everyone sees how many)."""
    user = viewer_id(ctx)
    limit = limits.first(first)
    offset = after_offset(after, "followers")
    if await ctx.loaders.claims.load(user) != researcher_id:
        raise Forbidden(
            "Only the record's claimant sees its followers; `counts.followers` is public."
        )
    found = await ctx.loaders.followers.load(FollowersRequest(researcher_id, limit, offset))
    return offset_page(found.followers, "followers", offset, found.total)
