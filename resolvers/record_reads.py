"""What each GraphQL field reads of its object's record, so a planned read of works
and people below a root asks the store for those properties only (`WorkPlan.fields`,
`ResearcherPlan.fields`). A field not named here reads the whole record: a new field
costs a full read until it is listed, never a wrong answer. Planned and unplanned
responses are compared field by field in the tests, which catch a wrong entry."""

from __future__ import annotations

from collections.abc import Iterable

WORK_READS: dict[str, tuple[str, ...]] = {
    "__typename": (),
    "id": ("id",),
    "title": ("title",),
    "abstract": ("abstract",),
    "year": ("year",),
    "type": ("type",),
    "doi": ("doi",),
    "arxivId": ("arxiv_id",),
    "url": ("url",),
    "codeUrl": ("code_url",),
    "citationCount": ("citation_count",),
    "venue": ("venue_id",),
    "authors": (),
    "topics": (),
    "references": (),
    "citedBy": (),
}

RESEARCHER_READS: dict[str, tuple[str, ...]] = {
    "__typename": (),
    "id": ("id",),
    "name": ("name",),
    "orcid": ("orcid",),
    "summary": ("summary",),
    "openToCollaborate": ("open_to_collaborate",),
    "claimed": ("claimed",),
    "links": ("links",),
    "affiliation": (),
    "affiliations": (),
    "counts": (),
    "works": (),
    "topics": (),
    "collaborators": (),
    "closeCollaborators": (),
    "graph": (),
    "viewerIsFollowing": (),
}


def work_fields(selected: Iterable[str]) -> frozenset[str] | None:
    """The record fields the selected Work fields read; None: all of them."""
    return _fields_read(WORK_READS, selected)


def researcher_fields(selected: Iterable[str]) -> frozenset[str] | None:
    """The record fields the selected Researcher fields read; None: all of them."""
    return _fields_read(RESEARCHER_READS, selected)


def _fields_read(
    reads: dict[str, tuple[str, ...]], selected: Iterable[str]
) -> frozenset[str] | None:
    needed = {"id"}
    for name in selected:
        if name not in reads:
            return None
        needed.update(reads[name])
    return frozenset(needed)
