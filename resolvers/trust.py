"""The trust snapshot: a deterministic score from explainable signals.

Each signal has a value in [0, 1] and a weight; its contribution is value x weight,
and the score is the rounded sum of contributions (weights add up to 100):

| signal       | weight | value                                                  |
|--------------|--------|--------------------------------------------------------|
| verification |   30   | verification level / 3                                 |
| claimed      |   10   | 1 if a signed-in user has claimed the record, else 0   |
| record       |   20   | log(1 + works) / log(1 + 50), at most 1                |
| citations    |   25   | log(1 + citations) / log(1 + 5000), at most 1          |
| network      |   15   | log(1 + distinct co-authors) / log(1 + 100), at most 1 |

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


def trust_snapshot(researcher: ResearcherRecord, stats: ResearcherStats) -> TrustResult:
    """From stats holding the works and network groups."""
    works, citations, collaborators = stats.works, stats.citations, stats.collaborators
    assert works is not None and citations is not None and collaborators is not None
    level = verification_level(researcher, works)
    signals = (
        Signal("verification", level / 3, 30.0),
        Signal("claimed", 1.0 if researcher.claimed else 0.0, 10.0),
        Signal("record", _saturating(works, 50), 20.0),
        Signal("citations", _saturating(citations, 5000), 25.0),
        Signal("network", _saturating(collaborators, 100), 15.0),
    )
    score = min(100, max(0, round(sum(s.contribution for s in signals))))
    band = next(name for upper, name in BANDS if score < upper)
    return TrustResult(score, band, VERIFICATION_LEVELS[level], researcher.claimed, signals)
