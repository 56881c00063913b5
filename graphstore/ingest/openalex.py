"""Maps OpenAlex entity JSON (current and 2023 snapshot shapes) onto store records.

Only what the graph model holds is read; a work names its authors, institutions,
topics and venue with what it says of them, so those nodes exist even before their
own records are imported (a later, fuller record then completes them)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from typing import Any

from researchgraph.graphstore.external_ids import DOI_URL, normal_doi
from researchgraph.graphstore.ids import from_openalex
from researchgraph.graphstore.ingest.code_links import code_link
from researchgraph.graphstore.records import (
    AffiliationRecord,
    AuthorshipRecord,
    CitationRecord,
    GraphBatch,
    InstitutionRecord,
    ResearcherRecord,
    SourceRecord,
    TopicRecord,
    WorkRecord,
    WorkTopicRecord,
)

Entity = Mapping[str, Any]

# OpenAlex work types (and 2023 Crossref-style ones) -> WorkType names.
WORK_TYPES = {
    "article": "ARTICLE",
    "journal-article": "ARTICLE",
    "proceedings-article": "ARTICLE",
    "preprint": "PREPRINT",
    "posted-content": "PREPRINT",
    "book": "BOOK",
    "monograph": "BOOK",
    "book-chapter": "BOOK_CHAPTER",
    "dataset": "DATASET",
    "dissertation": "DISSERTATION",
    "review": "REVIEW",
    "report": "REPORT",
    "editorial": "EDITORIAL",
    "letter": "LETTER",
}
_ARXIV = re.compile(r"arxiv\.org/(?:abs|pdf)/([0-9]{4}\.[0-9]{4,5}|[a-z\-]+/[0-9]{7})")
_ARXIV_DOI = DOI_URL + "10.48550/arxiv."


def _short_orcid(value: str | None) -> str | None:
    return value.removeprefix("https://orcid.org/") if value else None


def abstract_text(inverted: Mapping[str, list[int]] | None) -> str | None:
    """Rebuild the abstract OpenAlex ships as word -> positions."""
    if not inverted:
        return None
    placed = sorted(
        (position, word) for word, positions in inverted.items() for position in positions
    )
    return " ".join(word for _, word in placed)


def institution(entity: Entity) -> InstitutionRecord:
    return InstitutionRecord(
        id=from_openalex(entity["id"]),
        name=entity["display_name"],
        country_code=entity.get("country_code"),
        type=entity.get("type"),
        ror=entity.get("ror"),
        updated=entity.get("updated_date"),
    )


def topic(entity: Entity) -> TopicRecord:
    def name_of(key: str) -> str | None:
        part = entity.get(key)
        return part.get("display_name") if isinstance(part, Mapping) else None

    keywords = entity.get("keywords")
    return TopicRecord(
        id=from_openalex(entity["id"]),
        name=entity["display_name"],
        subfield=name_of("subfield"),
        field=name_of("field"),
        domain=name_of("domain"),
        keywords=tuple(str(k) for k in keywords) if keywords else None,
        updated=entity.get("updated_date"),
    )


def source(entity: Entity) -> SourceRecord:
    return SourceRecord(
        id=from_openalex(entity["id"]),
        name=entity["display_name"],
        type=entity.get("type"),
        updated=entity.get("updated_date"),
    )


def author(entity: Entity) -> GraphBatch:
    researcher_id = from_openalex(entity["id"])
    orcid = entity.get("orcid") or (entity.get("ids") or {}).get("orcid")
    # 2023 snapshots name one `last_known_institution`; the current API a list.
    current = entity.get("last_known_institutions") or (
        [entity["last_known_institution"]] if entity.get("last_known_institution") else []
    )
    current_ids = {from_openalex(i["id"]) for i in current}
    institutions = [institution(i) for i in current]
    affiliations = []
    for item in entity.get("affiliations") or []:
        place = institution(item["institution"])
        institutions.append(place)
        years = tuple(sorted(set(item.get("years") or ())))
        affiliations.append(
            AffiliationRecord(researcher_id, place.id, years, place.id in current_ids)
        )
    listed = {a.institution_id for a in affiliations}
    affiliations += [
        AffiliationRecord(researcher_id, i, (), True) for i in sorted(current_ids - listed)
    ]
    stats = entity.get("summary_stats") or {}
    activity = sorted(
        (int(c["year"]), int(c.get("works_count") or 0), int(c.get("cited_by_count") or 0))
        for c in entity.get("counts_by_year") or []
    )
    return GraphBatch(
        researchers=[
            ResearcherRecord(
                id=researcher_id,
                name=entity["display_name"],
                orcid=_short_orcid(orcid),
                summary=entity.get("summary"),
                open_to_collaborate=entity.get("open_to_collaborate"),
                h_index=stats.get("h_index"),
                i10_index=stats.get("i10_index"),
                reported_works=entity.get("works_count"),
                reported_citations=entity.get("cited_by_count"),
                activity_years=tuple(a[0] for a in activity) if activity else None,
                activity_works=tuple(a[1] for a in activity) if activity else None,
                activity_citations=tuple(a[2] for a in activity) if activity else None,
                updated=entity.get("updated_date"),
            )
        ],
        institution_mentions=institutions,
        affiliations=affiliations,
    )


def _locations(entity: Entity) -> list[Entity]:
    primary = entity.get("primary_location")
    return [loc for loc in [primary, *(entity.get("locations") or [])] if loc]


def _arxiv_id(locations: Iterable[Entity], doi: str | None) -> str | None:
    """From an arXiv location, else from arXiv's own DOI (10.48550/arXiv.<id>)."""
    for location in locations:
        if found := _ARXIV.search(location.get("landing_page_url") or ""):
            return found.group(1)
    if doi and doi.startswith(_ARXIV_DOI):
        return doi.removeprefix(_ARXIV_DOI)
    return None


