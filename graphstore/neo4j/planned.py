"""A read plan (`graphstore.plans`) as one Cypher query: the roots, and for each a
nested map built from fixed fragments, one per planned relationship (COLLECT and
COUNT subqueries, pattern comprehensions), so a profile page with its works, their
authors and topics, the top topics and collaborators is one round trip.

The text depends only on the plan's shape (which fragments, how nested); every value
(ids, page sizes, orders, cursors, filters) is a parameter, so a repeated document is
one cached Neo4j plan. Variable names are numbered, so nested fragments never shadow
one another. Results are re-sorted with `graphstore.ordering` exactly as the batch
methods sort them, so both answers agree.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache, partial
from types import MappingProxyType
from typing import Any

from researchgraph.graphstore.model import WORK_INSTITUTIONS, WORK_LISTS, WORK_VENUE, OwnerLabel
from researchgraph.graphstore.neo4j import neighbours as neighbour_reads
from researchgraph.graphstore.neo4j import relations
from researchgraph.graphstore.neo4j.connection import Connection
from researchgraph.graphstore.neo4j.pages import (
    researcher_projection,
    work_filter,
    work_key,
    work_projection,
)
from researchgraph.graphstore.neo4j.patterns import degree, path, step
from researchgraph.graphstore.neo4j.properties import from_row, row_projection
from researchgraph.graphstore.ordering import (
    affiliation_order,
    authorship_order,
    work_topic_order,
)
from researchgraph.graphstore.pages import Page, PageRow
from researchgraph.graphstore.plans import (
    OwnerPlan,
    Prefetched,
    ResearcherPlan,
    WorkPlan,
    WorksPagePlan,
)
from researchgraph.graphstore.records import (
    CLOSE_COLLABORATOR_MIN_SHARED,
    AffiliationRecord,
    AuthorshipRecord,
    InstitutionRecord,
    ResearcherRecord,
    SourceRecord,
    StatsRequest,
    TopicRecord,
    TopicsRequest,
    WorkRecord,
    WorkTopicRecord,
)

Value = dict[str, Any]


class _Compiler:
    """Builds the query text and its parameters, one fragment per plan node."""

    def __init__(self) -> None:
        self.params: dict[str, Any] = {"close": CLOSE_COLLABORATOR_MIN_SHARED}
        self.count = 0

    def name(self, base: str) -> str:
        self.count += 1
        return f"{base}_{self.count}"

    def param(self, value: Any) -> str:
        name = f"p{len(self.params)}"
        self.params[name] = value
        return f"${name}"

    def root(self, r: str, plan: ResearcherPlan) -> tuple[str, str]:
        """The CALL subqueries of the root-only relations, and the root's map."""
        calls, parts = [], []
        if plan.stats:
            union = frozenset(g for groups in plan.stats for g in groups)
            calls.append(relations.stats_call(r, "stats", union))
            parts.append("stats: stats")
        for k, limit in enumerate(plan.topics):
            topic = row_projection(TopicRecord, "t")
            calls.append(relations.topics_call(r, self.param(limit), f"topics{k}", topic))
            parts.append(f"topics{k}: topics{k}")
        for k, wanted in enumerate(plan.collaborators):
            # Inside the CALL only `c` and the call's own names are in scope.
            researcher = self.researcher("c", wanted.researcher)
            calls.append(
                relations.collaborators_call(
                    r,
                    self.param(wanted.min_shared),
                    self.param(wanted.limit),
                    f"collaborators{k}",
                    researcher,
                )
            )
            parts.append(f"collaborators{k}: collaborators{k}")
        return "\n".join(calls), self.researcher(r, plan, parts)

    def researcher(self, r: str, plan: ResearcherPlan, extra: Sequence[str] = ()) -> str:
        """A researcher's map with what `plan` asks below a root (no aggregations:
        those are `root`'s)."""
        parts = [f"node: {researcher_projection(r, plan.fields)}", *extra]
        if plan.affiliations:
            a, i = self.name("a"), self.name("i")
            parts.append(
                f"affiliations: [({r})-[{a}:AFFILIATED_WITH]->({i}:Institution) | "
                f"[{row_projection(InstitutionRecord, i)}, coalesce({a}.years, []), "
                f"coalesce({a}.current, false)]]"
            )
        parts.extend(self.pages(r, plan.pages))
        return "{" + ", ".join(parts) + "}"

    def pages(self, owner: str, plans: Sequence[WorksPagePlan]) -> list[str]:
        return [f"pages{k}: {self.page(owner, page)}" for k, page in enumerate(plans)]

    def page(self, owner: str, plan: WorksPagePlan) -> str:
        # A planned list has one hop (`WorkListSpec.single_hop`): its relationship
        # type says what its ends are, so no label is checked on the way, and an
        # unfiltered count reads the owner's degree instead of walking every work.
        spec = WORK_LISTS[plan.works]
        n, key = self.name("n"), self.name("key")
        wanted = plan.filter
        matched = path(spec, f"({owner})", n, labelled=False)
        where, total = "true", degree(spec, owner)
        if wanted is not None:
            where = work_filter(
                n,
                self.param(wanted.year_from),
                self.param(wanted.year_to),
                self.param(list(wanted.types) if wanted.types is not None else None),
            )
            total = f"COUNT {{ MATCH {matched} WHERE {where} }}"
        after = "true"
        if plan.after is not None:
            after_key, after_id = self.param(plan.after[0]), self.param(plan.after[1])
            after = f"{key} > {after_key} OR ({key} = {after_key} AND {n}.id > {after_id})"
        ranked = (
            f"MATCH {matched} WHERE {where} "
            f"WITH {n}, {work_key(n, self.param(plan.order))} AS {key} WHERE {after} "
        )
        # `remaining` (rows past the cursor) says whether a next page exists without
        # projecting a row beyond the page.
        remaining = f"COUNT {{ {ranked} RETURN {n} }}" if plan.after is not None else "null"
        # Ranked by key alone first, and by id only among the rows that can still make
        # the page: a prolific author has hundreds of works, and reading every id to
        # break ties cost a third of an analyst's walk. A null key sorts last, so a null
        # cut keeps every row. (A subquery, not `collect()`: an aggregation here would
        # group the enclosing projection.)
        limit, by_key, row, cut = (
            self.param(plan.limit),
            self.name("byKey"),
            self.name("row"),
            self.name("cut"),
        )
        return (
            f"{{total: {total}, remaining: {remaining}, "
            f"rows: COLLECT {{ "
            f"WITH COLLECT {{ {ranked}WITH {n}, {key} ORDER BY {key} RETURN [{n}, {key}] }} "
            f"AS {by_key} UNWIND {by_key} AS {row} "
            f"WITH {row}, {by_key}[{limit} - 1][1] AS {cut} "
            f"WHERE {cut} IS NULL OR {row}[1] <= {cut} "
            f"WITH {row}[0] AS {n}, {row}[1] AS {key} ORDER BY {key}, {n}.id LIMIT {limit} "
            f"RETURN [{key}, {self.work(n, plan.work)}] }}}}"
        )

    def work(self, w: str, plan: WorkPlan) -> str:
        parts = [f"node: {work_projection(w, plan.fields)}"]
        if plan.venue:
            s = self.name("s")
            source = row_projection(SourceRecord, s)
            parts.append(f"venue: head([{step(WORK_VENUE, w, s)} | {source}])")
        if plan.authors is not None or plan.author_institutions:
            a, x = self.name("a"), self.name("x")
            author = self.researcher(a, plan.authors) if plan.authors is not None else f"{a}.id"
            parts.append(
                f"authors: [({a})-[{x}:AUTHORED]->({w}) | "
                f"[{x}.position, coalesce({x}.institutionIds, []), {author}]]"
            )
        if plan.author_institutions:
            i = self.name("i")
            place = row_projection(InstitutionRecord, i)
            parts.append(f"institutions: [{step(WORK_INSTITUTIONS, w, i)} | {place}]")
        if plan.topics:
            a, t = self.name("a"), self.name("t")
            topic = row_projection(TopicRecord, t)
            parts.append(f"topics: [({w})-[{a}:ABOUT]->({t}) | [{topic}, {a}.score]]")
        parts.extend(self.pages(w, plan.pages))
        return "{" + ", ".join(parts) + "}"


