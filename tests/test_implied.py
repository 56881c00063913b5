"""What the embedded store works out once after a load (`memory.implied`) equals what
walking each researcher's works answers: co-authors with their shared works and
years, works per topic both ways, citations, on a generated dataset."""

from __future__ import annotations

import asyncio
from collections import Counter
from pathlib import Path

from researchgraph.graphstore.ingest.importer import import_files
from researchgraph.graphstore.ingest.synthetic import Scale, write
from researchgraph.graphstore.memory import MemoryStore
from researchgraph.graphstore.memory.implied import Implied


def test_implied_equals_a_walk_of_every_researchers_works(tmp_path: Path) -> None:
    write(Scale(researchers=300, works=900), seed=5, out=tmp_path)
    store = MemoryStore()
    asyncio.run(import_files(store, [tmp_path]))
    g = store.graph
    implied = Implied(g)
    for researcher_id in g.researchers:
        works = g.works_of.get(researcher_id, set())
        shared: dict[str, list[int | None]] = {}
        for work_id in works:
            for other in g.authors_of[work_id]:
                if other != researcher_id:
                    shared.setdefault(other, []).append(g.works[work_id].year)
        found = {
            other: (s.works, s.first_year, s.last_year)
            for other, s in implied.coauthors_of(researcher_id).items()
        }
        assert found == {
            other: (
                len(years),
                min((y for y in years if y is not None), default=None),
                max((y for y in years if y is not None), default=None),
            )
            for other, years in shared.items()
        }
        assert implied.citations[researcher_id] == sum(g.works[w].citation_count for w in works)
        topics = Counter(t for w in works for t in g.topics_of.get(w, {}))
        assert implied.topics_of(researcher_id) == topics
        for topic_id, count in topics.items():
            assert implied.researchers_on(topic_id)[researcher_id] == count
    assert sum(len(c) for c in implied.on_topic.values()) == sum(
        len(c) for c in implied.topics.values()
    )
    assert any(len(c) > 1 for c in implied.coauthors.values())  # the data has co-authors
