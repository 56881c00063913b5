"""The viewer and the mutations a signed-in user makes."""

import strawberry

from researchgraph.graphstore.facets import WorkSelection
from researchgraph.graphstore.model import WorkList
from researchgraph.graphstore.pages import WorkOrder
from researchgraph.graphstore.records import ProfileChanges
from researchgraph.resolvers import invitations as invitation_resolvers
from researchgraph.resolvers import users as resolvers
from researchgraph.resolvers.limits import MAX_FIRST
from researchgraph.resolvers.users import MAX_LINK_LENGTH, MAX_LINKS, MAX_SUMMARY_LENGTH
from researchgraph.resolvers.works import works_page
from researchgraph.schema.connections import ResearcherConnection, WorkConnection
from researchgraph.schema.context import Info
from researchgraph.schema.enums import ResearcherOrder
from researchgraph.schema.invitations import Invitation, InvitationConnection, InvitationStatus
from researchgraph.schema.researchers import Researcher


@strawberry.type(description="The signed-in user.")
class Viewer:
    id: strawberry.ID

    @strawberry.field(description="The author record this user has claimed, if any.")
    async def claimed_researcher(self, info: Info) -> Researcher | None:
        found = await resolvers.claimed_researcher(info.context, self.id)
        return Researcher.from_record(found) if found else None

    @strawberry.field(description=f"Researchers this user follows; `first` at most {MAX_FIRST}.")
    async def following(
        self,
        info: Info,
        first: int = 20,
        after: str | None = None,
        order_by: ResearcherOrder = ResearcherOrder.WORKS_DESC,
    ) -> ResearcherConnection:
        found = await resolvers.followed(info.context, self.id, first, after, order_by)
        return ResearcherConnection.from_record(found)

    @strawberry.field(
        description=(
            "New works of the researchers you follow: newest first (by year, then id), "
            f"each once; `first` at most {MAX_FIRST}."
        )
    )
    async def feed(self, info: Info, first: int = 20, after: str | None = None) -> WorkConnection:
        found = await works_page(
            info.context, WorkList.USER_FEED, self.id, first, after, WorkOrder.YEAR_DESC
        )
        return WorkConnection.from_record(found, WorkSelection(WorkList.USER_FEED, self.id))

    @strawberry.field(description="Invitations you sent, newest first.")
    async def invitations_sent(
        self,
        info: Info,
        status: InvitationStatus | None = None,
        first: int = 20,
        after: str | None = None,
    ) -> InvitationConnection:
        found = await invitation_resolvers.of_viewer(
            info.context, self.id, "SENT", status.value if status else None, first, after
        )
        return InvitationConnection.from_record(found)

    @strawberry.field(description="Invitations to the record you claimed, newest first.")
    async def invitations_received(
        self,
        info: Info,
        status: InvitationStatus | None = None,
        first: int = 20,
        after: str | None = None,
    ) -> InvitationConnection:
        found = await invitation_resolvers.of_viewer(
            info.context, self.id, "RECEIVED", status.value if status else None, first, after
        )
        return InvitationConnection.from_record(found)


@strawberry.input(description="Fields a claimant may edit; omitted fields stay as they are.")
class ProfileInput:
    summary: str | None = strawberry.field(
        default=None,
        description=f"At most {MAX_SUMMARY_LENGTH} characters; an empty string clears it.",
    )
    open_to_collaborate: bool | None = None
    links: list[str] | None = strawberry.field(
        default=None,
        description=f"Up to {MAX_LINKS} http(s) links of at most {MAX_LINK_LENGTH} characters.",
    )

    def to_store(self) -> ProfileChanges:
        links = tuple(self.links) if self.links is not None else None
        return ProfileChanges(self.summary, self.open_to_collaborate, links)


@strawberry.type
class Mutation:
    @strawberry.mutation(description="Follow a researcher; following twice is following once.")
    async def follow_researcher(self, info: Info, id: strawberry.ID) -> Researcher:
        return Researcher.from_record(await resolvers.follow(info.context, id))

    @strawberry.mutation(description="Stop following a researcher; idempotent.")
    async def unfollow_researcher(self, info: Info, id: strawberry.ID) -> Researcher:
        return Researcher.from_record(await resolvers.unfollow(info.context, id))

    @strawberry.mutation(
        description=(
            "Link this public author record to your account (one record per user, one "
            "claimant per record; CONFLICT otherwise). Raises the verification level."
        )
    )
    async def claim_researcher(self, info: Info, id: strawberry.ID) -> Researcher:
        return Researcher.from_record(await resolvers.claim(info.context, id))

    @strawberry.mutation(description="Edit the record you claimed (claimant only).")
    async def update_profile(
        self, info: Info, id: strawberry.ID, input: ProfileInput
    ) -> Researcher:
        changes = input.to_store()
        return Researcher.from_record(await resolvers.update_profile(info.context, id, changes))

    @strawberry.mutation(
        description=(
            "Invite a claimed author who is open to collaborate (needs your own claimed "
            "record; one pending invitation per author; 20 a day)."
        )
    )
    async def send_collaboration_invite(
        self, info: Info, to: strawberry.ID, message: str
    ) -> Invitation:
        return Invitation.from_record(await invitation_resolvers.send(info.context, to, message))

    @strawberry.mutation(description="Accept or decline an invitation to your record.")
    async def respond_to_invite(self, info: Info, id: strawberry.ID, accept: bool) -> Invitation:
        found = await invitation_resolvers.respond(info.context, id, accept)
        return Invitation.from_record(found)

    @strawberry.mutation(description="Withdraw a pending invitation you sent.")
    async def withdraw_invite(self, info: Info, id: strawberry.ID) -> Invitation:
        return Invitation.from_record(await invitation_resolvers.withdraw(info.context, id))

    @strawberry.mutation(description="Give up your claim; returns the record, or null if none.")
    async def release_claim(self, info: Info) -> Researcher | None:
        found = await resolvers.release_claim(info.context)
        return Researcher.from_record(found) if found else None
