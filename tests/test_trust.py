"""The trust formula is deterministic and explainable."""

from __future__ import annotations

from researchgraph.graphstore.records import ResearcherRecord, ResearcherStats
from researchgraph.resolvers.trust import trust_snapshot


def test_new_unclaimed_author_is_emerging_at_l1() -> None:
    snapshot = trust_snapshot(
        ResearcherRecord("A1", "New"), ResearcherStats(works=2, citations=3, collaborators=2)
    )
    assert (snapshot.verification_level, snapshot.claimed, snapshot.band) == (
        "L1",
        False,
        "EMERGING",
    )
    assert snapshot.score == round(sum(s.contribution for s in snapshot.signals))
    assert [s.name for s in snapshot.signals] == [
        "verification",
        "claimed",
        "record",
        "citations",
        "network",
    ]
    assert sum(s.weight for s in snapshot.signals) == 100


def test_orcid_claim_and_record_raise_the_score() -> None:
    stats = ResearcherStats(works=40, citations=3000, collaborators=80)
    plain = trust_snapshot(ResearcherRecord("A1", "X"), stats)
    with_orcid = trust_snapshot(ResearcherRecord("A1", "X", orcid="0000-0001-2345-6789"), stats)
    claimed = trust_snapshot(
        ResearcherRecord("A1", "X", orcid="0000-0001-2345-6789", claimed=True), stats
    )
    assert plain.score < with_orcid.score < claimed.score
    assert (with_orcid.verification_level, claimed.verification_level) == ("L2", "L3")
    assert claimed.band == "DISTINGUISHED"


def test_signals_saturate_and_never_exceed_their_weight() -> None:
    huge = trust_snapshot(
        ResearcherRecord("A1", "X", claimed=True),
        ResearcherStats(works=10_000, citations=10**7, collaborators=10_000),
    )
    assert huge.score == 100
    assert all(s.contribution == s.weight for s in huge.signals)
    empty = trust_snapshot(
        ResearcherRecord("A1", "X", orcid="0000-0001-2345-6789"),
        ResearcherStats(works=0, citations=0, collaborators=0),
    )
    # An ORCID on a record with no works is not yet verification.
    assert (empty.score, empty.band, empty.verification_level) == (0, "EMERGING", "L0")
    assert all(s.contribution == 0 for s in empty.signals)
