"""Search, shared by both stores: the request, the hit, the query's terms, and the
relevance rules. Neo4j ranks with Lucene (full-text indexes); the in-memory store
applies the same term rules with a simple score, so both find the same things."""

from __future__ import annotations

import re
from dataclasses import dataclass

from researchgraph.graphstore.graph import GraphNodeRecord
from researchgraph.graphstore.ids import NodeKind
from researchgraph.graphstore.pages import WorkFilter

MAX_TERMS = 8
# Shorter terms match only exactly or as prefixes; fuzzy matching them is noise.
FUZZY_MIN_LENGTH = 4
_TERM = re.compile(r"[^\W_]+", re.UNICODE)


# What search finds: the kinds with a name or title.
SEARCHED_KINDS = (NodeKind.RESEARCHER, NodeKind.WORK, NodeKind.TOPIC, NodeKind.INSTITUTION)

# Matches counted and paged per kind: the best this many (filters applied first).
SEARCH_WINDOW = 1000


@dataclass(frozen=True, slots=True)
class SearchFilter:
    """Years and types describe works; a topic, works about it and researchers with
    works on it; an institution, works an author lists it on and researchers
    affiliated with it. A kind the set conditions do not describe is not searched."""

    year_from: int | None = None
    year_to: int | None = None
    types: tuple[str, ...] | None = None
    topic_id: str | None = None
    institution_id: str | None = None

    def works(self) -> WorkFilter:
        """The conditions on a work's own fields."""
        return WorkFilter(self.year_from, self.year_to, self.types)

    def kinds(self) -> frozenset[NodeKind]:
        """The kinds these conditions can describe."""
        kinds = set(SEARCHED_KINDS)
        if self.topic_id is not None or self.institution_id is not None:
            kinds &= {NodeKind.RESEARCHER, NodeKind.WORK}
        if self.year_from is not None or self.year_to is not None or self.types is not None:
            kinds &= {NodeKind.WORK}
        return frozenset(kinds)


@dataclass(frozen=True, slots=True)
class SearchRequest:
    """Hits `offset` to `offset + limit` of the matches of `terms`, best first. With
    `prefix_only` (type-ahead), every term must begin a word of the name or title."""

    terms: tuple[str, ...]
    kinds: tuple[NodeKind, ...]
    limit: int
    offset: int = 0
    filter: SearchFilter | None = None
    prefix_only: bool = False


@dataclass(frozen=True, slots=True)
class SearchHitRecord:
    node: GraphNodeRecord
    score: float


@dataclass(frozen=True, slots=True)
class SearchPage:
    hits: list[SearchHitRecord]
    total: int  # matches, at most `SEARCH_WINDOW` of each kind


def hit_order(hit: SearchHitRecord, prefix_only: bool) -> tuple[float, int, str]:
    """Score descending, then (type-ahead: `completion_length`) id."""
    length = completion_length(hit.node.label) if prefix_only else 0
    return -hit.score, length, hit.node.id


def completion_length(label: str | None) -> int:
    """Type-ahead's order among equal scores: shorter labels first (the closest
    completions), a missing label last."""
    return len(label) if label is not None else 1 << 30


def terms(query: str) -> tuple[str, ...]:
    """The words of a query, lower-cased, at most `MAX_TERMS` (Lucene syntax and
    punctuation are never passed through)."""
    return tuple(dict.fromkeys(t.lower() for t in _TERM.findall(query)))[:MAX_TERMS]


def lucene(words: tuple[str, ...]) -> str:
    """Each word exactly (boosted), as a prefix, and (if long enough) one edit away."""
    clauses = []
    for word in words:
        options = [f"{word}^3", f"{word}*^2"]
        if len(word) >= FUZZY_MIN_LENGTH:
            options.append(f"{word}~1")
        clauses.append("(" + " OR ".join(options) + ")")
    return " ".join(clauses)


def lucene_prefix(words: tuple[str, ...], field: str) -> str:
    """Every word as the beginning of a word of `field` (type-ahead)."""
    return " ".join(f"+{field}:{word}*" for word in words)


def within_one_edit(a: str, b: str) -> bool:
    """One insertion, deletion, substitution or swap of neighbours apart (as Lucene's
    fuzzy match counts edits)."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return a == b
    if len(a) == len(b):
        differ = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        swapped = (
            len(differ) == 2
            and differ[1] == differ[0] + 1
            and a[differ[0]] == b[differ[1]]
            and a[differ[1]] == b[differ[0]]
        )
        return len(differ) == 1 or swapped
    shorter, longer = sorted((a, b), key=len)
    return any(longer[:i] + longer[i + 1 :] == shorter for i in range(len(longer)))


# A term's score in a text: the word itself, a word it begins, a word one edit away
# (Lucene's boosts in `lucene`); a match in a record's other text than its name or
# title counts for less.
EXACT, PREFIX, NEAR = 3.0, 2.0, 1.0
SECONDARY_WEIGHT = 0.3


def term_score(word: str, tokens: frozenset[str]) -> float:
    """`EXACT` for the word itself, `PREFIX` for a token it begins, `NEAR` for one
    edit away."""
    if word in tokens:
        return EXACT
    if any(token.startswith(word) for token in tokens):
        return PREFIX
    if len(word) >= FUZZY_MIN_LENGTH and any(within_one_edit(word, t) for t in tokens):
        return NEAR
    return 0.0


def tokens(*texts: str | None) -> frozenset[str]:
    return frozenset(t.lower() for text in texts if text for t in _TERM.findall(text))


MAX_HIGHLIGHTS = 20


def highlights(words: tuple[str, ...], *texts: str | None) -> list[str]:
    """The words of `texts` the search terms matched (by `term_score`'s rules), as
    written, each once, in order of appearance."""
    found: dict[str, str] = {}
    for text in texts:
        for token in _TERM.findall(text or ""):
            lower = token.lower()
            if lower not in found and any(term_score(w, frozenset({lower})) for w in words):
                found[lower] = token
                if len(found) == MAX_HIGHLIGHTS:
                    return list(found.values())
    return list(found.values())
