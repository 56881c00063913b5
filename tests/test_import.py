"""Importing OpenAlex files: exact results on real records, idempotence, any order,
malformed lines, interruption, and the synthetic generator's shape."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from snapshots import snapshot

from researchgraph.graphstore.ingest.importer import import_files
from researchgraph.graphstore.ingest.synthetic import GENERATED_FIRST_ID, Scale, generate, write
from researchgraph.graphstore.neo4j import Neo4jStore
from researchgraph.graphstore.records import GraphBatch
from researchgraph.server.config import Settings

from conftest import ApiFactory, StoreFactory, wipe

FIXTURES = Path(__file__).parent / "fixtures" / "openalex"
WORK_FILES = sorted(FIXTURES.glob("works-*"))
OTHER_FILES = sorted(
    [
        *FIXTURES.glob("authors-*"),
        *FIXTURES.glob("institutions-*"),
        *FIXTURES.glob("topics-*"),
        *FIXTURES.glob("sources-*"),
    ]
)


def _records(path: Path) -> list[dict[str, object]]:
    text = path.read_text()
    if path.suffix == ".json":
        return [json.loads(text)]
    return [json.loads(line) for line in text.splitlines() if line.strip()]


async def test_real_records_import_exactly(
    store_factory: StoreFactory, api_for: ApiFactory
) -> None:
    store = await store_factory(GraphBatch())
    report = await import_files(store, [*OTHER_FILES, *WORK_FILES], batch_size=10)
    works = {str(w["id"]): w for path in WORK_FILES for w in _records(path)}
    assert report.records["works"] == 48 and len(works) == 47  # W2741809807 comes twice
    assert report.bad_count == 0

    api = await api_for(store)
    data = await api.data(
        """{ priem: researcher(id: "A5023888391") {
               name orcid affiliation { id name } counts { works }
               sourceMetrics { hIndex i10Index worksCount citedByCount
                               countsByYear { year works citations } } }
             oa: work(id: "W2741809807") { title year type venue { id }
               authors { position researcher { id name } }
               references(first: 0) { totalCount } citedBy(first: 0) { totalCount } }
             topic(id: "T11636") { name field domain keywords }
             institution(id: "I27837315") { name ror countryCode type } }"""
    )
    priem = data["priem"]
    assert priem["name"] == "Jason Priem" and priem["orcid"] == "0000-0001-6187-6610"  # type: ignore[index]
    assert priem["affiliation"] == {"id": "I4200000001", "name": "OurResearch"}  # type: ignore[index]
    metrics = priem["sourceMetrics"]  # type: ignore[index]
    assert (metrics["hIndex"], metrics["i10Index"], metrics["worksCount"]) == (17, 20, 62)
    assert metrics["countsByYear"][0] == {"year": 2012, "works": 10, "citations": 98}

    oa = works["https://openalex.org/W2741809807"]
    loaded = {str(w["id"]) for w in works.values()}
    in_graph = [r for r in oa["referenced_works"] if r in loaded]  # type: ignore[union-attr]
    citing = [w for w in works.values() if oa["id"] in (w.get("referenced_works") or [])]  # type: ignore[operator]
    assert data["oa"] == {
        "title": oa["title"],
        "year": oa["publication_year"],
        "type": "ARTICLE",
        "venue": {
            "id": oa["primary_location"]["source"]["id"].removeprefix("https://openalex.org/")
        },  # type: ignore[index]
        "authors": [
            {
                "position": i,
                "researcher": {
                    "id": a["author"]["id"].removeprefix("https://openalex.org/"),
                    "name": a["author"]["display_name"],
                },
            }
            for i, a in enumerate(oa["authorships"])  # type: ignore[arg-type]
        ],
        "references": {"totalCount": len(in_graph)},
        "citedBy": {"totalCount": len(citing)},
    }
    assert data["topic"] == {
        "name": "Artificial Intelligence in Healthcare and Education",
        "field": "Medicine",
        "domain": "Health Sciences",
        "keywords": json.loads((FIXTURES / "topics-sample.json").read_text())["keywords"],
    }
    assert data["institution"] == {
        "name": "University of Michigan",
        "ror": "https://ror.org/00jmfr291",
        "countryCode": "US",
        "type": "funder",  # as OpenAlex types it now; not hard-coded to education
    }


async def test_a_repeated_author_keeps_the_first_position_and_every_institution(
    store_factory: StoreFactory, api_for: ApiFactory
) -> None:
    # W49044230 lists A5071739156 first (with an institution), then three times more.
    store = await store_factory(GraphBatch())
    await import_files(store, [FIXTURES / "works-duplicate-author.jsonl"], batch_size=10)
    (source,) = _records(FIXTURES / "works-duplicate-author.jsonl")
    listed = [
        str(a["author"]["id"]).removeprefix("https://openalex.org/") for a in source["authorships"]
    ]  # type: ignore[index, union-attr]
    data = await (await api_for(store)).data(
        """{ work(id: "W49044230") { authors { position institutions { id }
                                              researcher { id } } } }"""
    )
    authors = data["work"]["authors"]  # type: ignore[index]
    expected = [(i, r) for i, r in enumerate(listed) if r not in listed[:i]]
    assert [(a["position"], a["researcher"]["id"]) for a in authors] == expected
    assert len(authors) == len(set(listed)) == 21
    assert authors[0]["institutions"] == [{"id": "I2801851002"}]


async def test_a_work_without_a_title_has_a_null_title(
    store_factory: StoreFactory, api_for: ApiFactory
) -> None:
    store = await store_factory(GraphBatch())
    await import_files(store, [FIXTURES / "works-snowball-cited.jsonl"], batch_size=10)
    data = await (await api_for(store)).data(
        """{ work(id: "W2963341956") { title year doi }
             search(query: "(untitled)", kinds: [WORK]) { label } }"""
    )
    assert data["work"] == {
        "title": None,
        "year": 2019,
        "doi": "https://doi.org/10.18653/v1/n19-1423",
    }
    assert data["search"] == []


async def test_reimport_changes_nothing(store_factory: StoreFactory) -> None:
    store = await store_factory(GraphBatch())
    await import_files(store, [FIXTURES], batch_size=50)
    first = await snapshot(store)
    await import_files(store, [FIXTURES], batch_size=7)
    assert await snapshot(store) == first


async def test_entity_files_in_any_order_end_the_same(store_factory: StoreFactory) -> None:
    store = await store_factory(GraphBatch())
    await import_files(store, [*OTHER_FILES, *WORK_FILES], batch_size=10)
    entities_first = await snapshot(store)
    store = await store_factory(GraphBatch())
    # Works first, cited works after the works citing them, entities last.
    for path in [*reversed(WORK_FILES), *OTHER_FILES]:
        await import_files(store, [path], batch_size=10)
    assert await snapshot(store) == entities_first


async def test_malformed_lines_are_reported_and_skipped(
    store_factory: StoreFactory, tmp_path: Path
) -> None:
    good = (FIXTURES / "works-snowball-keypaper.jsonl").read_text().splitlines()
    lines = [
        good[0],
        '{"id": "https://openalex.org/W1", "title": ',  # cut off
        "[1, 2, 3]",
        '{"id": "https://openalex.org/Q123", "display_name": "?"}',
        '{"id": "https://openalex.org/A5", "display_name": "An author in a works file"}',
        '{"id": "https://openalex.org/W77", "authorships": [{"author": {"id": 5}}]}',
        good[1],
    ]
    path = tmp_path / "works" / "part_000.jsonl"
    path.parent.mkdir()
    path.write_text("\n".join(lines) + "\n")
    store = await store_factory(GraphBatch())
    report = await import_files(store, [tmp_path])
    assert report.records["works"] == 2
    assert [bad.where.line for bad in report.bad_lines] == [2, 3, 4, 5, 6]
    assert all(bad.where.path == path for bad in report.bad_lines)
    assert "not an OpenAlex" in report.bad_lines[2].reason
    assert (
        "authors record in a works file" in report.bad_lines[3].reason
        or "author" in report.bad_lines[3].reason
    )
    assert [w is not None for w in await store.works(["W3046863325", "W3045921891"])] == [
        True,
        True,
    ]

    strict_store = await store_factory(GraphBatch())
    strict = await import_files(strict_store, [tmp_path], strict=True)
    assert strict.stopped_at_bad_line and strict.records["works"] == 1 and strict.bad_count == 1


def test_generator_is_deterministic_and_skewed() -> None:
    scale = Scale(researchers=4000, works=8000)
    first = list(generate(scale, seed=3))
    assert first == list(generate(scale, seed=3))
    assert first != list(generate(scale, seed=4))
    works = [w for kind, w in first if kind == "works"]
    authorships = Counter(a["author"]["id"] for w in works for a in w["authorships"])  # type: ignore[union-attr,index]
    counts = sorted(authorships.values(), reverse=True)
    top = counts[: len(counts) // 100]
    assert sum(top) / sum(counts) > 0.2  # the top 1% of authors hold a large share
    assert sum(1 for c in counts if c <= 2) / len(counts) > 0.35  # many write once or twice
    teams = sorted(len(w["authorships"]) for w in works)  # type: ignore[arg-type]
    assert 2 <= teams[len(teams) // 2] <= 5
    topics = Counter(w["topics"][0]["id"] for w in works)  # type: ignore[index]
    assert topics.most_common(1)[0][1] > 5 * min(topics.values())
    year = {w["id"]: w["publication_year"] for w in works}
    assert all(year[r] <= w["publication_year"] for w in works for r in w["referenced_works"])  # type: ignore[union-attr]


async def test_generated_data_imports_and_serves(
    store_factory: StoreFactory, api_for: ApiFactory, tmp_path: Path
) -> None:
    written = write(Scale(researchers=300, works=600), seed=5, out=tmp_path, part_size=250)
    assert written["works"] == 600 and len(list((tmp_path / "works").glob("part_*.jsonl"))) == 3
    store = await store_factory(GraphBatch())
    report = await import_files(store, [tmp_path], batch_size=100)
    assert report.records["works"] == 600 and report.bad_count == 0
    api = await api_for(store)
    first = f"A{GENERATED_FIRST_ID}"  # the generator's most prolific author
    data = await api.data(f'{{ researcher(id: "{first}") {{ counts {{ works }} }} }}')
    assert data["researcher"]["counts"]["works"] > 5  # type: ignore[index]


def _command(settings: Settings, *args: str) -> tuple[list[str], dict[str, str]]:
    env = {
        **os.environ,
        "NEO4J_URI": settings.neo4j_uri or "",
        "NEO4J_USER": settings.neo4j_user,
        "NEO4J_PASSWORD": settings.neo4j_password,
    }
    researchgraph = shutil.which("researchgraph", path=str(Path(sys.executable).parent))
    assert researchgraph is not None
    return [researchgraph, *args], env


def _cli(settings: Settings, *args: str) -> subprocess.CompletedProcess[str]:
    command, env = _command(settings, *args)
    return subprocess.run(
        command, env=env, capture_output=True, text=True, timeout=300, check=False
    )


async def test_killed_import_completes_when_run_again(
    neo4j_store: Neo4jStore, neo4j_settings: Settings, tmp_path: Path
) -> None:
    write(Scale(researchers=2000, works=6000), seed=9, out=tmp_path)
    await wipe(neo4j_store)
    clean = _cli(neo4j_settings, "import", str(tmp_path), "--batch-size", "200")
    assert clean.returncode == 0, clean.stderr
    assert "refreshing what the works imply for" in clean.stderr  # the silent tail, said
    assert re.search(r"refreshed \d+ researchers in", clean.stderr)
    expected = await snapshot(neo4j_store)

    await wipe(neo4j_store)
    command, env = _command(
        neo4j_settings, "import", str(tmp_path), "--batch-size", "200", "--log-every", "0.5"
    )
    with subprocess.Popen(command, env=env, stderr=subprocess.PIPE, text=True) as killed:
        assert killed.stderr is not None
        for line in killed.stderr:  # the first progress line: some batches are in
            if "records," in line:
                break
        killed.send_signal(signal.SIGKILL)
    partial = await snapshot(neo4j_store)
    assert partial["nodes"] and len(partial["relationships"]) < len(expected["relationships"])

    again = _cli(neo4j_settings, "import", str(tmp_path), "--batch-size", "200")
    assert again.returncode == 0, again.stderr
    assert await snapshot(neo4j_store) == expected


def test_cli_exits_non_zero_on_malformed_records(neo4j_settings: Settings, tmp_path: Path) -> None:
    path = tmp_path / "works.jsonl"
    path.write_text('{"id": "https://openalex.org/W1"\n')
    done = _cli(neo4j_settings, "import", str(path))
    assert done.returncode == 1
    assert f"{path}:1" in done.stdout and "skipped 1 malformed" in done.stdout


@pytest.mark.parametrize("strict", [True, False])
def test_cli_strict_flag(neo4j_settings: Settings, tmp_path: Path, strict: bool) -> None:
    path = tmp_path / "works.jsonl"
    good = (FIXTURES / "works-snowball-keypaper.jsonl").read_text().splitlines()
    path.write_text("\n".join([good[0], "oops", good[1]]) + "\n")
    done = _cli(neo4j_settings, "import", str(path), *(["--strict"] if strict else []))
    assert done.returncode == 1
    assert ("imported 1 works" in done.stdout) if strict else ("imported 2 works" in done.stdout)
