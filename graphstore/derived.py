"""What works imply, defined once: from each work's year, citations, authors and topics,
per pair of co-authors the works they share and the span of their years; works per
researcher and topic, both ways; each researcher's works and citations; and the
strongest of each researcher's works and co-authors, as many as a graph slice reads.

Three places keep it, each tested against this definition on the same graph
(`tests/test_derived.py`): the in-memory store works it out with this very code after a
load; the Neo4j store keeps it on the graph (`neo4j/writes.REFRESH_RESEARCHERS`:
COAUTHOR, RESEARCHES, the counts and strongest lists); the bulk import derives it from
sorted runs on disk (`ingest/bulk/derived.py`), since a snapshot does not fit in memory.
Profile pages, listings and slices read it instead of walking every work of a prolific
author and every co-author of each.
"""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field

from researchgraph.graphstore.graph import NEIGHBOUR_CAP


@dataclass(frozen=True, slots=True)
class WorkFacts:
    """What a work contributes: its id, year and citations, its authors and topics."""

    id: str
    year: int | None
    citations: int
    authors: Collection[str]
    topics: Collection[str]


@dataclass(slots=True)
class Shared:
    """What two co-authors share: one object, seen from both."""

    works: int = 0
    first_year: int | None = None
    last_year: int | None = None

    def add(self, year: int | None) -> None:
        self.works += 1
        if year is not None:
            self.first_year = year if self.first_year is None else min(self.first_year, year)
            self.last_year = year if self.last_year is None else max(self.last_year, year)


@dataclass(slots=True)
class Derived:
    # Plain dicts: a read of a researcher with none must not add one.
    coauthors: dict[str, dict[str, Shared]] = field(default_factory=dict)
    topics: dict[str, Counter[str]] = field(default_factory=dict)  # works per topic
    on_topic: dict[str, Counter[str]] = field(default_factory=dict)  # works per researcher
    works: Counter[str] = field(default_factory=Counter)  # per researcher
    citations: Counter[str] = field(default_factory=Counter)  # of each researcher's works
    # Each researcher's works as (citations, id), kept only when asked for.
    cited: dict[str, list[tuple[int, str]]] = field(default_factory=dict)

    def coauthors_of(self, researcher_id: str) -> dict[str, Shared]:
        return self.coauthors.get(researcher_id, {})

    def topics_of(self, researcher_id: str) -> Counter[str]:
        """Works per topic."""
        return self.topics.get(researcher_id, Counter())

    def researchers_on(self, topic_id: str) -> Counter[str]:
        """Works on the topic per researcher."""
        return self.on_topic.get(topic_id, Counter())

    def strongest_works(self, researcher_id: str) -> list[str]:
        """The most cited, then by id: as many as a slice reads."""
        found = heapq.nsmallest(
            NEIGHBOUR_CAP, self.cited.get(researcher_id, ()), key=lambda w: (-w[0], w[1])
        )
        return [work_id for _, work_id in found]

    def strongest_coauthors(self, researcher_id: str) -> list[tuple[str, int]]:
        """(co-author, shared works), most shared first, then by id: as many as a slice
        reads."""
        shared = self.coauthors_of(researcher_id).items()
        found = heapq.nsmallest(NEIGHBOUR_CAP, shared, key=lambda c: (-c[1].works, c[0]))
        return [(other, s.works) for other, s in found]


def derive(works: Iterable[WorkFacts], keep_cited: bool = False) -> Derived:
    """What `works` imply; with `keep_cited`, each researcher's works by citations too
    (for the strongest works, which only the stores that keep them need)."""
    coauthors: defaultdict[str, dict[str, Shared]] = defaultdict(dict)
    topics: defaultdict[str, Counter[str]] = defaultdict(Counter)
    counts: Counter[str] = Counter()
    citations: Counter[str] = Counter()
    cited: defaultdict[str, list[tuple[int, str]]] = defaultdict(list)
    for work in works:
        listed = list(work.authors)
        for a in listed:
            topics[a].update(work.topics)
            counts[a] += 1
            citations[a] += work.citations
            if keep_cited:
                cited[a].append((work.citations, work.id))
        if len(listed) < 2:
            continue
        for at, a in enumerate(listed):
            mine = coauthors[a]
            for b in listed[at + 1 :]:
                pair = mine.get(b)
                if pair is None:
                    pair = mine[b] = coauthors[b][a] = Shared()
                pair.add(work.year)
    on_topic: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for researcher_id, per_topic in topics.items():
        for topic_id, n in per_topic.items():
            on_topic[topic_id][researcher_id] = n
    return Derived(
        coauthors=dict(coauthors),
        topics=dict(topics),
        on_topic=dict(on_topic),
        works=counts,
        citations=citations,
        cited=dict(cited),
    )
