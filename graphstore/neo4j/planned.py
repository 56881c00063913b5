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
from dataclasses import dataclass
from functools import lru_cache, partial
from types import MappingProxyType
from typing import Any

from researchgraph.graphstore.ids import NodeKind
from researchgraph.graphstore.model import WORK_INSTITUTIONS, WORK_LISTS, WORK_VENUE, OwnerLabel
from researchgraph.graphstore.neo4j import kept_order, relations
from researchgraph.graphstore.neo4j import neighbours as neighbour_reads
from researchgraph.graphstore.neo4j.connection import Connection
from researchgraph.graphstore.neo4j.pages import (
    filtered_total,
    researcher_projection,
    work_filter,
    work_projection,
)
from researchgraph.graphstore.neo4j.patterns import degree, path, step
from researchgraph.graphstore.neo4j.properties import from_row, row_projection
from researchgraph.graphstore.neo4j.sort_keys import work_key
from researchgraph.graphstore.ordering import (
    affiliation_order,
    authorship_order,
    work_topic_order,
)
from researchgraph.graphstore.pages import Page, PageRow, WorkOrder, key_range, walk_bounds
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
        # The pages of people below the roots (authors, collaborators), by their plan,
        # with where such people sit in the answer: read once per person, not once
        # per place a person appears (an author of every work of a page).
        self.deferred: dict[ResearcherPlan, list[Path]] = {}
        self.deferring = True

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
            researcher = self.researcher(
                "c",
                wanted.researcher,
                path=(("key", f"collaborators{k}"), ("each", 0)),
                nested=True,
            )
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
        return "\n".join(calls), self.researcher(r, plan, parts, path=())

    def researcher(
        self,
        r: str,
        plan: ResearcherPlan,
        extra: Sequence[str] = (),
        path: Path | None = None,
        nested: bool = False,
    ) -> str:
        """A researcher's map with what `plan` asks below a root (no aggregations:
        those are `root`'s). `path` says where the map sits in the answer (None:
        inside a shared read); a `nested` one's pages are read once per person
        (`shared`)."""
        parts = [f"node: {researcher_projection(r, plan.fields)}", *extra]
        if plan.affiliations:
            a, i = self.name("a"), self.name("i")
            parts.append(
                f"affiliations: [({r})-[{a}:AFFILIATED_WITH]->({i}:Institution) | "
                f"[{row_projection(InstitutionRecord, i)}, coalesce({a}.years, []), "
                f"coalesce({a}.current, false)]]"
            )
        if nested and path is not None and self.deferring and plan.pages:
            self.deferred.setdefault(plan, []).append(path)
        else:
            parts.extend(self.pages(r, plan.pages, path))
        return "{" + ", ".join(parts) + "}"

    def pages(self, owner: str, plans: Sequence[WorksPagePlan], path: Path | None) -> list[str]:
        return [
            f"pages{k}: {self.page(owner, page, _below(path, f'pages{k}', 'rows', 1))}"
            for k, page in enumerate(plans)
        ]

    def page(self, owner: str, plan: WorksPagePlan, work_path: Path | None = None) -> str:
        """`{total, rows: [[key, work]…]}`: the page and one row more if there is a
        next page. A planned list has one hop (`WorkListSpec.single_hop`): an
        unfiltered total is the owner's degree, a count the store keeps."""
        spec = WORK_LISTS[plan.works]
        n = self.name("n")
        wanted = plan.filter
        matches, total = "true", degree(spec, owner)
        if wanted is not None:
            bounds = (
                self.param(wanted.year_from),
                self.param(wanted.year_to),
                self.param(list(wanted.types) if wanted.types is not None else None),
            )
            matches = work_filter(n, *bounds)
        limit = self.param(plan.limit + 1)
        if spec.kept_order:
            if wanted is not None:
                low, high = key_range(WorkOrder.YEAR_DESC, wanted)
                total = filtered_total(
                    plan.works, f"{owner}.id", n, bounds, self.param(low), self.param(high)
                )
            ranked = self.kept_rows(owner, plan, n, matches, limit)
        else:
            if wanted is not None:
                total = f"COUNT {{ MATCH {path(spec, f'({owner})', n, labelled=False)} WHERE {matches} }}"
            ranked = self.sorted_rows(owner, plan, n, matches, limit)
        row, key = self.name("row"), self.name("key")
        return (
            f"{{total: {total}, rows: COLLECT {{ WITH {ranked} AS {row}s UNWIND {row}s AS {row} "
            f"WITH {row}[0] AS {n}, {row}[1] AS {key} ORDER BY {key}, {n}.id LIMIT {limit} "
            f"RETURN [{key}, {self.work(n, plan.work, work_path)}] }}}}"
        )

    def kept_rows(self, owner: str, plan: WorksPagePlan, n: str, matches: str, limit: str) -> str:
        """`[[work, key]…]` of a list kept in order (`kept_order`): from the cursor,
        `limit` rows along the order's index."""
        above, up_to = walk_bounds(plan.order, plan.filter, plan.after)
        after = None
        if plan.after is not None:
            after = (self.param(plan.after[0]), self.param(plan.after[1]))
        bounds = (self.param(above), self.param(up_to))
        walks = kept_order.page_rows(
            plan.works, plan.order, f"{owner}.id", n, matches, bounds, after, limit, pair=True
        )
        return f"COLLECT {{ {walks} }}[0..{limit}]"

    def sorted_rows(self, owner: str, plan: WorksPagePlan, n: str, matches: str, limit: str) -> str:
        """`[[work, key]…]` of a list sorted here, the page's rows and ties of its
        last key. Ranked by key alone first, and by id only among the rows that can
        still make the page: a prolific author has hundreds of works, and reading
        every id to break ties cost a third of an analyst's walk. A null key sorts
        last, so a null cut keeps every row."""
        key = self.name("key")
        after = "true"
        if plan.after is not None:
            after_key, after_id = self.param(plan.after[0]), self.param(plan.after[1])
            after = f"{key} > {after_key} OR ({key} = {after_key} AND {n}.id > {after_id})"
        matched = path(WORK_LISTS[plan.works], f"({owner})", n, labelled=False)
        by_key, row, cut = self.name("byKey"), self.name("row"), self.name("cut")
        return (
            f"COLLECT {{ WITH COLLECT {{ MATCH {matched} WHERE {matches} "
            f"WITH {n}, {work_key(n, self.param(plan.order))} AS {key} WHERE {after} "
            f"WITH {n}, {key} ORDER BY {key} RETURN [{n}, {key}] }} AS {by_key} "
            f"UNWIND {by_key} AS {row} WITH {row}, {by_key}[{limit} - 1][1] AS {cut} "
            f"WHERE {cut} IS NULL OR {row}[1] <= {cut} RETURN {row} }}"
        )

    def work(self, w: str, plan: WorkPlan, path: Path | None = None) -> str:
        parts = [f"node: {work_projection(w, plan.fields)}"]
        if plan.venue:
            s = self.name("s")
            source = row_projection(SourceRecord, s)
            parts.append(f"venue: head([{step(WORK_VENUE, w, s)} | {source}])")
        if plan.authors is not None or plan.author_institutions:
            a, x = self.name("a"), self.name("x")
            author = (
                self.researcher(a, plan.authors, path=_below(path, "authors", None, 2), nested=True)
                if plan.authors is not None
                else f"{a}.id"
            )
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
        parts.extend(self.pages(w, plan.pages, path))
        return "{" + ", ".join(parts) + "}"

    def shared(self, founds: str) -> tuple[list[str], tuple[ResearcherPlan, ...]]:
        """A CALL per deferred plan: the distinct people its places hold in `founds`
        (the roots' maps), each person's pages once, bound to `shared{d}` as
        `[[id, {pages…}]]`; and the plans, in that order."""
        self.deferring = False  # pages below these people are read in line
        calls = []
        for d, (plan, paths) in enumerate(self.deferred.items()):
            ids = " + ".join(self.extract(founds, path) for path in paths)
            pid, p = self.name("pid"), self.name("p")
            pages = ", ".join(self.pages(p, plan.pages, None))
            calls.append(
                f"CALL ({founds}) {{ UNWIND {ids} AS {pid} WITH DISTINCT {pid} "
                f"MATCH ({p}:Researcher {{id: {pid}}}) "
                f"RETURN collect([{pid}, {{{pages}}}]) AS shared{d} }}"
            )
        return calls, tuple(self.deferred)

    def extract(self, founds: str, path: Path) -> str:
        """The ids of the people at `path` in each of `founds`."""
        values = founds
        for kind, at in path:
            v, e, acc = self.name("v"), self.name("e"), self.name("acc")
            if kind == "key":
                values = f"[{v} IN {values} | {v}.{at}]"
            else:
                values = (
                    f"reduce({acc} = [], {v} IN {values} | "
                    f"{acc} + [{e} IN coalesce({v}, []) | {e}[{at}]])"
                )
        v = self.name("v")
        return f"[{v} IN {values} | {v}.node[0]]"  # a record row: its id first


