"""What users did: follows and claims."""

from __future__ import annotations

from researchgraph.graphstore.pages import Page, PageRequest
from researchgraph.graphstore.records import InvitationRecord, InvitationsRequest, ResearcherRecord
from researchgraph.loaders.base import StoreLoader
from researchgraph.loaders.pages import ResearcherPagePrimer


class FollowsByPairLoader(StoreLoader[tuple[str, str], bool]):
    """Key: (user id, researcher id). Value: whether the user follows the researcher."""

    async def batch_load_fn(self, pairs: list[tuple[str, str]]) -> list[bool]:
        return await self.store.following(pairs)


class ClaimByUserIdLoader(StoreLoader[str, str | None]):
    """Key: a user id. Value: the researcher id they claimed, or None."""

    async def batch_load_fn(self, ids: list[str]) -> list[str | None]:
        return await self.store.claims(ids)


class FollowedByUserLoader(ResearcherPagePrimer):
    """Key: a `PageRequest` whose owner is a user. Value: the researchers they follow."""

    async def batch_load_fn(self, keys: list[PageRequest]) -> list[Page[ResearcherRecord]]:
        return self.primed(await self.store.followed_researchers(keys))


class InvitationsByUserLoader(StoreLoader[InvitationsRequest, Page[InvitationRecord]]):
    """Key: an `InvitationsRequest`. Value: that page of the user's invitations."""

    async def batch_load_fn(self, keys: list[InvitationsRequest]) -> list[Page[InvitationRecord]]:
        return await self.store.invitations(keys)
