"""What each researcher's works imply, as `writes.REFRESH_RESEARCHERS` keeps it on
the graph, worked out from sorted runs instead of Cypher: counts and most cited works,
a COAUTHOR relationship (lower id to higher) per pair with the works they share and
the span of their years, a RESEARCHES relationship per topic and a PUBLISHES_IN per
venue (with the works on it), and the strongest
co-authors. Orders and caps are REFRESH_RESEARCHERS's: most cited first, then by id;
most shared works first, then by id; `NEIGHBOUR_CAP` of each."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from researchgraph.graphstore.graph import NEIGHBOUR_CAP
from researchgraph.graphstore.ingest.bulk.columns import CsvFile
from researchgraph.graphstore.ingest.bulk.runs import Runs, groups, sort
from researchgraph.graphstore.neo4j.kept_order import membership_values, researches_values

_LARGEST = 10**15  # counts below it; `_descending` sorts larger ones first


def _descending(count: int) -> str:
    return f"{_LARGEST - count:016d}"


@dataclass(frozen=True, slots=True)
class ResearcherWorks:
    works: int
    citations: int
    strongest_works: list[str]


@dataclass(frozen=True, slots=True)
class Strongest:
    coauthors: list[str]
    shared_works: list[int]


class Derivations:
    """Fed each work with its authors and topics, in any order; then writes the
    relationships and reads each researcher's figures, in id order."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.runs = Runs(folder, "unsorted")

    def add_work(
        self,
        work: str,
        year: str,
        citations: int,
        authors: list[str],
        topics: list[str],
        venue: str = "",
    ) -> None:
        cited = f"{_descending(citations)}\t{work}\t{citations}"
        for author in authors:
            self.runs.add("researcher-works", f"{author}\t{cited}")
            for topic in topics:
                self.runs.add("researcher-topics", f"{author}\t{topic}")
            if venue:
                self.runs.add("researcher-venues", f"{author}\t{venue}")
        for lower, higher in itertools.combinations(sorted(authors), 2):
            self.runs.add("pairs", f"{lower}\t{higher}\t{year}")

    def write_relationships(
        self, coauthor: CsvFile, researches: CsvFile, publishes: CsvFile
    ) -> None:
        self.runs.close()
        strongest = Runs(self.folder, "unsorted")
        for (lower, higher), works, first, last in _pairs(sort(self.folder, "pairs")):
            coauthor.write([lower, higher, works, first, last])
            strength = f"{_descending(works)}\t"
            strongest.add("strongest", f"{lower}\t{strength}{higher}\t{works}")
            strongest.add("strongest", f"{higher}\t{strength}{lower}\t{works}")
        strongest.close()
        # Equal lines are one researcher's works on one topic: count each run of them.
        for researcher, topic, works in _runs(sort(self.folder, "researcher-topics")):
            ranked = researches_values(topic, researcher, works)
            researches.write([researcher, topic, works, *ranked])
        for researcher, venue, works in _runs(sort(self.folder, "researcher-venues")):
            publishes.write([researcher, venue, works, *membership_values(researcher, venue)])

    def works(self) -> Iterator[tuple[str, ResearcherWorks]]:
        for (researcher,), rows in groups(sort(self.folder, "researcher-works"), 1):
            yield (
                researcher,
                ResearcherWorks(
                    works=len(rows),
                    citations=sum(int(row[3]) for row in rows),
                    strongest_works=[row[2] for row in rows[:NEIGHBOUR_CAP]],
                ),
            )

    def strongest(self) -> Iterator[tuple[str, Strongest]]:
        for (researcher,), rows in groups(sort(self.folder, "strongest"), 1):
            top = rows[:NEIGHBOUR_CAP]
            yield researcher, Strongest([row[2] for row in top], [int(row[3]) for row in top])


def _runs(path: Path) -> Iterator[tuple[str, str, int]]:
    """Each distinct line's two fields, and how many times it is there."""
    with path.open(encoding="utf-8") as lines:
        for line, run in itertools.groupby(lines):
            first, second = line[:-1].split("\t")
            yield first, second, sum(1 for _ in run)


def _pairs(path: Path) -> Iterator[tuple[tuple[str, str], int, int | None, int | None]]:
    """Each pair of co-authors: the works they share, the first and last year."""
    key: tuple[str, str] | None = None
    works, first, last = 0, None, None
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            lower, higher, year = line[:-1].split("\t")
            if (lower, higher) != key:
                if key is not None:
                    yield key, works, first, last
                key, works, first, last = (lower, higher), 0, None, None
            works += 1
            if year:
                y = int(year)
                first = y if first is None or y < first else first
                last = y if last is None or y > last else last
    if key is not None:
        yield key, works, first, last
