"""OpenAlex files -> the CSV files of Neo4j's offline importer, holding the graph the
transactional importer builds from them (`writes.load` then `writes.refresh`):

1. read and map every record (`spill`), a run per file and kind;
2. sort the runs by id (`runs.sort`);
3. fold each id's versions in the order they were read, by `graphstore.merge`'s
   rules; keep each relationship's last version; link citations of works not in the
   data to `PendingWork` nodes; derive what the works imply (`derived`);
4. write one CSV file per label and relationship type.

Only the sorts hold much in memory (GNU sort, bounded, spilling to disk), and a
researcher's or work's lines at a time, so a snapshot of any size converts."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from researchgraph.graphstore.ingest.bulk.columns import CsvFile, record_columns
from researchgraph.graphstore.ingest.bulk.derived import Derivations
from researchgraph.graphstore.ingest.bulk.runs import Runs, groups, joined, keyed, sort
from researchgraph.graphstore.ingest.bulk.spill import FULL, spill_files
from researchgraph.graphstore.ingest.importer import ImportReport
from researchgraph.graphstore.ingest.reader import discover
from researchgraph.graphstore.merge import E, combined, fill
from researchgraph.graphstore.neo4j.kept_order import (
    MEMBERSHIP_COLUMNS,
    RESEARCHES_COLUMNS,
    STAMP_COLUMNS,
    stamp_values,
)
from researchgraph.graphstore.neo4j.migrations import BACKFILLS, BULK_LEAVES
from researchgraph.graphstore.neo4j.writes import UNSTORED_ENTITY_FIELDS, UNSTORED_WORK_FIELDS
from researchgraph.graphstore.records import (
    InstitutionRecord,
    ResearcherRecord,
    SourceRecord,
    TopicRecord,
    WorkRecord,
)

_DERIVED_RESEARCHER = (
    "worksCount:long",
    "citationCount:long",
    "strongestWorks:string[]",
    "strongestCoauthors:string[]",
    "strongestCoauthorWorks:long[]",
)


@dataclass
class CsvSet:
    """The importer's input: CSV files by label and by relationship type."""

    folder: Path
    nodes: list[tuple[str, CsvFile]] = field(default_factory=list)
    relationships: list[tuple[str, CsvFile]] = field(default_factory=list)

    def node_file(self, label: str, columns: Iterable[str]) -> CsvFile:
        file = CsvFile(self.folder / f"nodes-{label}.csv", ["id:ID", *columns])
        self.nodes.append((label, file))
        return file

    def relationship_file(self, type_: str, columns: Iterable[str] = ()) -> CsvFile:
        file = CsvFile(self.folder / f"rels-{type_}.csv", [":START_ID", ":END_ID", *columns])
        self.relationships.append((type_, file))
        return file

    @property
    def multiline(self) -> bool:
        return any(file.multiline for _, file in self.nodes + self.relationships)

    def counts(self) -> dict[str, int]:
        return {name: file.rows for name, file in self.nodes + self.relationships}


@dataclass
class Conversion:
    report: ImportReport
    csv: CsvSet


def _folded(cls: type[E], rows: list[list[str]]) -> E:
    """One entity from its versions (id, seq, kind, json), in the order read."""
    held: E | None = None
    for _, _, kind, data in rows:
        record = cls(**orjson.loads(data))
        if held is None:
            held = record
        else:
            held = combined(held, record) if kind == FULL else fill(held, record)
    assert held is not None
    return held


def _entities(folder: Path, label: str, cls: type[E]) -> Iterator[tuple[str, E]]:
    for (id_,), rows in groups(sort(folder, label), 1):
        yield id_, _folded(cls, rows)


def _write_entities(csv: CsvSet, folder: Path, label: str, cls: type[Any]) -> None:
    columns = record_columns(cls, UNSTORED_ENTITY_FIELDS)
    with csv.node_file(label, [c for _, c in columns]) as out:
        for id_, record in _entities(folder, label, cls):
            out.write([id_, *(getattr(record, name) for name, _ in columns)])


def _write_works(csv: CsvSet, folder: Path) -> Path:
    """Work nodes and PUBLISHED_IN; returns a sorted run of (work, year, citations,
    venue)."""
    columns = record_columns(WorkRecord, UNSTORED_WORK_FIELDS)
    facts = folder / "work-facts.sorted"
    with (
        csv.node_file("Work", [c for _, c in columns]) as works,
        csv.relationship_file("PUBLISHED_IN", STAMP_COLUMNS) as venues,
        facts.open("w", encoding="utf-8") as out,
    ):
        for id_, work in _entities(folder, "Work", WorkRecord):
            works.write([id_, *(getattr(work, name) for name, _ in columns)])
            if work.venue_id is not None:
                keys = stamp_values(work.venue_id, id_, work.year, work.citation_count)
                venues.write([id_, work.venue_id, *keys])
            year = "" if work.year is None else str(work.year)
            out.write(f"{id_}\t{year}\t{work.citation_count}\t{work.venue_id or ''}\n")
    return facts


def _work_facts(facts: Path) -> Iterator[tuple[str, list[str]]]:
    for (id_,), rows in groups(facts, 1):
        yield id_, rows[0]


def _keyed_by(fact: list[str]) -> tuple[int | None, int]:
    """A work's year and citation count from its facts (what its keys are made of)."""
    _, year, citations, _ = fact
    return (int(year) if year else None), int(citations)


