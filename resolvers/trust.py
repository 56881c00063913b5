"""The trust snapshot: a deterministic score from explainable signals.

Trust here means confidence in *who* a record is, not how famous they are: the
identity signals (verification, claim) outweigh every bibliometric one, so a
claim or an ORCID moves the score more than any count of works, co-authors or
citations can, and an unclaimed record stays EMERGING however cited it is.

Each signal has a value in [0, 1] and a weight; its contribution is value x weight,
and the score is the rounded sum of contributions (the weights add up to 100).
Counts saturate logarithmically: value = log(1 + n) / log(1 + full_at), at most 1.
`SIGNALS` below is the table; the schema's description is written from it.

Verification levels: L0 a record with no works; L1 a public author record with
works; L2 that record also carries an ORCID; L3 a signed-in user has claimed it.
Bands: EMERGING below 35, DEVELOPING below 60, ESTABLISHED below 80, else
DISTINGUISHED. The same inputs always give the same snapshot.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from researchgraph.graphstore.records import ResearcherRecord, ResearcherStats

VERIFICATION_LEVELS = ("L0", "L1", "L2", "L3")
BANDS = ((35, "EMERGING"), (60, "DEVELOPING"), (80, "ESTABLISHED"), (101, "DISTINGUISHED"))


@dataclass(frozen=True, slots=True)
class SignalSpec:
    name: str
    weight: float
    measure: str  # what the value is, for the schema's description
    full_at: int | None = None  # the count at which a saturating signal reaches 1


SIGNALS = (
    SignalSpec("verification", 45.0, "verification level / 3"),
    SignalSpec("claimed", 28.0, "1 once a signed-in user has claimed the record"),
    SignalSpec("followers", 14.0, "followers", full_at=1000),
    SignalSpec("network", 6.0, "close collaborators", full_at=100),
    SignalSpec("record", 5.0, "works in the graph", full_at=500),
    SignalSpec("citations", 2.0, "citations of those works", full_at=10_000),
)


@dataclass(frozen=True, slots=True)
class Signal:
    name: str
    raw: float
    weight: float

    @property
    def value(self) -> float:
        return round(self.raw, 4)

    @property
    def contribution(self) -> float:
        return round(self.raw * self.weight, 4)


@dataclass(frozen=True, slots=True)
class TrustResult:
    score: int
    band: str
    verification_level: str
    claimed: bool
    signals: tuple[Signal, ...]


def _saturating(count: int, full_at: int) -> float:
    return min(1.0, math.log1p(count) / math.log1p(full_at))


def verification_level(researcher: ResearcherRecord, works: int) -> int:
    if researcher.claimed:
        return 3
    if works == 0:
        return 0
    return 2 if researcher.orcid else 1


def trust_formula() -> str:
    """The formula in one paragraph, from `SIGNALS` and `BANDS`."""
    parts = [
        f"{s.name} (weight {s.weight:g}: "
        + (f"log(1 + {s.measure}), full at {s.full_at:,}" if s.full_at else s.measure)
        + ")"
        for s in SIGNALS
    ]
    bands = ", ".join(f"{name} <{upper}" for upper, name in BANDS[:-1])
    return (
        "Confidence in who this record is, not how cited they are: a deterministic score "
        f"(0-100) summed from explainable signals: {'; '.join(parts)}. Claiming and an "
        f"ORCID move it more than any count can. Bands: {bands}, else {BANDS[-1][1]}."
    )


def trust_snapshot(researcher: ResearcherRecord, stats: ResearcherStats) -> TrustResult:
    """From stats holding the works, network and followers groups."""
    works, citations = stats.works, stats.citations
    close, followers = stats.close_collaborators, stats.followers
    assert works is not None and citations is not None
    assert close is not None and followers is not None
    level = verification_level(researcher, works)
    measured = {
        "verification": level / 3,
        "claimed": 1.0 if researcher.claimed else 0.0,
        "followers": followers,
        "network": close,
        "record": works,
        "citations": citations,
    }

    def value(spec: SignalSpec) -> float:
        found = measured[spec.name]
        return _saturating(int(found), spec.full_at) if spec.full_at else float(found)

    signals = tuple(Signal(s.name, value(s), s.weight) for s in SIGNALS)
    score = min(100, max(0, round(sum(s.contribution for s in signals))))
    band = next(name for upper, name in BANDS if score < upper)
    return TrustResult(score, band, VERIFICATION_LEVELS[level], researcher.claimed, signals)
