"""The product's example profile page (fixtures/product/profile-page.txt, as users
see it) and an OpenAlex record set that stands behind it: the page's 29 works with
their titles, years and abstracts, by one author with 4 close collaborators among 25
co-authors, over 7 topics, with no ORCID, no affiliation and no followers."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PAGE = Path(__file__).parent / "fixtures" / "product" / "profile-page.txt"
AUTHOR_ID = "A5100000001"
CLOSE = [f"A51000001{i:02d}" for i in range(1, 5)]  # each on several works
ONCE = [f"A51000002{i:02d}" for i in range(1, 22)]  # each on one work
TOPICS = [f"T1010{i}" for i in range(7)]
_ITEM = re.compile(r"^(preprint|article)(\d{4})(.+)$")


@dataclass(frozen=True)
class PageWork:
    type: str
    year: int
    venue: str
    title: str
    abstract: str


def page_works() -> list[PageWork]:
    """The "Published work" list, in the page's order."""
    lines = [line for line in PAGE.read_text().splitlines() if line.strip()]
    works = []
    for i, line in enumerate(lines):
        if found := _ITEM.match(line):
            kind, year, venue = found.groups()
            works.append(PageWork(kind, int(year), venue, lines[i + 1], lines[i + 2]))
    return works


def _inverted(text: str) -> dict[str, list[int]]:
    index: dict[str, list[int]] = {}
    for position, word in enumerate(text.split(" ")):
        index.setdefault(word, []).append(position)
    return index


def _person(person_id: str, name: str) -> dict[str, Any]:
    return {"author": {"id": f"https://openalex.org/{person_id}", "display_name": name}}


def openalex_works(citations_each: int = 20) -> list[dict[str, Any]]:
    """The page's works as OpenAlex would ship them (abstracts as inverted indexes),
    and two works of each close collaborator without the page's author (a graph
    beyond the page, for the explorer to expand into)."""
    works = [
        {
            "id": f"https://openalex.org/W5200000{n}{k}",
            "title": f"Another work of {person} ({k + 1})",
            "type": "article",
            "publication_year": 2020 + k,
            "authorships": [_person(person, f"Co-author {person}")],
            "topics": [{"id": "https://openalex.org/T10199", "display_name": "Topic T10199"}],
        }
        for n, person in enumerate(CLOSE)
        for k in range(2)
    ]
    for n, work in enumerate(page_works()):
        coauthors = [CLOSE[n % 4], *([ONCE[n]] if n < len(ONCE) else [])]
        topic = TOPICS[n % len(TOPICS)]
        works.append(
            {
                "id": f"https://openalex.org/W51000000{n:02d}",
                "title": work.title,
                "type": work.type,
                "publication_year": work.year,
                "cited_by_count": citations_each,
                "abstract_inverted_index": _inverted(work.abstract),
                "primary_location": {
                    "landing_page_url": f"https://arxiv.org/abs/2301.{n:05d}",
                    "source": {"id": "https://openalex.org/S4306400194", "display_name": "arXiv"},
                },
                "authorships": [
                    _person(AUTHOR_ID, "Rong Jin"),
                    *(_person(c, f"Co-author {c}") for c in coauthors),
                ],
                "topics": [
                    {
                        "id": f"https://openalex.org/{topic}",
                        "display_name": f"Topic {topic}",
                        "score": 0.9,
                    }
                ],
            }
        )
    return works