def _write_citations(csv: CsvSet, folder: Path, facts: Path) -> None:
    """CITES between works in the data, stamped with the citing work's keys (a
    second pass, by citing work); a citation of any other work goes to a PendingWork
    placeholder (CITES_PENDING), as `writes.LINK_CITATIONS` leaves it."""
    between = Runs(folder, "resolved")
    with (
        csv.relationship_file("CITES_PENDING") as pending_cites,
        csv.node_file("PendingWork", []) as pending,
    ):
        for cited, (work, rows) in joined(_work_facts(facts), keyed(sort(folder, "CITES"), 2)):
            citing = [row[1] for row in rows or [] if row[1] != cited]
            if not citing:
                continue
            if work is None:
                pending.write([cited])
            for source in citing:
                if work is None:
                    pending_cites.write([source, cited])
                else:
                    between.add("CITING", f"{source}\t{cited}")
    between.close()
    with csv.relationship_file("CITES", STAMP_COLUMNS) as cites:
        for citing_id, (fact, pairs) in joined(
            _work_facts(facts), keyed(sort(folder, "CITING"), 2)
        ):
            if fact is None or pairs is None:  # a citing work is always in the data
                continue
            year, citations = _keyed_by(fact)
            for _, cited_id in pairs:
                cites.write(
                    [citing_id, cited_id, *stamp_values(cited_id, citing_id, year, citations)]
                )


def _write_work_links(csv: CsvSet, folder: Path, facts: Path, derived: Derivations) -> None:
    """AUTHORED and ABOUT, each pair's last version, and the institutions the
    authorships list (LISTS_INSTITUTION, as `writes.LINK_WORK_INSTITUTIONS` keeps it);
    each work's authors and topics go to the derivations."""
    with (
        csv.relationship_file(
            "AUTHORED", ["position:long", "institutionIds:string[]", *STAMP_COLUMNS]
        ) as authored,
        csv.relationship_file("LISTS_INSTITUTION", STAMP_COLUMNS) as lists_institution,
        csv.relationship_file("ABOUT", ["score:double", *STAMP_COLUMNS]) as about,
    ):
        for work, (fact, authors, topics) in joined(
            _work_facts(facts), keyed(sort(folder, "AUTHORED"), 2), keyed(sort(folder, "ABOUT"), 2)
        ):
            year, citations = _keyed_by(fact)
            researchers = []
            listed: dict[str, None] = {}
            for _, researcher, _, position, institutions in authors or []:
                places = orjson.loads(institutions)
                keys = stamp_values(researcher, work, year, citations)
                authored.write([researcher, work, int(position), places, *keys])
                researchers.append(researcher)
                listed.update(dict.fromkeys(places or ()))
            for institution in listed:
                keys = stamp_values(institution, work, year, citations)
                lists_institution.write([work, institution, *keys])
            topic_ids = []
            for _, topic, _, score in topics or []:
                keys = stamp_values(topic, work, year, citations)
                about.write([work, topic, float(score) if score else None, *keys])
                topic_ids.append(topic)
            derived.add_work(work, fact[1], citations, researchers, topic_ids, fact[3])


def _write_affiliations(csv: CsvSet, folder: Path) -> None:
    columns = ["years:long[]", "current:boolean"]
    with csv.relationship_file("AFFILIATED_WITH", columns) as out:
        for researcher, rows in keyed(sort(folder, "AFFILIATED_WITH"), 2):
            for _, institution, _, years, current in rows:
                out.write([researcher, institution, orjson.loads(years), current == "1"])


def _write_researchers(csv: CsvSet, folder: Path, derived: Derivations) -> None:
    with (
        csv.relationship_file("COAUTHOR", ["works:long", "firstYear:long", "lastYear:long"]) as co,
        csv.relationship_file("RESEARCHES", ["works:long", *RESEARCHES_COLUMNS]) as researches,
        csv.relationship_file("PUBLISHES_IN", ["works:long", *MEMBERSHIP_COLUMNS]) as publishes,
    ):
        derived.write_relationships(co, researches, publishes)
    columns = record_columns(ResearcherRecord, UNSTORED_ENTITY_FIELDS)
    with csv.node_file("Researcher", [*(c for _, c in columns), *_DERIVED_RESEARCHER]) as out:
        for id_, (record, works, strongest) in joined(
            _entities(folder, "Researcher", ResearcherRecord), derived.works(), derived.strongest()
        ):
            out.write(
                [
                    id_,
                    *(getattr(record, name) for name, _ in columns),
                    works.works if works else 0,
                    works.citations if works else 0,
                    works.strongest_works if works else None,
                    strongest.coauthors if strongest else None,
                    strongest.shared_works if strongest else None,
                ]
            )


def convert(
    paths: Iterable[Path], folder: Path, say: Callable[[str], None] = lambda _: None
) -> Conversion:
    """The CSV files for `paths` in `folder` (which holds the work files too);
    `say` hears of each step as it ends."""
    runs = folder / "runs"
    runs.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()

    def done(step: str) -> None:
        say(f"{step} ({time.monotonic() - started:.1f}s)")

    report = spill_files(discover(paths), runs)
    done(f"read {report.total:,} records")
    csv = CsvSet(folder)
    for label, cls in (
        ("Topic", TopicRecord),
        ("Institution", InstitutionRecord),
        ("Source", SourceRecord),
    ):
        _write_entities(csv, runs, label, cls)
    facts = _write_works(csv, runs)
    done("topics, institutions, sources and works written")
    _write_citations(csv, runs, facts)
    derived = Derivations(runs)
    _write_work_links(csv, runs, facts, derived)
    _write_affiliations(csv, runs)
    done("citations, authorships, topics and affiliations written")
    _write_researchers(csv, runs, derived)
    # Every other backfill's data is in the files: none is left for `migrate` to do.
    with csv.node_file("Migration", []) as migrations:
        for name in BACKFILLS.keys() - BULK_LEAVES:
            migrations.write([name])
    done("researchers, co-authors and their topics written")
    return Conversion(report, csv)
