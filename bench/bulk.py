"""Import speed: `import --bulk` (Neo4j's offline importer) into a new database, and
optionally the transactional `import` into a new database, on one generated scale;
prints each phase, the rates, and a projection for a full OpenAlex snapshot.

    .venv/bin/python bench/bulk.py --scale medium                  # bulk only
    .venv/bin/python bench/bulk.py --scale medium --transactional  # and the other, after

Each import gets a fresh scripts/neo4j-local instance under bench/.cache (removed
after); the generated data is bench/run.py's (kept). Results go to bench/results."""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from run import BIN, CACHE, ROOT, SCALES, generated, log, save, start_neo4j

NEO4J_LOCAL = ROOT / "scripts" / "neo4j-local"
# OpenAlex's works as of late 2025 (its own statistics page says ~250M); a rough scale,
# since authorships per work and the graph's derived edges grow with it too.
SNAPSHOT_WORKS = 250_000_000
PHASES = {
    "convert_s": re.compile(r"converted in ([\d.]+)s"),
    "neo4j_admin_s": re.compile(r"imported in ([\d.]+)s"),
}


def bulk(data: Path, folder: Path) -> dict[str, Any]:
    shutil.rmtree(folder, ignore_errors=True)
    started = time.monotonic()
    done = subprocess.run(
        [str(BIN / "researchgraph"), "import", "--bulk", str(data), "--neo4j-dir", str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.monotonic() - started
    shutil.rmtree(folder, ignore_errors=True)
    if done.returncode != 0:
        sys.exit(f"bulk import failed:\n{done.stderr[-3000:]}")
    figures: dict[str, Any] = {"seconds": round(seconds, 1)}
    for name, pattern in PHASES.items():
        if found := pattern.search(done.stderr):
            figures[name] = float(found.group(1))
    figures["migrate_s"] = round(
        seconds - figures.get("convert_s", 0) - figures.get("neo4j_admin_s", 0), 1
    )
    figures["summary"] = done.stdout.strip().splitlines()[-2:]
    return figures


def transactional(data: Path, folder: Path) -> dict[str, Any]:
    shutil.rmtree(folder, ignore_errors=True)
    env = start_neo4j(folder)
    try:
        t0 = time.monotonic()
        subprocess.run(
            [str(BIN / "researchgraph"), "import", str(data), "--log-every", "30"],
            env={**os.environ, **env},
            check=True,
        )
        seconds = time.monotonic() - t0
    finally:
        subprocess.run(
            [sys.executable, str(NEO4J_LOCAL), "stop", "--dir", str(folder)], check=False
        )
        shutil.rmtree(folder, ignore_errors=True)
    return {"seconds": round(seconds, 1)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=sorted(SCALES), default="medium")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--transactional", action="store_true", help="measure `import` too")
    args = parser.parse_args()
    data = generated(args.scale, args.seed)
    _, works = SCALES[args.scale]
    log(f"bulk import of {args.scale}")
    result: dict[str, Any] = {
        "scale": args.scale,
        "machine": f"{platform.machine()}, {os.cpu_count()} cores",
        "bulk": bulk(data, CACHE / f"bulk-{args.scale}"),
    }
    rate = works / result["bulk"]["seconds"]
    result["bulk"]["works_per_s"] = round(rate)
    result["bulk"]["full_snapshot_hours"] = round(SNAPSHOT_WORKS / rate / 3600, 1)
    if args.transactional:
        log(f"transactional import of {args.scale}")
        result["transactional"] = transactional(data, CACHE / f"transactional-{args.scale}")
        result["transactional"]["works_per_s"] = round(works / result["transactional"]["seconds"])
    print(json.dumps(result, indent=2))
    save(f"import-{args.scale}", result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
