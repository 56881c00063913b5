"""The embedded store's search index answers exactly what scanning every record's
words answers (`search.term_score`'s rules), scores included: on generated texts
dense with shared prefixes and near misses, and on a generated dataset through the
store's own `search`."""

from __future__ import annotations

import asyncio
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from researchgraph.graphstore.ids import NodeKind
from researchgraph.graphstore.ingest.importer import import_files
from researchgraph.graphstore.ingest.synthetic import Scale, write
from researchgraph.graphstore.memory import MemoryStore
from researchgraph.graphstore.memory.search_index import KindIndex
from researchgraph.graphstore.search import (
    SEARCH_WINDOW,
    SECONDARY_WEIGHT,
    SearchFilter,
    SearchRequest,
    term_score,
    terms,
    tokens,
)

# Few letters, short words: prefixes, one-edit neighbours and repeats are common.
WORD = st.text(alphabet="abcde", min_size=1, max_size=6)
TEXT = st.lists(WORD, max_size=6).map(" ".join)
RECORDS = st.lists(st.tuples(TEXT, TEXT), max_size=40)
TERMS = st.lists(WORD, min_size=1, max_size=4, unique=True).map(tuple)


@st.composite
def near_terms(draw: st.DrawFn, records: list[tuple[str, str]]) -> tuple[str, ...]:
    """Terms made from the records' own words by one edit (or none): the matches a
    fuzzy or prefix lookup must find, drawn far more often than at random."""
    words = sorted(tokens(*(text for record in records for text in record)))
    if not words:
        return draw(TERMS)
    chosen = []
    for word in draw(st.lists(st.sampled_from(words), min_size=1, max_size=3, unique=True)):
        at = draw(st.integers(0, len(word) - 1))
        letter = draw(st.sampled_from("abcde"))
        edits = [
            word,
            word[:at] + word[at + 1 :],  # a deletion
            word[:at] + letter + word[at:],  # an insertion
            word[:at] + letter + word[at + 1 :],  # a substitution
            word[:at] + word[at + 1 : at + 2] + word[at] + word[at + 2 :],  # a swap
            word[: at + 1],  # a prefix
        ]
        chosen.append(draw(st.sampled_from(edits)) or word)
    return tuple(dict.fromkeys(chosen))


def scanned(records: list[tuple[str, str]], words: tuple[str, ...]) -> dict[str, float]:
    """Every record's score by comparing the words with each of its words."""
    found = {}
    for number, (primary, secondary) in enumerate(records):
        first, second = tokens(primary), tokens(secondary)
        score = sum(
            max(term_score(w, first), SECONDARY_WEIGHT * term_score(w, second)) for w in words
        )
        if score > 0:
            found[f"R{number:03d}"] = score
    return found


def assert_ranked_as_scanned(
    index: KindIndex, records: list[tuple[str, str]], words: tuple[str, ...]
) -> None:
    """The same records and scores, best first, then by id."""
    expected = scanned(records, words)
    assert list(index.ranked(words)) == sorted(expected.items(), key=lambda m: (-m[1], m[0]))


def indexed(records: list[tuple[str, str]]) -> KindIndex:
    return KindIndex(
        (f"R{number:03d}", tokens(primary), tokens(secondary))
        for number, (primary, secondary) in enumerate(records)
    )


@settings(max_examples=300, deadline=None)
@given(RECORDS, TERMS)
@example(records=[("abc", "")], words=("abcd",))  # a shorter word, one letter less
@example(records=[("abdc", "")], words=("abcd",))  # neighbours swapped
def test_scores_equal_a_scan(records: list[tuple[str, str]], words: tuple[str, ...]) -> None:
    assert_ranked_as_scanned(indexed(records), records, words)


@settings(max_examples=300, deadline=None)
@given(st.data(), RECORDS)
def test_scores_of_near_words_equal_a_scan(
    data: st.DataObject, records: list[tuple[str, str]]
) -> None:
    words = data.draw(near_terms(records))
    assert_ranked_as_scanned(indexed(records), records, words)


@settings(max_examples=300, deadline=None)
@given(RECORDS, TERMS)
def test_type_ahead_equals_a_scan(records: list[tuple[str, str]], words: tuple[str, ...]) -> None:
    expected = [
        f"R{number:03d}"
        for number, (primary, _) in enumerate(records)
        if all(any(t.startswith(w) for t in tokens(primary)) for w in words)
    ]
    assert sorted(indexed(records).begun(words)) == sorted(expected)


def test_store_search_equals_a_scan(tmp_path: Path) -> None:
    """The store's pages (kinds, filters, type-ahead, order, totals) on a generated
    dataset, against the same pages built from a scan of every record."""
    write(Scale(researchers=400, works=1200), seed=3, out=tmp_path)
    store = MemoryStore()
    asyncio.run(import_files(store, [tmp_path]))
    g = store.graph
    texts = {
        NodeKind.RESEARCHER: {i: (r.name, None) for i, r in g.researchers.items()},
        NodeKind.WORK: {i: (w.title, w.abstract) for i, w in g.works.items()},
        NodeKind.TOPIC: {i: (t.name, " ".join(t.keywords or ())) for i, t in g.topics.items()},
        NodeKind.INSTITUTION: {i: (n.name, None) for i, n in g.institutions.items()},
    }
    some_topic = next(iter(g.topics))
    queries = ["graph", "learning", "netwrk", "prot", "quantum dynamics", "a", "zzzz"]
    for query in queries:
        for prefix_only in (False, True):
            for wanted in (None, SearchFilter(year_from=2015), SearchFilter(topic_id=some_topic)):
                kinds = tuple(wanted.kinds() if wanted else texts)
                request = SearchRequest(terms(query), kinds, 25, 0, wanted, prefix_only)
                page = asyncio.run(store.search([request]))[0]
                expected = []
                for kind in kinds:
                    found = []
                    for node_id, (primary, secondary) in texts[kind].items():
                        first, second = tokens(primary), tokens(secondary)
                        words = request.terms
                        if prefix_only:
                            begun = all(any(t.startswith(w) for t in first) for w in words)
                            score = float(len(words)) if begun else 0.0
                        else:
                            score = sum(
                                max(term_score(w, first), SECONDARY_WEIGHT * term_score(w, second))
                                for w in words
                            )
                        if score > 0 and store._passes(kind, node_id, wanted):
                            length = len(primary or "") if prefix_only else 0
                            found.append((-score, length, node_id))
                    expected += sorted(found)[:SEARCH_WINDOW]
                expected.sort()
                assert page.total == len(expected), (query, prefix_only, wanted)
                assert [(h.node.id, h.score) for h in page.hits] == [
                    (node_id, -score) for score, _, node_id in expected[:25]
                ], (query, prefix_only, wanted)
