"""What a bulk load leaves for one refresh at its end (see `GraphStore.load`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from researchgraph.graphstore.records import GraphBatch


@dataclass
class Touched:
    """The researchers, and the works whose authors, batches may have changed what
    their works imply (counts, co-authorship, topics): what a store refreshes."""

    researchers: set[str] = field(default_factory=set)
    works: set[str] = field(default_factory=set)

    def add(self, batch: GraphBatch) -> None:
        self.researchers |= {r.id for r in batch.researchers}
        self.researchers |= {a.researcher_id for a in batch.authorships}
        self.works |= {w.id for w in batch.works} | {t.work_id for t in batch.work_topics}
