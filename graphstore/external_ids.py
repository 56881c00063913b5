"""Ids people already hold: DOIs, arXiv ids, ORCIDs and ROR ids, read in the forms
people write them and normalised to the one form the graph stores, so finding a node
by one is an indexed equality, never a scan. OpenAlex URLs are our own ids in a
longer spelling and need no lookup at all."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from researchgraph.graphstore.ids import NodeKind


class Scheme(StrEnum):
    DOI = "DOI"
    ARXIV = "ARXIV"
    ORCID = "ORCID"
    ROR = "ROR"


# The kind of node each scheme names (and whose property holds it).
SCHEME_KIND: dict[Scheme, NodeKind] = {
    Scheme.DOI: NodeKind.WORK,
    Scheme.ARXIV: NodeKind.WORK,
    Scheme.ORCID: NodeKind.RESEARCHER,
    Scheme.ROR: NodeKind.INSTITUTION,
}


@dataclass(frozen=True, slots=True)
class ExternalId:
    scheme: Scheme
    value: str  # exactly as the graph stores it


# DOIs are case-insensitive (DOI Handbook 2.4); OpenAlex writes them lower-case as a URL.
_DOI = re.compile(
    r"(?:https?://(?:dx\.)?doi\.org/|doi:\s*)?(10\.[0-9]+(?:\.[0-9]+)*/\S+)", re.IGNORECASE
)
DOI_URL = "https://doi.org/"
# New-style (2301.01234) and old-style (hep-th/9901001) ids; a version suffix names
# the same work.
_ARXIV = re.compile(
    r"(?:arxiv:\s*|https?://arxiv\.org/(?:abs|pdf)/)"
    r"([0-9]{4}\.[0-9]{4,5}|[a-z][a-z\-]*(?:\.[a-z]{2})?/[0-9]{7})(?:v[0-9]+)?(?:\.pdf)?",
    re.IGNORECASE,
)
_ORCID = re.compile(
    r"(?:orcid:\s*|https?://orcid\.org/)?([0-9]{4}-[0-9]{4}-[0-9]{4}-[0-9]{3}[0-9X])",
    re.IGNORECASE,
)
# ROR ids: a 0, six characters of Crockford base32, two check digits.
_ROR = re.compile(r"(?:ror:\s*|https?://ror\.org/)?(0[0-9a-hjkmnp-tv-z]{6}[0-9]{2})", re.IGNORECASE)
ROR_URL = "https://ror.org/"
_OPENALEX = re.compile(
    r"https?://(?:api\.)?openalex\.org/(?:(?:works|authors|topics|institutions|sources)/)?"
    r"([AWTIS][1-9][0-9]{0,15})",
    re.IGNORECASE,
)


def normal_doi(value: str | None) -> str | None:
    """A DOI in any common spelling as the graph stores it (`https://doi.org/10.…`,
    lower-case); None for anything that is not a DOI."""
    if value is None or not (match := _DOI.fullmatch(value.strip())):
        return None
    return DOI_URL + match.group(1).lower()


def parse(text: str) -> str | ExternalId | None:
    """Our own id for an OpenAlex URL, an `ExternalId` for a DOI, arXiv id, ORCID or
    ROR id, None for anything else (including our plain ids, which need no parsing)."""
    text = text.strip()
    if match := _OPENALEX.fullmatch(text):
        return match.group(1).upper()
    if doi := normal_doi(text):
        return ExternalId(Scheme.DOI, doi)
    if match := _ARXIV.fullmatch(text):
        return ExternalId(Scheme.ARXIV, match.group(1).lower())
    if match := _ORCID.fullmatch(text):
        return ExternalId(Scheme.ORCID, match.group(1).upper())
    if match := _ROR.fullmatch(text):
        return ExternalId(Scheme.ROR, ROR_URL + match.group(1).lower())
    return None