# Where a map sits in a planned answer: keys of maps, and "each" element (at an index)
# of lists.
Path = tuple[tuple[str, str | int], ...]


def _below(path: Path | None, key: str, inner: str | None, index: int) -> Path | None:
    """The path of the elements of the list at `key` (or at `key`'s `inner`), each
    element's `index`."""
    if path is None:
        return None
    steps: Path = (("key", key),)
    if inner is not None:
        steps += (("key", inner),)
    return (*path, *steps, ("each", index))


@dataclass(frozen=True, slots=True)
class Compiled:
    """A planned query, its fixed parameters, and the plans of people whose pages it
    reads once each (`_Compiler.shared`): with any, it answers one row, `founds` and
    `shared{d}`, else a row per root, `found`."""

    query: str
    params: Mapping[str, Any]
    deferred: tuple[ResearcherPlan, ...]


def _compiled(compiler: _Compiler, head: str, found: str, carried: str = "") -> Compiled:
    """`head` (binding each root), then the roots' maps (`found`) and `carried`."""
    extra = f", {carried}" if carried else ""
    if not compiler.deferred:
        query = f"{head}\nRETURN {found} AS found{extra}"
        return Compiled(query, MappingProxyType(compiler.params), ())
    calls, deferred = compiler.shared("founds")
    shared = ", ".join(f"shared{d}" for d in range(len(deferred)))
    query = (
        f"{head}\nWITH collect({found}) AS founds{extra}\n"
        + "\n".join(calls)
        + f"\nRETURN founds, {shared}{extra}"
    )
    return Compiled(query, MappingProxyType(compiler.params), deferred)


