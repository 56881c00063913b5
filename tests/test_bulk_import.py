"""`researchgraph import --bulk`: Neo4j's offline importer builds the graph the
transactional importer builds, node by node and relationship by relationship; it
reports malformed lines as that one does, and refuses a running or non-empty database."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from snapshots import snapshot

from researchgraph.graphstore.ingest.importer import import_files
from researchgraph.graphstore.ingest.synthetic import Scale, write
from researchgraph.graphstore.neo4j import Neo4jStore

from conftest import start_neo4j, stop_neo4j, wipe

FIXTURES = Path(__file__).parent / "fixtures" / "openalex"
RESEARCHGRAPH = Path(sys.executable).parent / "researchgraph"


def _dataset(folder: Path) -> list[Path]:
    """The OpenAlex fixtures, a generated graph (co-authors, topics, citations in
    bulk), two versions of one work, and a malformed line."""
    shutil.copytree(FIXTURES, folder / "fixtures")
    write(Scale(researchers=300, works=600), seed=7, out=folder / "generated")
    work = json.loads((FIXTURES / "works-snowball-keypaper.jsonl").read_text().splitlines()[0])
    older = {**work, "title": "An older title", "updated_date": "2001-01-01"}
    newer = {**work, "title": "A newer title", "updated_date": "2099-01-01", "doi": None}
    versions = folder / "versions" / "works.jsonl"
    versions.parent.mkdir()
    lines = [json.dumps(newer), '{"id": "https://openalex.org/W1", "title": ', json.dumps(older)]
    versions.write_text("\n".join(lines) + "\n")
    return [folder / "fixtures", folder / "generated", folder / "versions"]


def _bulk(neo4j_dir: Path, *paths: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(RESEARCHGRAPH), "import", "--bulk", *map(str, paths), "--neo4j-dir", str(neo4j_dir)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


async def test_bulk_import_builds_the_transactional_graph(
    neo4j_store: Neo4jStore, tmp_path: Path
) -> None:
    paths = _dataset(tmp_path / "data")
    neo4j_dir = tmp_path / "bulk-neo4j"

    done = _bulk(neo4j_dir, *paths)
    assert done.returncode == 1, done.stderr  # the malformed line, reported and skipped
    versions = tmp_path / "data" / "versions" / "works.jsonl"
    assert f"{versions}:2" in done.stdout and "skipped 1 malformed" in done.stdout
    assert not (neo4j_dir / "bulk-import").exists()  # the CSV files are removed

    await wipe(neo4j_store)
    await neo4j_store.migrate()
    report = await import_files(neo4j_store, paths)
    assert report.bad_count == 1
    expected = await snapshot(neo4j_store)

    settings = start_neo4j(neo4j_dir)
    try:
        assert settings.neo4j_uri is not None
        bulk = Neo4jStore.connect(
            settings.neo4j_uri, settings.neo4j_user, settings.neo4j_password, None, 300
        )
        try:
            imported = await snapshot(bulk)
            indexes = await bulk.connection.read("SHOW INDEXES YIELD name RETURN name", {})
        finally:
            await bulk.close()
        running = _bulk(neo4j_dir, *paths)
    finally:
        stop_neo4j(neo4j_dir)

    assert len(imported["nodes"]) == len(expected["nodes"]) > 3000
    assert imported["nodes"] == expected["nodes"]
    assert imported["relationships"] == expected["relationships"]
    labels = {node["label"] for node in imported["nodes"]}
    kinds = {relationship["type"] for relationship in imported["relationships"]}
    assert {"Researcher", "Work", "PendingWork", "Migration"} <= labels
    assert {"AUTHORED", "COAUTHOR", "RESEARCHES", "CITES", "CITES_PENDING"} <= kinds
    work = next(n for n in imported["nodes"] if n["id"] == "W3046863325")
    assert work["props"]["title"] == "A newer title" and work["props"]["doi"]  # filled
    assert {"work_search", "researcher_search", "work_doi"} <= {row["name"] for row in indexes}

    assert running.returncode != 0 and "is running" in running.stderr
    again = _bulk(neo4j_dir, *paths)
    assert again.returncode != 0
    data_nodes = [n for n in expected["nodes"] if n["label"] != "Migration"]
    assert f"holds {len(data_nodes):,} nodes" in again.stderr


@pytest.mark.parametrize("bulk", [True, False])
def test_import_of_a_missing_path_is_one_line(tmp_path: Path, bulk: bool) -> None:
    missing = tmp_path / "nowhere"
    command = [str(RESEARCHGRAPH), "import", str(missing)]
    if bulk:
        command += ["--bulk", "--neo4j-dir", str(tmp_path / "neo4j")]
    done = subprocess.run(
        command,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={"PATH": "/usr/bin:/bin", "NEO4J_URI": "bolt://127.0.0.1:1"},
    )
    assert done.returncode != 0
    assert done.stderr.strip().splitlines() == [
        f"researchgraph: no such file or directory: {missing}"
    ]