def _code_url(locations: Iterable[Entity], abstract: str | None) -> str | None:
    """A location on a code host first (the repository itself), else the abstract's."""
    for location in locations:
        if found := code_link(location.get("landing_page_url")):
            return found
    return code_link(abstract)


def _unique(ids: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(ids))


def _venue(entity: Entity) -> Entity | None:
    primary = entity.get("primary_location") or {}
    venue = primary.get("source") or entity.get("host_venue")  # host_venue: 2023 shape
    return venue if venue and venue.get("id") and venue.get("display_name") else None


def work(entity: Entity) -> GraphBatch:
    work_id = from_openalex(entity["id"])
    locations = _locations(entity)
    primary = entity.get("primary_location") or {}
    venue = _venue(entity)
    year = entity.get("publication_year")
    topics = entity.get("topics") or (
        [entity["primary_topic"]] if entity.get("primary_topic") else []
    )
    primary_topic = entity.get("primary_topic") or (topics[0] if topics else None)
    abstract = abstract_text(entity.get("abstract_inverted_index"))
    doi = normal_doi(entity.get("doi")) or entity.get("doi")  # a malformed one kept as given
    batch = GraphBatch(
        works=[
            WorkRecord(
                id=work_id,
                title=entity.get("title") or entity.get("display_name"),
                type=WORK_TYPES.get(entity.get("type") or "", "OTHER"),
                year=int(year) if year is not None else None,
                abstract=abstract,
                doi=doi,
                arxiv_id=_arxiv_id(locations, doi),
                url=primary.get("landing_page_url") or entity.get("doi"),
                code_url=_code_url(locations, abstract),
                citation_count=int(entity.get("cited_by_count") or 0),
                venue_id=from_openalex(venue["id"]) if venue else None,
                primary_topic_id=from_openalex(primary_topic["id"]) if primary_topic else None,
                language=entity.get("language"),
                updated=entity.get("updated_date"),
            )
        ],
        source_mentions=[source(venue)] if venue else [],
    )
    # OpenAlex now and then lists one author twice in a work: the first listing keeps
    # its position and gains the institutions of the later ones.
    listed: dict[str, int] = {}  # researcher -> index of their authorship in the batch
    for position, authorship in enumerate(entity.get("authorships") or []):
        person = authorship.get("author") or {}
        if not person.get("id"):
            continue
        researcher_id = from_openalex(person["id"])
        places = [institution(i) for i in authorship.get("institutions") or [] if i.get("id")]
        batch.institution_mentions.extend(places)
        if researcher_id in listed:
            kept = batch.authorships[listed[researcher_id]]
            batch.authorships[listed[researcher_id]] = replace(
                kept, institution_ids=_unique([*kept.institution_ids, *(p.id for p in places)])
            )
            continue
        name = person.get("display_name") or authorship.get("raw_author_name") or "(unknown)"
        batch.researcher_mentions.append(
            ResearcherRecord(id=researcher_id, name=name, orcid=_short_orcid(person.get("orcid")))
        )
        listed[researcher_id] = len(batch.authorships)
        batch.authorships.append(
            AuthorshipRecord(work_id, researcher_id, position, _unique(p.id for p in places))
        )
    for item in topics:
        batch.topic_mentions.append(topic(item))
        batch.work_topics.append(
            WorkTopicRecord(work_id, from_openalex(item["id"]), item.get("score"))
        )
    batch.citations.extend(
        CitationRecord(work_id, from_openalex(cited))
        for cited in entity.get("referenced_works") or []
    )
    return batch


def institution_record(entity: Entity) -> GraphBatch:
    return GraphBatch(institutions=[institution(entity)])


def topic_record(entity: Entity) -> GraphBatch:
    return GraphBatch(topics=[topic(entity)])


def source_record(entity: Entity) -> GraphBatch:
    return GraphBatch(sources=[source(entity)])


# Entity type (the snapshot's folder name) -> its mapper.
MAPPERS: dict[str, Callable[[Entity], GraphBatch]] = {
    "authors": author,
    "works": work,
    "institutions": institution_record,
    "topics": topic_record,
    "sources": source_record,
}
# The type an id's prefix names, for files that do not say.
TYPE_OF_PREFIX = {"A": "authors", "W": "works", "I": "institutions", "T": "topics", "S": "sources"}


def merge(batches: Iterable[GraphBatch]) -> GraphBatch:
    """One batch holding every record of `batches`, in order."""
    merged = GraphBatch()
    for batch in batches:
        for name in merged.__dataclass_fields__:
            getattr(merged, name).extend(getattr(batch, name))
    return merged