# People's pages read once each, by plan, then by person: what a nested person's
# map lacks.
Shared = dict[ResearcherPlan, dict[str, Value]]


def _answers(compiled: Compiled, rows: list[dict[str, Any]]) -> tuple[list[Value], Shared]:
    if not compiled.deferred:
        return [row["found"] for row in rows], {}
    if not rows:
        return [], {}
    row = rows[0]
    shared = {
        plan: {pid: pages for pid, pages in row[f"shared{d}"]}
        for d, plan in enumerate(compiled.deferred)
    }
    return row["founds"], shared


# The slice ring of a researcher query: only researchers are its centers.
_RESEARCHERS = frozenset({NodeKind.RESEARCHER})


# Compiled once per plan: plans are values, and a repeated document plans alike.
@lru_cache(maxsize=256)
def researchers_query(plan: ResearcherPlan) -> Compiled:
    compiler = _Compiler()
    calls, found = compiler.root("r", plan)
    ring = ""
    if plan.neighbours is not None:
        # The slice's first ring: the batch query itself, its one record.
        ring = f"CALL () {{ {neighbour_reads.neighbours_query(_RESEARCHERS)} }}\n"
    head = f"{ring}UNWIND $ids AS id MATCH (r:Researcher {{id: id}})\n{calls}"
    return _compiled(compiler, head, found, "rings" if ring else "")


@lru_cache(maxsize=256)
def works_query(plan: WorkPlan) -> Compiled:
    compiler = _Compiler()
    found = compiler.work("w", plan, ())
    return _compiled(compiler, "UNWIND $ids AS id MATCH (w:Work {id: id})", found)


# The record of each owner label, as its node holds it.
_OWNER_RECORDS: Mapping[OwnerLabel, type[Any]] = MappingProxyType(
    {
        OwnerLabel.TOPIC: TopicRecord,
        OwnerLabel.SOURCE: SourceRecord,
        OwnerLabel.INSTITUTION: InstitutionRecord,
    }
)


