"""What a bulk load leaves for one refresh at its end (see `GraphStore.load`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from researchgraph.graphstore.model import WorkList
from researchgraph.graphstore.records import GraphBatch


@dataclass
class Touched:
    """The researchers, and the works whose authors, batches may have changed what
    their works imply (counts, co-authorship, topics): what a store refreshes. And
    the owners of lists a store tallies that the works were in before the batches
    (a work may leave a venue): those the works are in after, a store finds."""

    researchers: set[str] = field(default_factory=set)
    works: set[str] = field(default_factory=set)
    owners: dict[WorkList, set[str]] = field(default_factory=dict)

    def add(self, batch: GraphBatch) -> None:
        self.researchers |= {r.id for r in batch.researchers}
        self.researchers |= {a.researcher_id for a in batch.authorships}
        self.works |= changed_works(batch)

    def add_owners(self, owners: dict[WorkList, set[str]]) -> None:
        for works, ids in owners.items():
            self.owners.setdefault(works, set()).update(ids)


def changed_works(batch: GraphBatch) -> set[str]:
    """The works a batch writes or links: their lists of works, their authors' ties."""
    linked = {t.work_id for t in batch.work_topics} | {a.work_id for a in batch.authorships}
    return {w.id for w in batch.works} | linked