# Compiled once per plan: plans are values, and a repeated document plans alike.
@lru_cache(maxsize=256)
def researchers_query(plan: ResearcherPlan) -> tuple[str, Mapping[str, Any]]:
    compiler = _Compiler()
    calls, found = compiler.root("r", plan)
    ring = ""
    if plan.neighbours is not None:
        # The slice's first ring: the batch query itself, its rows gathered into one.
        ring = (
            f"CALL () {{ CALL () {{ {neighbour_reads.NEIGHBOURS} }} "
            f"RETURN collect([center, found]) AS ring }}\n"
        )
    query = (
        f"{ring}UNWIND $ids AS id MATCH (r:Researcher {{id: id}})\n{calls}\n"
        f"RETURN {found} AS found{', ring' if ring else ''}"
    )
    return query, MappingProxyType(compiler.params)


@lru_cache(maxsize=256)
def works_query(plan: WorkPlan) -> tuple[str, Mapping[str, Any]]:
    compiler = _Compiler()
    found = compiler.work("w", plan)
    query = f"UNWIND $ids AS id MATCH (w:Work {{id: id}})\nRETURN {found} AS found"
    return query, MappingProxyType(compiler.params)


# The record of each owner label, as its node holds it.
_OWNER_RECORDS: Mapping[OwnerLabel, type[Any]] = MappingProxyType(
    {
        OwnerLabel.TOPIC: TopicRecord,
        OwnerLabel.SOURCE: SourceRecord,
        OwnerLabel.INSTITUTION: InstitutionRecord,
    }
)


