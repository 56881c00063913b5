"""A deterministic generator of OpenAlex-shaped entities with realistic skew: a few
prolific authors and many with one or two works, several authors per work,
heavy-tailed topic, institution and venue popularity, and citations that prefer
older, already-cited works. Names are invented from syllables, so no fact is ever
attributed to a real, named person.

It streams (works are written as they are made) and samples in O(log n), so the
`medium` scale (100k researchers, 400k works) takes minutes, not hours."""

from __future__ import annotations

import dataclasses
import itertools
import random
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import orjson

from researchgraph.graphstore.ingest.reader import ENTITY_TYPES

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
# Ids well clear of real OpenAlex ids, in two ranges: the bundled demo's, and that of
# `researchgraph generate`, so a generated dataset imported beside the demo is a
# second graph, not a mix of two.
DEMO_FIRST_ID = 9_000_000_001
GENERATED_FIRST_ID = 9_500_000_001


@dataclass(frozen=True)
class Scale:
    researchers: int
    works: int
    topics: int = 0  # 0: one per ~500 researchers, at least the base field list
    institutions: int = 0  # 0: one per ~300 researchers, at least 24
    venues: int = 0  # 0: one per ~2000 works, at least the base venue list
    first_year: int = 2005
    last_year: int = 2025
    # Pareto productivity: alpha sets the tail; the cap keeps one author from
    # dominating a small dataset.
    productivity_alpha: float = 1.0
    productivity_cap: float = 500.0
    first_id: int = GENERATED_FIRST_ID  # of every kind (works, authors, topics, …)
    # The share of works put on one hub topic (their primary topic) and in one hub
    # venue, beside the popularity curve: the lists that grow with the graph.
    skew: float = 0.0

    def resolved(self) -> Scale:
        return dataclasses.replace(
            self,
            topics=self.topics or max(len(_FIELDS), self.researchers // 500),
            institutions=self.institutions or max(24, self.researchers // 300),
            venues=self.venues or max(len(_VENUES), self.works // 2000),
        )


def _name(rng: random.Random) -> str:
    def word(parts: int) -> str:
        return "".join(rng.choice(_SYLLABLES) for _ in range(parts)).capitalize()

    return f"{word(rng.randint(1, 2))} {word(rng.randint(2, 3))}"


def _cumulative(weights: Sequence[float]) -> list[float]:
    return list(itertools.accumulate(weights))


def _zipf(n: int, exponent: float) -> list[float]:
    return _cumulative([1.0 / (rank**exponent) for rank in range(1, n + 1)])


def _distinct(rng: random.Random, cumulative: list[float], k: int) -> list[int]:
    """Up to `k` distinct indices drawn by weight (a few redraws on repeats)."""
    population = range(len(cumulative))
    chosen: dict[int, None] = {}
    for _ in range(4 * k):
        chosen[rng.choices(population, cum_weights=cumulative)[0]] = None
        if len(chosen) == min(k, len(cumulative)):
            break
    return list(chosen)


def _inverted(text: str) -> dict[str, list[int]]:
    index: dict[str, list[int]] = {}
    for position, word in enumerate(text.split()):
        index.setdefault(word, []).append(position)
    return index


def _openalex(scale: Scale, prefix: str, index: int) -> str:
    return f"https://openalex.org/{prefix}{scale.first_id + index}"


_CROCKFORD = "0123456789abcdefghjkmnpqrstvwxyz"


def _ror(i: int) -> str:
    """A ROR id of the real shape (0, six base-32 characters, two digits), one per i."""
    n = 324_259 + 977 * i  # spread over the id space; distinct while i < 1,000,000
    body = "".join(_CROCKFORD[(n >> (5 * k)) & 31] for k in reversed(range(6)))
    return f"https://ror.org/0{body}{i % 100:02d}"


def _institutions(scale: Scale, rng: random.Random) -> list[Entity]:
    found = []
    for i in range(scale.institutions):
        prefix, kind = _INSTITUTION_KINDS[i % len(_INSTITUTION_KINDS)]
        found.append(
            {
                "id": _openalex(scale, "I", i),
                "display_name": f"{prefix} {_name(rng).split()[1]}",
                "country_code": _COUNTRIES[i % len(_COUNTRIES)],
                "type": kind,
                "ror": _ror(i + (scale.first_id - DEMO_FIRST_ID) // 1000),
            }
        )
    return found


def _topics(scale: Scale) -> list[Entity]:
    found = []
    for i in range(scale.topics):
        name, subfield, field, domain = _FIELDS[i % len(_FIELDS)]
        round_ = i // len(_FIELDS)
        found.append(
            {
                "id": _openalex(scale, "T", i),
                "display_name": name if round_ == 0 else f"{name} {round_ + 1}",
                "subfield": {"display_name": subfield},
                "field": {"display_name": field},
                "domain": {"display_name": domain},
                "keywords": name.lower().split(),
            }
        )
    return found


def _sources(scale: Scale, rng: random.Random) -> list[Entity]:
    found = []
    for i in range(scale.venues):
        if i < len(_VENUES):
            name, kind = _VENUES[i]
        else:
            name, kind = f"Journal of {_name(rng).split()[1]} Studies", "journal"
        found.append({"id": _openalex(scale, "S", i), "display_name": name, "type": kind})
    return found


def _authors(
    scale: Scale, rng: random.Random, institutions: list[Entity]
) -> tuple[list[Entity], list[int | None]]:
    by_popularity = _zipf(len(institutions), 1.1)
    authors, homes = [], []
    for p in range(scale.researchers):
        # Roughly one in seven has no imported affiliation; the showcase author has one.
        unaffiliated = p != 0 and rng.random() < 0.15
        home = None if unaffiliated else _distinct(rng, by_popularity, 1)[0]
        start = rng.randint(scale.first_year, scale.last_year - 1)
        affiliations = []
        if home is not None:
            years = list(range(scale.last_year, start - 1, -1))
            affiliations.append({"institution": institutions[home], "years": years})
            earlier = rng.randrange(len(institutions))
            if rng.random() < 0.3 and earlier != home:
                years = list(range(start - 1, max(scale.first_year, start - 4) - 1, -1))
                affiliations.append({"institution": institutions[earlier], "years": years})
        orcid = None
        if rng.random() < 0.4:
            orcid = "https://orcid.org/0009-" + "-".join(
                str(rng.randint(1000, 9999)) for _ in range(3)
            )
        authors.append(
            {
                "id": _openalex(scale, "A", p),
                "display_name": _name(rng),
                "orcid": orcid,
                "last_known_institutions": [institutions[home]] if home is not None else [],
                "affiliations": affiliations,
            }
        )
        homes.append(home)
    return authors, homes


def generate(scale: Scale, seed: int) -> Iterator[tuple[str, Entity]]:
    """Yields `(entity type, record)`: institutions, topics, sources, authors, works."""
    scale = scale.resolved()
    rng = random.Random(seed)
    institutions = _institutions(scale, rng)
    topics = _topics(scale)
    sources = _sources(scale, rng)
    authors, homes = _authors(scale, rng, institutions)
    yield from (("institutions", x) for x in institutions)
    yield from (("topics", x) for x in topics)
    yield from (("sources", x) for x in sources)
    yield from (("authors", a) for a in authors)

    productivity = [
        min(rng.paretovariate(scale.productivity_alpha), scale.productivity_cap) for _ in authors
    ]
    productivity[0] = scale.productivity_cap * 1.25  # a known, rich profile
    by_productivity = _cumulative(productivity)
    by_topic = _zipf(len(topics), 0.9)
    by_venue = _zipf(len(sources), 0.8)
    span = scale.last_year - scale.first_year + 1
    # Each work enters once when published and once more per citation received, so
    # a uniform draw from it prefers popular works (preferential attachment); works
    # are made oldest first, so references point back in time.
    citable: list[int] = []
    for w in range(scale.works):
        year = scale.first_year + min(span - 1, int(span * (w / scale.works) ** 0.7))
        team = _distinct(rng, by_productivity, rng.choice((1, 2, 2, 3, 3, 3, 4, 4, 5, 6, 8)))
        about = _distinct(rng, by_topic, rng.randint(1, 3))
        venue = sources[_distinct(rng, by_venue, 1)[0]]
        # Only a skewed scale draws for it: an even one stays the dataset it was.
        if scale.skew and rng.random() < scale.skew:
            about = [0, *(t for t in about if t != 0)][:3]
            venue = sources[0]
        references = (
            sorted({rng.choice(citable) for _ in range(rng.randint(0, 12))}) if citable else []
        )
        citable.extend(references)
        citable.append(w)
        subject = str(topics[about[0]]["display_name"])
        title = f"{rng.choice(_OPENINGS)} {subject} with {_name(rng).split()[1]} Sampling"
        abstract = (
            f"We study {subject.lower()} and propose a method that improves on prior work. "
            f"Experiments on {rng.randint(3, 12)} benchmarks show consistent gains."
        )
        locations = [
            {"landing_page_url": f"https://example.org/works/{scale.first_id + w}", "source": venue}
        ]
        if rng.random() < 0.35:
            locations.append(
                {"landing_page_url": f"https://github.com/synthetic-lab/{scale.first_id + w}"}
            )
        yield (
            "works",
            {
                "id": _openalex(scale, "W", w),
                "title": title,
                "publication_year": year,
                "type": "preprint" if venue["type"] == "repository" else rng.choice(_TYPES),
                "doi": f"https://doi.org/10.5555/synthetic.{scale.first_id + w}",
                "cited_by_count": int(rng.paretovariate(1.3)) - 1 + 2 * (scale.last_year - year),
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
                        "institutions": [institutions[h]] if (h := homes[p]) is not None else [],
                    }
                    for i, p in enumerate(team)
                ],
                "topics": [
                    {**topics[t], "score": round(0.99 - 0.17 * rank - 0.01 * rng.random(), 4)}
                    for rank, t in enumerate(about)
                ],
                "primary_topic": {**topics[about[0]]},
                "referenced_works": [_openalex(scale, "W", r) for r in references],
            },
        )


def clear_dataset(out: Path) -> None:
    """Removes the part files `write` makes under `out`, and nothing else."""
    for kind in ENTITY_TYPES:
        for part in (out / kind).glob("part_*.jsonl"):
            part.unlink()


def write(scale: Scale, seed: int, out: Path, part_size: int = 100_000) -> Counter[str]:
    """Writes `out/<type>/part_NNN.jsonl` files, as an OpenAlex snapshot lays them out."""
    written: Counter[str] = Counter()
    files: dict[str, IO[bytes]] = {}
    try:
        for kind, entity in generate(scale, seed):
            if written[kind] % part_size == 0:
                if kind in files:
                    files[kind].close()
                folder = out / kind
                folder.mkdir(parents=True, exist_ok=True)
                files[kind] = (folder / f"part_{written[kind] // part_size:03d}.jsonl").open("wb")
            files[kind].write(orjson.dumps(entity) + b"\n")
            written[kind] += 1
    finally:
        for file in files.values():
            file.close()
    return written
