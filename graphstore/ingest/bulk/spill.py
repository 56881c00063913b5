"""Reading: each input file mapped to records by the transactional importer's own
rules (`importer.usable`), written out as unsorted runs; every file is read by one
process per core, each mapping its share of the lines.

A line's sequence number is (file, line, place in the record), in the order the
transactional importer reads them, so sorting keeps, for every id, the order in
which that importer would merge the versions."""

from __future__ import annotations

import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Protocol

import orjson

from researchgraph.graphstore.ingest.bulk.runs import Runs
from researchgraph.graphstore.ingest.importer import (
    KEPT_BAD_LINES,
    ImportReport,
    collection_paused,
    usable,
)
from researchgraph.graphstore.ingest.reader import BadLine, InputFile, Reader, Share
from researchgraph.graphstore.records import GraphBatch

FULL, MENTION = "0", "1"  # a record of the entity itself, or a mention in another's


class Entity(Protocol):
    @property
    def id(self) -> str: ...


def _json(record: object) -> str:
    return orjson.dumps(record).decode()


def _entities(runs: Runs, label: str, records: Sequence[Entity], seq: str) -> None:
    for place, record in enumerate(records):
        runs.add(label, f"{record.id}\t{seq}{place:06d}\t{FULL}\t{_json(record)}")


class Mentions:
    """Writes mentions, less the repeats of one just written: a mention only fills
    what an entity lacks, so a second, equal one changes nothing, and a topic or an
    institution is mentioned by thousands of works. Remembers a bounded number."""

    REMEMBERED = 200_000

    def __init__(self, runs: Runs) -> None:
        self.runs = runs
        self.seen: set[tuple[str, str]] = set()

    def add(self, label: str, records: Sequence[Entity], seq: str) -> None:
        for place, record in enumerate(records):
            data = _json(record)
            if (label, data) in self.seen:
                continue
            if len(self.seen) >= self.REMEMBERED:
                self.seen.clear()
            self.seen.add((label, data))
            self.runs.add(label, f"{record.id}\t{seq}{place:06d}\t{MENTION}\t{data}")


def spill(runs: Runs, mentions: Mentions, batch: GraphBatch, seq: str) -> None:
    """Every record of one input record's batch, as lines of the runs."""
    for label, full, mentioned in (
        ("Researcher", batch.researchers, batch.researcher_mentions),
        ("Topic", batch.topics, batch.topic_mentions),
        ("Institution", batch.institutions, batch.institution_mentions),
        ("Source", batch.sources, batch.source_mentions),
        ("Work", batch.works, ()),
    ):
        _entities(runs, label, full, seq)
        mentions.add(label, mentioned, seq)
    for place, a in enumerate(batch.authorships):
        institutions = _json(list(a.institution_ids))
        runs.add(
            "AUTHORED",
            f"{a.work_id}\t{a.researcher_id}\t{seq}{place:06d}\t{a.position}\t{institutions}",
        )
    for place, t in enumerate(batch.work_topics):
        score = "" if t.score is None else repr(t.score)
        runs.add("ABOUT", f"{t.work_id}\t{t.topic_id}\t{seq}{place:06d}\t{score}")
    for place, c in enumerate(batch.citations):
        runs.add("CITES", f"{c.cited_id}\t{c.citing_id}\t{seq}{place:06d}")
    for place, f in enumerate(batch.affiliations):
        years = _json(list(f.years))
        runs.add(
            "AFFILIATED_WITH",
            f"{f.researcher_id}\t{f.institution_id}\t{seq}{place:06d}\t{years}\t{int(f.current)}",
        )


def spill_file(task: tuple[int, InputFile, Share, Path]) -> ImportReport:
    """One reader's share of an input file into runs suffixed with both."""
    number, file, share, folder = task
    report = ImportReport()
    runs = Runs(folder, f"{number:05d}-{share.index}")
    mentions = Mentions(runs)
    try:
        with collection_paused():
            for item, mapped in usable(Reader([file], share), report):
                report.records[item.type] += 1
                spill(runs, mentions, mapped, f"{number:05d}{item.where.line:010d}")
    finally:
        runs.close()
    return report


def spill_files(files: list[InputFile], folder: Path) -> ImportReport:
    """All of `files`, each read by as many processes as there are cores, each
    parsing its share of the lines."""
    readers = os.cpu_count() or 1
    report = ImportReport()
    bad_lines: list[BadLine] = []
    tasks = [
        (number, file, Share(index, readers), folder)
        for number, file in enumerate(files)
        for index in range(readers)
    ]
    with ProcessPoolExecutor(max_workers=readers) as pool:
        for part in pool.map(spill_file, tasks):
            report.merge(part)
            bad_lines += part.bad_lines
    # Reported in the order read, as the transactional importer reports them.
    order = {file.path: number for number, file in enumerate(files)}
    bad_lines.sort(key=lambda bad: (order[bad.where.path], bad.where.line))
    report.bad_lines = bad_lines[:KEPT_BAD_LINES]
    return report
