"""The in-memory store's users: follows, claims, profile edits and invitations, each
decided by the rules of `graphstore.decisions`."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from researchgraph.graphstore.decisions import (
    InvitationFacts,
    answer_outcome,
    claim_outcome,
    send_outcome,
    update_outcome,
    window_start,
)
from researchgraph.graphstore.memory.base import MemoryBase
from researchgraph.graphstore.pages import (
    Page,
    PageRequest,
    PageRow,
    paginate,
)
from researchgraph.graphstore.records import (
    AnswerOutcome,
    ClaimOutcome,
    FollowerRecord,
    FollowersPage,
    FollowersRequest,
    InvitationFactsRequest,
    InvitationRecord,
    InvitationsRequest,
    InvitationStatus,
    ProfileChanges,
    ResearcherRecord,
    SendOutcome,
    UpdateOutcome,
    follower_order,
)


class Users(MemoryBase):
    # --- users
    async def follow(self, user_id: str, researcher_id: str, now_ms: int) -> bool:
        if researcher_id not in self.graph.researchers:
            return False
        self.graph.followers_of[researcher_id].add(user_id)
        self.graph.followed_by[user_id].add(researcher_id)
        self.graph.followed_since.setdefault((user_id, researcher_id), now_ms)
        return True

    async def followers(self, requests: Sequence[FollowersRequest]) -> list[FollowersPage]:
        pages = []
        for request in requests:
            everyone = sorted(
                (
                    FollowerRecord(
                        user,
                        self.graph.followed_since.get((user, request.researcher_id)),
                        self.graph.claim_of.get(user),
                    )
                    for user in self.graph.followers_of.get(request.researcher_id, ())
                ),
                key=follower_order,
            )
            end = request.offset + request.limit
            pages.append(FollowersPage(everyone[request.offset : end], len(everyone)))
        return pages

    async def unfollow(self, user_id: str, researcher_id: str) -> bool:
        if researcher_id not in self.graph.researchers:
            return False
        self.graph.followers_of[researcher_id].discard(user_id)
        self.graph.followed_by[user_id].discard(researcher_id)
        self.graph.followed_since.pop((user_id, researcher_id), None)
        return True

    async def following(self, pairs: Sequence[tuple[str, str]]) -> list[bool]:
        return [r in self.graph.followed_by.get(u, set()) for u, r in pairs]

    async def followed_researchers(
        self, requests: Sequence[PageRequest]
    ) -> list[Page[ResearcherRecord]]:
        return [
            self._researcher_page(self.graph.followed_by.get(r.owner or "", set()), r)
            for r in requests
        ]

    async def claim(self, user_id: str, researcher_id: str) -> ClaimOutcome:
        g = self.graph
        if researcher_id not in g.researchers:
            return ClaimOutcome.NOT_FOUND
        outcome = claim_outcome(user_id, g.claimant_of.get(researcher_id), g.claim_of.get(user_id))
        if outcome is ClaimOutcome.CLAIMED:
            g.claimant_of[researcher_id] = user_id
            g.claim_of[user_id] = researcher_id
        return outcome

    async def release_claim(self, user_id: str) -> str | None:
        researcher_id = self.graph.claim_of.pop(user_id, None)
        if researcher_id is not None:
            del self.graph.claimant_of[researcher_id]
        return researcher_id

    async def claims(self, user_ids: Sequence[str]) -> list[str | None]:
        return [self.graph.claim_of.get(u) for u in user_ids]

    # --- profile edits and invitations
    async def update_profile(
        self, user_id: str, researcher_id: str, changes: ProfileChanges
    ) -> UpdateOutcome:
        g = self.graph
        if researcher_id not in g.researchers:
            return UpdateOutcome.NOT_FOUND
        outcome = update_outcome(g.claim_of.get(user_id) == researcher_id)
        if outcome is not UpdateOutcome.UPDATED:
            return outcome
        record = g.researchers[researcher_id]
        if changes.summary is not None:
            record = dataclasses.replace(record, summary=changes.summary or None)
        if changes.open_to_collaborate is not None:
            record = dataclasses.replace(record, open_to_collaborate=changes.open_to_collaborate)
        if changes.links is not None:
            record = dataclasses.replace(record, links=changes.links)
        g.researchers[researcher_id] = record
        return UpdateOutcome.UPDATED

    def _invitation_facts(self, user_id: str, target_id: str, since_ms: int) -> InvitationFacts:
        g = self.graph
        target = g.researchers.get(target_id)
        sent = [i for i in g.invitations.values() if i.sender_id == user_id]
        pending = [
            i
            for i in sent
            if i.to_researcher_id == target_id and i.status == InvitationStatus.PENDING
        ]
        return InvitationFacts(
            senders_record=g.claim_of.get(user_id),
            target_found=target is not None,
            target_claimed=target_id in g.claimant_of,
            target_open=bool(target and target.open_to_collaborate),
            pending=max(pending, key=lambda i: (i.created_ms, i.id), default=None),
            sent_in_window=sum(1 for i in sent if i.created_ms > since_ms),
        )

    async def invitation_facts(
        self, requests: Sequence[InvitationFactsRequest]
    ) -> list[InvitationFacts]:
        return [self._invitation_facts(r.user_id, r.target_id, r.since_ms) for r in requests]

    async def send_invitation(
        self, user_id: str, target_id: str, message: str, *, invitation_id: str, now_ms: int
    ) -> tuple[SendOutcome, InvitationRecord | None]:
        facts = self._invitation_facts(user_id, target_id, window_start(now_ms))
        outcome = send_outcome(target_id, facts)
        mine = facts.senders_record
        if outcome is not SendOutcome.SENT or mine is None:
            return outcome, None
        invitation = InvitationRecord(
            invitation_id, user_id, mine, target_id, message, InvitationStatus.PENDING.value, now_ms
        )
        self.graph.invitations[invitation_id] = invitation
        return SendOutcome.SENT, invitation

    async def respond_invitation(
        self, user_id: str, invitation_id: str, accept: bool, now_ms: int
    ) -> tuple[AnswerOutcome, InvitationRecord | None]:
        found = self.graph.invitations.get(invitation_id)
        party = found is not None and self.graph.claim_of.get(user_id) == found.to_researcher_id
        status = InvitationStatus.ACCEPTED if accept else InvitationStatus.DECLINED
        return self._answer(found if party else None, status, now_ms)

    async def withdraw_invitation(
        self, user_id: str, invitation_id: str, now_ms: int
    ) -> tuple[AnswerOutcome, InvitationRecord | None]:
        found = self.graph.invitations.get(invitation_id)
        party = found is not None and found.sender_id == user_id
        return self._answer(found if party else None, InvitationStatus.WITHDRAWN, now_ms)

    def _answer(
        self, found: InvitationRecord | None, status: InvitationStatus, now_ms: int
    ) -> tuple[AnswerOutcome, InvitationRecord | None]:
        outcome = answer_outcome(found.status if found else None)
        if outcome is not AnswerOutcome.DONE or found is None:
            return outcome, found
        answered = dataclasses.replace(found, status=status.value, responded_ms=now_ms)
        self.graph.invitations[found.id] = answered
        return AnswerOutcome.DONE, answered

    async def invitations(
        self, requests: Sequence[InvitationsRequest]
    ) -> list[Page[InvitationRecord]]:
        pages = []
        for request in requests:
            claimed = self.graph.claim_of.get(request.user_id)
            mine = [
                i
                for i in self.graph.invitations.values()
                if (i.sender_id if request.role == "SENT" else i.to_researcher_id)
                == (request.user_id if request.role == "SENT" else claimed)
                and (request.status is None or i.status == request.status)
            ]
            rows = [PageRow(-i.created_ms, i) for i in mine]
            pages.append(paginate(rows, PageRequest(None, "", request.limit, request.after)))
        return pages