@lru_cache(maxsize=256)
def owners_query(plan: OwnerPlan) -> Compiled:
    compiler = _Compiler()
    parts = [
        f"node: {row_projection(_OWNER_RECORDS[plan.label], 'o')}",
        *compiler.pages("o", plan.pages, ()),
    ]
    found = "{" + ", ".join(parts) + "}"
    head = f"UNWIND $ids AS id MATCH (o:{plan.label} {{id: id}})"
    return _compiled(compiler, head, found)


async def prefetch_researchers(
    connection: Connection, ids: Sequence[str], plan: ResearcherPlan
) -> Prefetched:
    compiled = researchers_query(plan)
    unique = list(dict.fromkeys(ids))
    params = {**compiled.params, "ids": unique}
    if plan.neighbours is not None:  # the ring's parameters: these researchers only
        params.update(researchers=unique, perKind=plan.neighbours)
    rows = await connection.read(compiled.query, params)
    founds, shared = _answers(compiled, rows)
    out = Prefetched()
    out.researchers.update(dict.fromkeys(unique))
    for found in founds:
        _researcher(out, found, plan, shared)
    if plan.neighbours is not None and rows:
        found_ids = [i for i in unique if out.researchers[i] is not None]
        rings = neighbour_reads.rings(rows[0]["rings"], found_ids)
        out.neighbours.update(
            ((i, plan.neighbours), ring) for i, ring in zip(found_ids, rings, strict=True)
        )
    return out


async def prefetch_works(connection: Connection, ids: Sequence[str], plan: WorkPlan) -> Prefetched:
    compiled = works_query(plan)
    unique = list(dict.fromkeys(ids))
    rows = await connection.read(compiled.query, {**compiled.params, "ids": unique})
    founds, shared = _answers(compiled, rows)
    out = Prefetched()
    out.works.update(dict.fromkeys(unique))
    for found in founds:
        _work(out, found, plan, shared)
    return out


async def prefetch_owners(
    connection: Connection, ids: Sequence[str], plan: OwnerPlan
) -> Prefetched:
    compiled = owners_query(plan)
    unique = list(dict.fromkeys(ids))
    rows = await connection.read(compiled.query, {**compiled.params, "ids": unique})
    founds, shared = _answers(compiled, rows)
    out = Prefetched()
    records = out.owners(plan.label)
    records.update(dict.fromkeys(unique))
    for found in founds:
        record = from_row(_OWNER_RECORDS[plan.label], found["node"])
        records[record.id] = record
        _pages(out, record.id, found, plan.pages, shared)
    return out


# --- reading the nested answer into `Prefetched`


def _researcher(
    out: Prefetched, value: Value, plan: ResearcherPlan, shared: Shared, nested: bool = False
) -> str:
    """`shared`: pages read once per person; a `nested` person's are there."""
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
    if nested and plan in shared:
        _pages(out, rid, shared[plan][rid], plan.pages, {})
    else:
        _pages(out, rid, value, plan.pages, shared)
    for k, limit in enumerate(plan.topics):
        out.researcher_topics[TopicsRequest(rid, limit)] = relations.topic_records(
            value[f"topics{k}"], lambda topic: _topic(out, topic)
        )
    for k, wanted in enumerate(plan.collaborators):
        out.collaborators[wanted.request(rid)] = relations.collaboration_records(
            value[f"collaborators{k}"],
            partial(_researcher, out, plan=wanted.researcher, shared=shared, nested=True),
        )
    return rid


def _topic(out: Prefetched, value: list[Any]) -> str:
    topic = from_row(TopicRecord, value)
    out.topics[topic.id] = topic
    return topic.id


def _pages(
    out: Prefetched, owner: str, value: Value, plans: Sequence[WorksPagePlan], shared: Shared
) -> None:
    for k, plan in enumerate(plans):
        page = value[f"pages{k}"]
        found = page["rows"]  # one more than the page if there is a next
        rows = [
            PageRow(key, _work(out, work, plan.work, shared)) for key, work in found[: plan.limit]
        ]
        out.work_pages[plan.request(owner)] = Page(
            rows=rows, total=page["total"], has_next=len(found) > plan.limit
        )


def _work(out: Prefetched, value: Value, plan: WorkPlan, shared: Shared) -> WorkRecord:
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
                researcher_id = _researcher(out, author, plan.authors, shared, nested=True)
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
    _pages(out, wid, value, plan.pages, shared)
    return record
