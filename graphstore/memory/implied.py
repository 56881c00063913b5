"""What each researcher's works imply, worked out once for the whole graph, as the
Neo4j store keeps it on the graph (`COAUTHOR`, `RESEARCHES`, the counts): per pair of
co-authors, the works they share and the span of their years; works per researcher
and topic, both ways; citations per researcher. Profile pages and top-level listings
then read them instead of walking every work of a prolific author and every co-author
of each. Rebuilt after loads (`MemoryStore`), never by a request that finds it
current."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from researchgraph.graphstore.memory.graph import MemoryGraph


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


class Implied:
    def __init__(self, graph: MemoryGraph) -> None:
        coauthors: defaultdict[str, dict[str, Shared]] = defaultdict(dict)
        topics: defaultdict[str, Counter[str]] = defaultdict(Counter)
        citations: Counter[str] = Counter()
        for work_id, authors in graph.authors_of.items():
            about = graph.topics_of.get(work_id, {}).keys()
            work = graph.works[work_id]
            listed = list(authors)
            for a in listed:
                topics[a].update(about)
                citations[a] += work.citation_count
            if len(listed) < 2:
                continue
            year = work.year
            for at, a in enumerate(listed):
                mine = coauthors[a]
                for b in listed[at + 1 :]:
                    pair = mine.get(b)
                    if pair is None:
                        pair = mine[b] = coauthors[b][a] = Shared()
                    pair.add(year)
        on_topic: defaultdict[str, Counter[str]] = defaultdict(Counter)
        for researcher_id, counts in topics.items():
            for topic_id, works in counts.items():
                on_topic[topic_id][researcher_id] = works
        # Plain dicts: a read of a researcher with none must not add one.
        self.coauthors: dict[str, dict[str, Shared]] = dict(coauthors)
        self.topics: dict[str, Counter[str]] = dict(topics)
        self.on_topic: dict[str, Counter[str]] = dict(on_topic)
        self.citations = citations  # of each researcher's works, summed

    def coauthors_of(self, researcher_id: str) -> dict[str, Shared]:
        return self.coauthors.get(researcher_id, {})

    def topics_of(self, researcher_id: str) -> Counter[str]:
        """Works per topic."""
        return self.topics.get(researcher_id, Counter())

    def researchers_on(self, topic_id: str) -> Counter[str]:
        """Works on the topic per researcher."""
        return self.on_topic.get(topic_id, Counter())
