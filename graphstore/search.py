"""Search, shared by both stores: the request, the hit, the query's terms, and the
relevance rules. Neo4j ranks with Lucene (full-text indexes); the in-memory store
applies the same term rules with a simple score, so both find the same things."""

from __future__ import annotations

import re
from dataclasses import dataclass

from researchgraph.graphstore.graph import GraphNodeRecord
from researchgraph.graphstore.ids import NodeKind

MAX_TERMS = 8
# Shorter terms match only exactly or as prefixes; fuzzy matching them is noise.
FUZZY_MIN_LENGTH = 4
_TERM = re.compile(r"[^\W_]+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class SearchRequest:
    terms: tuple[str, ...]
    kinds: tuple[NodeKind, ...]
    limit: int


@dataclass(frozen=True, slots=True)
class SearchHitRecord:
    node: GraphNodeRecord
    score: float


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


def term_score(word: str, tokens: frozenset[str]) -> float:
    """3 for the word itself, 2 for a token it begins, 1 for one edit away."""
    if word in tokens:
        return 3.0
    if any(token.startswith(word) for token in tokens):
        return 2.0
    if len(word) >= FUZZY_MIN_LENGTH and any(within_one_edit(word, t) for t in tokens):
        return 1.0
    return 0.0


def tokens(*texts: str | None) -> frozenset[str]:
    return frozenset(t.lower() for text in texts if text for t in _TERM.findall(text))
