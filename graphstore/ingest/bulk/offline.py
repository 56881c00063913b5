"""Neo4j's offline importer run on a local instance, then the migrations.

The instance is one `scripts/neo4j-local` manages (its `--dir`): the importer and the
DBMS come from the Maven resolution that provisions the server, with no Docker. The
importer writes the store files itself, so the instance must be stopped; it is
started on loopback only to check that it holds no data and to migrate."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

from researchgraph.graphstore.ingest.bulk.columns import ARRAY_DELIMITER_OPTION
from researchgraph.graphstore.ingest.bulk.convert import CsvSet
from researchgraph.graphstore.neo4j import Neo4jStore

NEO4J_LOCAL = Path(__file__).resolve().parents[3] / "scripts" / "neo4j-local"
DATABASE = "neo4j"  # Community holds one user database
IMPORT_HEAP = "2g"
MIGRATE_TIMEOUT_S = 600.0  # the full-text indexes of a large graph take a while


class OfflineError(Exception):
    """Why the offline import cannot go on, in one line."""


@dataclass(frozen=True)
class Instance:
    folder: Path

    def _local(self, *args: str, capture: bool = True) -> subprocess.CompletedProcess[str]:
        if not NEO4J_LOCAL.exists():
            raise OfflineError(
                f"{NEO4J_LOCAL} is missing: bulk import runs Neo4j's tools through it, "
                "from a source checkout"
            )
        return subprocess.run(
            [sys.executable, str(NEO4J_LOCAL), args[0], "--dir", str(self.folder), *args[1:]],
            stdout=subprocess.PIPE if capture else sys.stderr,  # the tool's progress: stderr
            stderr=subprocess.PIPE if capture else None,
            text=True,
            check=False,
        )

    def running(self) -> bool:
        return self._local("status").returncode == 0

    def has_database(self) -> bool:
        return (self.folder / "home" / "data" / "databases" / DATABASE).exists()

    @asynccontextmanager
    async def started(self) -> AsyncIterator[Neo4jStore]:
        """The instance, served on loopback until the block ends."""
        started = self._local("start")
        if started.returncode != 0:
            raise OfflineError(f"Neo4j in {self.folder} did not start: {started.stderr[-500:]}")
        env = dict(
            line.removeprefix("export ").split("=", 1)
            for line in started.stdout.splitlines()
            if "=" in line
        )
        store = Neo4jStore.connect(
            env["NEO4J_URI"], env["NEO4J_USER"], env["NEO4J_PASSWORD"], None, MIGRATE_TIMEOUT_S
        )
        try:
            await store.verify()
            yield store
        finally:
            await store.close()
            self._local("stop")

    def import_csv(self, csv: CsvSet) -> None:
        """`neo4j-admin database import full` of the files, replacing the (checked
        empty) database; its progress goes to stderr."""
        arguments = [
            "database",
            "import",
            "full",
            DATABASE,
            "--overwrite-destination=true",
            f"--array-delimiter={ARRAY_DELIMITER_OPTION}",
            "--bad-tolerance=0",  # the files are consistent by construction: fail loudly
            f"--report-file={csv.folder / 'import.report'}",
            *(f"--nodes={label}={file.path}" for label, file in csv.nodes),
            *(f"--relationships={type_}={file.path}" for type_, file in csv.relationships),
            *(["--multiline-fields=true"] if csv.multiline else []),
        ]
        done = self._local("admin", "--heap", IMPORT_HEAP, "--", *arguments, capture=False)
        if done.returncode != 0:
            raise OfflineError(f"neo4j-admin database import failed (exit {done.returncode})")
