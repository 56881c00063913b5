"""The viewer and the mutations a signed-in user makes."""

import strawberry

from researchgraph.resolvers import users as resolvers
from researchgraph.schema.connections import ResearcherConnection
from researchgraph.schema.context import Info
from researchgraph.schema.enums import ResearcherOrder
from researchgraph.schema.researchers import Researcher


@strawberry.type(description="The signed-in user.")
class Viewer:
    id: strawberry.ID

    @strawberry.field(description="The author record this user has claimed, if any.")
    async def claimed_researcher(self, info: Info) -> Researcher | None:
        found = await resolvers.claimed_researcher(info.context, self.id)
        return Researcher.from_record(found) if found else None

    @strawberry.field(description="Researchers this user follows; `first` at most 100.")
    async def following(
        self,
        info: Info,
        first: int = 20,
        after: str | None = None,
        order_by: ResearcherOrder = ResearcherOrder.WORKS_DESC,
    ) -> ResearcherConnection:
        found = await resolvers.followed(info.context, self.id, first, after, order_by)
        return ResearcherConnection.from_record(found)


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

    @strawberry.mutation(description="Give up your claim; returns the record, or null if none.")
    async def release_claim(self, info: Info) -> Researcher | None:
        found = await resolvers.release_claim(info.context)
        return Researcher.from_record(found) if found else None
