"""Collaboration paths."""

import strawberry

from researchgraph.resolvers.paths import PathResult, PathStep
from researchgraph.schema.context import Info
from researchgraph.schema.researchers import Researcher
from researchgraph.schema.works import Work


@strawberry.type(description="One co-authorship link of a path, with works that make it.")
class CollaborationStep:
    record: strawberry.Private[PathStep]

    @strawberry.field(name="from")
    async def source(self, info: Info) -> Researcher:
        found = await info.context.loaders.researcher.load(self.record.source)
        return Researcher.from_record(found)  # type: ignore[arg-type]  # found by the search

    @strawberry.field(name="to")
    async def target(self, info: Info) -> Researcher:
        found = await info.context.loaders.researcher.load(self.record.target)
        return Researcher.from_record(found)  # type: ignore[arg-type]

    @strawberry.field(description="Up to three works both wrote, newest first.")
    async def works(self, info: Info) -> list[Work]:
        found = await info.context.loaders.work.load_many(self.record.work_ids)
        return [Work.from_record(w) for w in found if w is not None]


@strawberry.type(description="The shortest chain of co-authors from one researcher to another.")
class CollaborationPath:
    hops: int
    record: strawberry.Private[PathResult]

    @strawberry.field(description="From the first researcher to the last, in order.")
    async def researchers(self, info: Info) -> list[Researcher]:
        found = await info.context.loaders.researcher.load_many(self.record.researcher_ids)
        return [Researcher.from_record(r) for r in found if r is not None]

    @strawberry.field
    def steps(self) -> list[CollaborationStep]:
        return [CollaborationStep(record=step) for step in self.record.steps]

    @classmethod
    def from_record(cls, record: PathResult) -> "CollaborationPath":
        return cls(hops=len(record.steps), record=record)
