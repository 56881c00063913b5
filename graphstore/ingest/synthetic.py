"""A deterministic generator of OpenAlex-shaped entities with realistic skew: a few
prolific authors and many with one or two works, several authors per work, and
heavy-tailed topic, institution and venue popularity. Names are invented from
syllables, so no fact is ever attributed to a real, named person."""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

Entity = dict[str, Any]

_SYLLABLES = [
    "ka",
    "ri",
    "lo",
    "ven",
    "ta",
    "mi",
    "sor",
    "el",
    "an",
    "du",
    "ve",
    "na",
    "tor",
    "is",
    "ma",
    "le",
    "quin",
    "ro",
    "sa",
    "fen",
    "ol",
    "ji",
    "bar",
    "cel",
    "da",
    "ny",
    "pra",
    "ost",
    "wen",
    "lu",
    "hal",
]
_FIELDS = (
    ("Graph Neural Networks", "Artificial Intelligence", "Computer Science", "Physical Sciences"),
    (
        "Knowledge Graph Embedding",
        "Artificial Intelligence",
        "Computer Science",
        "Physical Sciences",
    ),
    ("Protein Structure Prediction", "Molecular Biology", "Biochemistry", "Life Sciences"),
    ("Quantum Error Correction", "Atomic Physics", "Physics and Astronomy", "Physical Sciences"),
    ("Citation Network Analysis", "Information Systems", "Computer Science", "Physical Sciences"),
    ("Climate Model Downscaling", "Atmospheric Science", "Earth Sciences", "Physical Sciences"),
    (
        "Federated Learning Privacy",
        "Artificial Intelligence",
        "Computer Science",
        "Physical Sciences",
    ),
    ("Single-Cell Transcriptomics", "Genetics", "Biochemistry", "Life Sciences"),
    (
        "Large Language Model Evaluation",
        "Artificial Intelligence",
        "Computer Science",
        "Physical Sciences",
    ),
    ("Soil Carbon Dynamics", "Soil Science", "Agricultural Sciences", "Life Sciences"),
    ("Urban Mobility Modelling", "Transportation", "Social Sciences", "Social Sciences"),
    (
        "Battery Materials Discovery",
        "Materials Chemistry",
        "Materials Science",
        "Physical Sciences",
    ),
    ("Causal Inference Methods", "Statistics", "Mathematics", "Physical Sciences"),
    (
        "Graph Database Query Optimization",
        "Information Systems",
        "Computer Science",
        "Physical Sciences",
    ),
    ("Coral Reef Resilience", "Ecology", "Environmental Science", "Life Sciences"),
    ("Speech Recognition Robustness", "Signal Processing", "Computer Science", "Physical Sciences"),
)
_INSTITUTION_KINDS = (
    ("University of", "education"),
    ("Institute of", "facility"),
    ("Laboratory for", "facility"),
)
_COUNTRIES = ("DE", "US", "GB", "FR", "NL", "JP", "BR", "IN", "CA", "ZA", "KE", "AU")
_VENUES = (
    ("arXiv", "repository"),
    ("Journal of Synthetic Graphs", "journal"),
    ("Proceedings of the Workshop on Research Graphs", "conference"),
    ("Transactions on Open Science", "journal"),
    ("bioRxiv", "repository"),
    ("Letters in Applied Networks", "journal"),
)
_OPENINGS = ("Towards", "Revisiting", "Scalable", "On the Limits of", "Learning", "Benchmarking")
_TYPES = ("preprint", "article", "article", "preprint", "review", "dataset", "book-chapter")
_BASE = 9_000_000_001  # ids well clear of real OpenAlex ids


@dataclass(frozen=True)
class Scale:
    researchers: int
    works: int
    topics: int = len(_FIELDS)
    institutions: int = 24
    first_year: int = 2012
    last_year: int = 2025


def _name(rng: random.Random) -> str:
    def word(parts: int) -> str:
        return "".join(rng.choice(_SYLLABLES) for _ in range(parts)).capitalize()

    return f"{word(rng.randint(1, 2))} {word(rng.randint(2, 3))}"


def _zipf_weights(n: int, exponent: float) -> list[float]:
    return [1.0 / (rank**exponent) for rank in range(1, n + 1)]


def _pick_distinct(
    rng: random.Random, population: Sequence[int], weights: Sequence[float], k: int
) -> list[int]:
    chosen: dict[int, None] = {}
    while len(chosen) < min(k, len(population)):
        chosen[rng.choices(population, weights)[0]] = None
    return list(chosen)


def _inverted(text: str) -> dict[str, list[int]]:
    index: dict[str, list[int]] = {}
    for position, word in enumerate(text.split()):
        index.setdefault(word, []).append(position)
    return index


