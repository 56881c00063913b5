"""The in-memory store's search index: for each kind, each word of its records'
names or titles (the primary field) and of their other text (the secondary field),
with the records it appears in. A query word's matches are found from the words, as
`search.term_score` rules them (the word itself, a word it begins, a word one edit
away), never by comparing it with every record; the scores are the scan's, exactly
(`tests/test_search_index.py` asserts both answer alike).

One-edit neighbours come from deletion neighbourhoods: two words are at most one edit
apart only if one of them, or a one-letter deletion of each, coincide; those
candidates are then checked with `within_one_edit`."""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterable, Iterator

from researchgraph.graphstore.search import (
    EXACT,
    FUZZY_MIN_LENGTH,
    NEAR,
    PREFIX,
    SECONDARY_WEIGHT,
    within_one_edit,
)

_LAST = chr(0x10FFFF)


def _deletions(word: str) -> Iterator[str]:
    return (word[:i] + word[i + 1 :] for i in range(len(word)))


class FieldIndex:
    """Which records (by number) each word of one field appears in."""

    def __init__(self, postings: dict[str, list[int]]) -> None:
        self.postings = postings
        self.vocabulary = sorted(postings)
        # Only what a fuzzy term (FUZZY_MIN_LENGTH letters or more) can meet: a word
        # one letter shorter meets it as itself, a longer one through its deletions.
        variants: defaultdict[str, list[str]] = defaultdict(list)
        for word in self.vocabulary:
            if len(word) >= FUZZY_MIN_LENGTH - 1:
                variants[word].append(word)
            if len(word) >= FUZZY_MIN_LENGTH:
                for variant in set(_deletions(word)):
                    variants[variant].append(word)
        self.variants = dict(variants)

    def begun_by(self, prefix: str) -> list[str]:
        """The words beginning with `prefix` (itself included): those sorted from it up
        to it followed by the last code point, which no word holds (not a letter)."""
        start = bisect.bisect_left(self.vocabulary, prefix)
        return self.vocabulary[start : bisect.bisect_left(self.vocabulary, prefix + _LAST, start)]

    def near(self, word: str) -> set[str]:
        """The words at most one edit from `word`."""
        candidates = {c for v in {word, *_deletions(word)} for c in self.variants.get(v, ())}
        return {c for c in candidates if within_one_edit(word, c)}

    def records_begun_by(self, prefix: str) -> set[int]:
        return {n for word in self.begun_by(prefix) for n in self.postings[word]}

    def lay(self, word: str, weight: float, found: dict[int, float]) -> None:
        """Each record `word` matches here, into `found` with `weight` times
        `term_score(word, its words)`: the tiers laid down worst first, each over the
        one below, so that a record keeps its best."""
        if len(word) >= FUZZY_MIN_LENGTH:
            for near in self.near(word):
                found.update(dict.fromkeys(self.postings[near], weight * NEAR))
        for begun in self.begun_by(word):
            found.update(dict.fromkeys(self.postings[begun], weight * PREFIX))
        found.update(dict.fromkeys(self.postings.get(word, ()), weight * EXACT))


# A record's score for a term is the better of its primary score and its weighted
# secondary one; laying the secondary field's scores down first and the primary's over
# them gives that only because any primary match outscores every secondary one.
assert SECONDARY_WEIGHT * EXACT < NEAR


class KindIndex:
    """One kind's records: their ids by number, and both fields' indexes."""

    def __init__(self, texts: Iterable[tuple[str, frozenset[str], frozenset[str]]]) -> None:
        """`texts`: each record's id and the words of its two fields, in id order (a
        record's number then ranks it as its id does), read once (a large import's
        words are never all held at once)."""
        self.ids: list[str] = []
        primary: defaultdict[str, list[int]] = defaultdict(list)
        secondary: defaultdict[str, list[int]] = defaultdict(list)
        for number, (node_id, first, second) in enumerate(texts):
            if self.ids and node_id <= self.ids[-1]:
                raise ValueError(f"{node_id} after {self.ids[-1]}: records must come in id order")
            self.ids.append(node_id)
            for word in first:
                primary[word].append(number)
            for word in second:
                secondary[word].append(number)
        self.primary = FieldIndex(dict(primary))
        self.secondary = FieldIndex(dict(secondary))

    def _scores(self, word: str) -> dict[int, float]:
        found: dict[int, float] = {}
        self.secondary.lay(word, SECONDARY_WEIGHT, found)
        self.primary.lay(word, 1.0, found)
        return found

    def ranked(self, terms: tuple[str, ...]) -> Iterator[tuple[str, float]]:
        """Each record any term matches, best first (score, then id), with its score:
        the sum over terms of its score for each, added in the terms' order as a scan
        adds them, so that the floats are equal too. Only as many are ordered as are
        taken."""
        totals = self._scores(terms[0]) if terms else {}
        for word in terms[1:]:
            for number, score in self._scores(word).items():
                totals[number] = totals.get(number, 0) + score
        by_score: defaultdict[float, list[int]] = defaultdict(list)
        for number, score in totals.items():
            by_score[score].append(number)
        for score in sorted(by_score, reverse=True):
            for number in sorted(by_score[score]):
                yield self.ids[number], score

    def begun(self, terms: tuple[str, ...]) -> list[str]:
        """The records whose primary field has, for every term, a word it begins."""
        matched: set[int] | None = None
        for word in terms:
            records = self.primary.records_begun_by(word)
            matched = records if matched is None else matched & records
        return [self.ids[number] for number in sorted(matched or ())]
