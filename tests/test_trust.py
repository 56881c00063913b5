"""The trust formula: identity outweighs fame, deterministically and explainably."""

from __future__ import annotations

import pytest

from researchgraph.graphstore.records import ResearcherRecord, ResearcherStats
from researchgraph.resolvers.trust import SIGNALS, trust_formula, trust_snapshot

ORCID = "0000-0001-2345-6789"


def stats(
    works: int = 29,
    citations: int = 500,
    collaborators: int = 25,
    close: int = 4,
    followers: int = 0,
) -> ResearcherStats:
    """The product's example page by default: 29 works, 7 topics, 4 close collaborators
    among 25 co-authors, no followers."""
    return ResearcherStats(
        works=works,
        citations=citations,
        topics=7,
        collaborators=collaborators,
        close_collaborators=close,
        followers=followers,
    )


def test_the_product_example_is_trust_21_emerging_l1_unclaimed() -> None:
    snapshot = trust_snapshot(ResearcherRecord("A1", "Rong Jin"), stats())
    assert (snapshot.score, snapshot.band, snapshot.verification_level, snapshot.claimed) == (
        21,
        "EMERGING",
        "L1",
        False,
    )


@pytest.mark.parametrize("citations", [0, 1, 10, 100, 1_000, 5_000, 10_000])
@pytest.mark.parametrize("collaborators", [20, 25, 30])
def test_citations_and_co_authors_do_not_move_the_example_out_of_21_plus_minus_1(
    citations: int, collaborators: int
) -> None:
    snapshot = trust_snapshot(
        ResearcherRecord("A1", "Rong Jin"),
        stats(citations=citations, collaborators=collaborators),
    )
    assert 20 <= snapshot.score <= 22
    assert snapshot.band == "EMERGING"


def test_a_claim_and_an_orcid_each_move_more_than_any_bibliometric_signal_can() -> None:
    def score(record: ResearcherRecord, counts: ResearcherStats) -> int:
        return trust_snapshot(record, counts).score

    plain = ResearcherRecord("A1", "X")
    with_orcid = ResearcherRecord("A1", "X", orcid=ORCID)
    claimed = ResearcherRecord("A1", "X", claimed=True)
    least, most = stats(works=1, citations=0, close=0), stats(10**5, 10**8, 10**4, 10**4)
    bibliometric_swing = score(plain, most) - score(plain, least)
    assert score(with_orcid, least) - score(plain, least) > bibliometric_swing
    assert score(claimed, least) - score(plain, least) > bibliometric_swing
    # Neither fame nor a network makes an unclaimed record more than EMERGING.
    assert trust_snapshot(plain, most).band == "EMERGING"


def test_followers_count_for_something() -> None:
    record = ResearcherRecord("A1", "X")
    none, some, many = (trust_snapshot(record, stats(followers=n)).score for n in (0, 10, 1000))
    assert none < some < many


def test_signals_explain_the_score_and_saturate_at_their_weight() -> None:
    snapshot = trust_snapshot(ResearcherRecord("A1", "X"), stats())
    assert [s.name for s in snapshot.signals] == [s.name for s in SIGNALS]
    assert snapshot.score == round(sum(s.contribution for s in snapshot.signals))
    assert sum(s.weight for s in SIGNALS) == 100
    huge = trust_snapshot(
        ResearcherRecord("A1", "X", claimed=True), stats(10**5, 10**8, 10**4, 10**4, 10**4)
    )
    assert huge.score == 100
    assert all(s.contribution == s.weight for s in huge.signals)


def test_an_orcid_on_a_record_with_no_works_is_not_yet_verification() -> None:
    empty = trust_snapshot(
        ResearcherRecord("A1", "X", orcid=ORCID),
        stats(works=0, citations=0, collaborators=0, close=0),
    )
    assert (empty.score, empty.band, empty.verification_level) == (0, "EMERGING", "L0")
    assert all(s.contribution == 0 for s in empty.signals)


def test_the_schema_description_states_every_weight() -> None:
    formula = trust_formula()
    for spec in SIGNALS:
        assert f"{spec.name} (weight {spec.weight:g}" in formula