@lru_cache(maxsize=256)
def owners_query(plan: OwnerPlan) -> tuple[str, Mapping[str, Any]]:
    compiler = _Compiler()
    parts = [
        f"node: {row_projection(_OWNER_RECORDS[plan.label], 'o')}",
        *compiler.pages("o", plan.pages),
    ]
    found = "{" + ", ".join(parts) + "}"
    query = f"UNWIND $ids AS id MATCH (o:{plan.label} {{id: id}})\nRETURN {found} AS found"
    return query, MappingProxyType(compiler.params)


async def prefetch_researchers(
    connection: Connection, ids: Sequence[str], plan: ResearcherPlan
) -> Prefetched:
    query, fixed = researchers_query(plan)
    unique = list(dict.fromkeys(ids))
    params = {**fixed, "ids": unique}
    if plan.neighbours is not None:  # the ring's parameters: these researchers only
        params.update(
            researchers=unique, works=[], topics=[], institutions=[], perKind=plan.neighbours
        )
    rows = await connection.read(query, params)
    out = Prefetched()
    out.researchers.update(dict.fromkeys(unique))
    for row in rows:
        _researcher(out, row["found"], plan)
    if plan.neighbours is not None and rows:
        rings: dict[str, list[list[Any]]] = {}
        for center, found in rows[0]["ring"]:
            rings.setdefault(center, []).extend(found)
        for researcher_id in unique:
            if out.researchers[researcher_id] is not None:
                out.neighbours[(researcher_id, plan.neighbours)] = neighbour_reads.ring(
                    rings.get(researcher_id, [])
                )
    return out


async def prefetch_works(connection: Connection, ids: Sequence[str], plan: WorkPlan) -> Prefetched:
    query, fixed = works_query(plan)
    unique = list(dict.fromkeys(ids))
    params = {**fixed, "ids": unique}
    out = Prefetched()
    out.works.update(dict.fromkeys(unique))
    for row in await connection.read(query, params):
        _work(out, row["found"], plan)
    return out