def generate(scale: Scale, seed: int) -> Iterator[tuple[str, Entity]]:
    """Yields `(entity_type, record)`: institutions, topics, sources, authors, then works."""
    rng = random.Random(seed)
    institutions = []
    for i in range(scale.institutions):
        prefix, kind = _INSTITUTION_KINDS[i % len(_INSTITUTION_KINDS)]
        institutions.append(
            {
                "id": f"https://openalex.org/I{_BASE + i}",
                "display_name": f"{prefix} {_name(rng).split()[1]}",
                "country_code": _COUNTRIES[i % len(_COUNTRIES)],
                "type": kind,
                "ror": f"https://ror.org/0{_BASE + i:x}",
            }
        )
    topics: list[Entity] = []
    for i in range(scale.topics):
        name, subfield, field, domain = _FIELDS[i % len(_FIELDS)]
        topics.append(
            {
                "id": f"https://openalex.org/T{_BASE + i}",
                "display_name": name if i < len(_FIELDS) else f"{name} {i // len(_FIELDS) + 1}",
                "subfield": {"display_name": subfield},
                "field": {"display_name": field},
                "domain": {"display_name": domain},
                "keywords": name.lower().split(),
            }
        )
    sources = [
        {"id": f"https://openalex.org/S{_BASE + i}", "display_name": name, "type": kind}
        for i, (name, kind) in enumerate(_VENUES)
    ]
    yield from (("institutions", x) for x in institutions)
    yield from (("topics", x) for x in topics)
    yield from (("sources", x) for x in sources)

    people = range(scale.researchers)
    home: dict[int, int | None] = {}
    authors = []
    institution_weights = _zipf_weights(len(institutions), 1.1)
    for p in people:
        # Roughly one in seven has no imported affiliation; the showcase author has one.
        unaffiliated = p != 0 and rng.random() < 0.15
        place = (
            None if unaffiliated else rng.choices(range(len(institutions)), institution_weights)[0]
        )
        home[p] = place
        start = rng.randint(scale.first_year, scale.last_year - 1)
        affiliations = []
        if place is not None:
            affiliations.append(
                {
                    "institution": institutions[place],
                    "years": list(range(scale.last_year, start - 1, -1)),
                }
            )
            if rng.random() < 0.3:
                earlier = rng.randrange(len(institutions))
                if earlier != place:
                    affiliations.append(
                        {
                            "institution": institutions[earlier],
                            "years": list(
                                range(start - 1, max(scale.first_year, start - 4) - 1, -1)
                            ),
                        }
                    )
        authors.append(
            {
                "id": f"https://openalex.org/A{_BASE + p}",
                "display_name": _name(rng),
                "orcid": f"https://orcid.org/0009-{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}"
                if rng.random() < 0.4
                else None,
                "last_known_institutions": [institutions[place]] if place is not None else [],
                "affiliations": affiliations,
            }
        )
    yield from (("authors", a) for a in authors)

    # Pareto productivity: most people write once or twice, a few write dozens; the
    # first author is made the most prolific so the demo has a known rich profile.
    author_weights = [min(rng.paretovariate(1.5), 12.0) for _ in people]
    author_weights[0] = 15.0
    topic_weights = _zipf_weights(len(topics), 0.8)
    venue_weights = _zipf_weights(len(sources), 0.7)
    years = range(scale.first_year, scale.last_year + 1)
    published: list[tuple[int, int]] = []  # (work index, citations), for preferential citing
    for w in range(scale.works):
        year = years[min(len(years) - 1, int(len(years) * rng.random() ** 0.6))]
        team = _pick_distinct(rng, people, author_weights, rng.choice((1, 2, 2, 3, 3, 4, 5, 7)))
        about = _pick_distinct(rng, range(len(topics)), topic_weights, rng.randint(1, 3))
        subject = str(topics[about[0]]["display_name"])
        title = f"{rng.choice(_OPENINGS)} {subject} with {_name(rng).split()[1]} Sampling"
        abstract = (
            f"We study {subject.lower()} and propose a method that improves on prior work. "
            f"Experiments on {rng.randint(3, 12)} benchmarks show consistent gains."
        )
        venue = sources[rng.choices(range(len(sources)), venue_weights)[0]]
        cited_pool = [i for i, _ in published]
        references = (
            _pick_distinct(rng, cited_pool, [1 + c for _, c in published], rng.randint(0, 8))
            if cited_pool
            else []
        )
        for r in references:
            published[r] = (published[r][0], published[r][1] + 1)
        locations = [
            {"landing_page_url": f"https://example.org/works/{_BASE + w}", "source": venue}
        ]
        if rng.random() < 0.35:
            locations.append({"landing_page_url": f"https://github.com/synthetic-lab/{_BASE + w}"})
        work_type = "preprint" if venue["type"] == "repository" else rng.choice(_TYPES)
        published.append((w, 0))
        yield (
            "works",
            {
                "id": f"https://openalex.org/W{_BASE + w}",
                "title": title,
                "publication_year": year,
                "type": work_type,
                "doi": f"https://doi.org/10.5555/synthetic.{_BASE + w}",
                "cited_by_count": int(rng.paretovariate(1.3)) - 1 + 3 * (scale.last_year - year),
                "primary_location": locations[0],
                "locations": locations,
                "abstract_inverted_index": _inverted(abstract),
                "authorships": [
                    {
                        "author_position": "first"
                        if i == 0
                        else ("last" if i == len(team) - 1 else "middle"),
                        "author": {
                            "id": authors[p]["id"],
                            "display_name": authors[p]["display_name"],
                        },
                        "institutions": [institutions[h]] if (h := home[p]) is not None else [],
                    }
                    for i, p in enumerate(team)
                ],
                "topics": [
                    {**topics[t], "score": round(0.99 - 0.17 * rank - 0.01 * rng.random(), 4)}
                    for rank, t in enumerate(about)
                ],
                "referenced_works": [f"https://openalex.org/W{_BASE + r}" for r in references],
            },
        )
