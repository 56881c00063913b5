"""The in-memory graph: entities by id plus adjacency indexes in both directions,
upserted with the same rules as the Neo4j store (a `None` field never erases a
known value; relationships whose ends are unknown are skipped)."""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from typing import TypeVar

from researchgraph.graphstore.records import (
    AffiliationRecord,
    AuthorshipRecord,
    GraphBatch,
    InstitutionRecord,
    ResearcherRecord,
    SourceRecord,
    TopicRecord,
    WorkRecord,
    WorkTopicRecord,
)

E = TypeVar("E", ResearcherRecord, WorkRecord, TopicRecord, InstitutionRecord, SourceRecord)


def _merge(old: E | None, new: E) -> E:
    if old is None:
        return new
    known = {f.name: v for f in dataclasses.fields(new) if (v := getattr(new, f.name)) is not None}
    known.pop("claimed", None)  # claims come from users, never from a load
    return dataclasses.replace(old, **known)


def _upsert(table: dict[str, E], records: list[E]) -> None:
    for record in records:
        table[record.id] = _merge(table.get(record.id), record)


class MemoryGraph:
    def __init__(self) -> None:
        self.researchers: dict[str, ResearcherRecord] = {}
        self.works: dict[str, WorkRecord] = {}
        self.topics: dict[str, TopicRecord] = {}
        self.institutions: dict[str, InstitutionRecord] = {}
        self.sources: dict[str, SourceRecord] = {}
        self.authors_of: dict[str, dict[str, AuthorshipRecord]] = defaultdict(dict)
        self.works_of: dict[str, set[str]] = defaultdict(set)
        self.topics_of: dict[str, dict[str, WorkTopicRecord]] = defaultdict(dict)
        self.works_about: dict[str, set[str]] = defaultdict(set)
        self.references_of: dict[str, set[str]] = defaultdict(set)
        self.citations_of: dict[str, set[str]] = defaultdict(set)
        self.affiliations_of: dict[str, dict[str, AffiliationRecord]] = defaultdict(dict)
        self.members_of: dict[str, set[str]] = defaultdict(set)
        self.followers_of: dict[str, set[str]] = defaultdict(set)

    def load(self, batch: GraphBatch) -> None:
        _upsert(self.researchers, batch.researchers)
        _upsert(self.works, batch.works)
        _upsert(self.topics, batch.topics)
        _upsert(self.institutions, batch.institutions)
        _upsert(self.sources, batch.sources)
        for authorship in batch.authorships:
            if authorship.researcher_id in self.researchers and authorship.work_id in self.works:
                self.authors_of[authorship.work_id][authorship.researcher_id] = authorship
                self.works_of[authorship.researcher_id].add(authorship.work_id)
        for about in batch.work_topics:
            if about.work_id in self.works and about.topic_id in self.topics:
                self.topics_of[about.work_id][about.topic_id] = about
                self.works_about[about.topic_id].add(about.work_id)
        for citation in batch.citations:
            if citation.citing_id in self.works and citation.cited_id in self.works:
                self.references_of[citation.citing_id].add(citation.cited_id)
                self.citations_of[citation.cited_id].add(citation.citing_id)
        for affiliation in batch.affiliations:
            if (
                affiliation.researcher_id in self.researchers
                and affiliation.institution_id in self.institutions
            ):
                self.affiliations_of[affiliation.researcher_id][affiliation.institution_id] = (
                    affiliation
                )
                self.members_of[affiliation.institution_id].add(affiliation.researcher_id)