async def prefetch_owners(
    connection: Connection, ids: Sequence[str], plan: OwnerPlan
) -> Prefetched:
    query, fixed = owners_query(plan)
    unique = list(dict.fromkeys(ids))
    out = Prefetched()
    records = out.owners(plan.label)
    records.update(dict.fromkeys(unique))
    for row in await connection.read(query, {**fixed, "ids": unique}):
        record = from_row(_OWNER_RECORDS[plan.label], row["found"]["node"])
        records[record.id] = record
        _pages(out, record.id, row["found"], plan.pages)
    return out


# --- reading the nested answer into `Prefetched`


def _researcher(out: Prefetched, value: Value, plan: ResearcherPlan) -> str:
    record = from_row(ResearcherRecord, value["node"])
    rid = record.id
    if plan.fields is None:
        out.researchers[rid] = record
    else:
        out.researcher_views[(rid, plan.fields)] = record
    if plan.stats:
        stats = relations.stats_record(value["stats"])
        out.stats.update((StatsRequest(rid, groups), stats.only(groups)) for groups in plan.stats)
    if plan.affiliations:
        found = []
        for place, years, current in value["affiliations"]:
            institution = from_row(InstitutionRecord, place)
            out.institutions[institution.id] = institution
            found.append(AffiliationRecord(rid, institution.id, tuple(years), current))
        out.affiliations[rid] = sorted(found, key=affiliation_order)
    _pages(out, rid, value, plan.pages)
    for k, limit in enumerate(plan.topics):
        out.researcher_topics[TopicsRequest(rid, limit)] = relations.topic_records(
            value[f"topics{k}"], lambda topic: _topic(out, topic)
        )
    for k, wanted in enumerate(plan.collaborators):
        out.collaborators[wanted.request(rid)] = relations.collaboration_records(
            value[f"collaborators{k}"], partial(_researcher, out, plan=wanted.researcher)
        )
    return rid


def _topic(out: Prefetched, value: list[Any]) -> str:
    topic = from_row(TopicRecord, value)
    out.topics[topic.id] = topic
    return topic.id


def _pages(out: Prefetched, owner: str, value: Value, plans: Sequence[WorksPagePlan]) -> None:
    for k, plan in enumerate(plans):
        page = value[f"pages{k}"]
        rows = [PageRow(key, _work(out, work, plan.work)) for key, work in page["rows"]]
        remaining = page["total"] if page["remaining"] is None else page["remaining"]
        out.work_pages[plan.request(owner)] = Page(
            rows=rows, total=page["total"], has_next=remaining > len(rows)
        )


def _work(out: Prefetched, value: Value, plan: WorkPlan) -> WorkRecord:
    record = from_row(WorkRecord, value["node"])
    wid = record.id
    if plan.fields is None:
        out.works[wid] = record
    if plan.venue:
        venue = value["venue"]
        if venue is not None:
            source = from_row(SourceRecord, venue)
            out.sources[source.id] = source
    if plan.authors is not None or plan.author_institutions:
        authorships = []
        for position, places, author in value["authors"]:
            if plan.authors is not None:
                researcher_id = _researcher(out, author, plan.authors)
            else:
                researcher_id = author
            authorships.append(AuthorshipRecord(wid, researcher_id, position, tuple(places)))
        out.authorships[wid] = sorted(authorships, key=authorship_order)
    if plan.author_institutions:
        for place in value["institutions"]:
            institution = from_row(InstitutionRecord, place)
            out.institutions[institution.id] = institution
        for authorship in out.authorships[wid]:
            for place_id in authorship.institution_ids:
                out.institutions.setdefault(place_id, None)
    if plan.topics:
        out.work_topics[wid] = sorted(
            (WorkTopicRecord(wid, _topic(out, topic), score) for topic, score in value["topics"]),
            key=work_topic_order,
        )
    _pages(out, wid, value, plan.pages)
    return record
