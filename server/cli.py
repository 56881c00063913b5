"""The `researchgraph` command: serve, migrate, import, generate, load-demo."""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from researchgraph.graphstore.ingest import progress
from researchgraph.graphstore.ingest.bulk.convert import convert
from researchgraph.graphstore.ingest.bulk.offline import Instance, OfflineError
from researchgraph.graphstore.ingest.demo import DEMO_RESEARCHER_ID, demo_batch
from researchgraph.graphstore.ingest.importer import DEFAULT_BATCH_SIZE, ImportReport, import_files
from researchgraph.graphstore.ingest.synthetic import Scale, clear_dataset, write
from researchgraph.graphstore.neo4j import Neo4jStore
from researchgraph.server import logs
from researchgraph.server.auth import Authenticator
from researchgraph.server.config import DEV_JWT_SECRET, ConfigError, Settings
from researchgraph.server.stores import connect_neo4j

SHOWN_BAD_LINES = 20
SHUTDOWN_GRACE_S = 30
COMMAND_TIMEOUT_S = 600.0


def _neo4j(settings: Settings) -> Neo4jStore:
    if settings.neo4j_uri is None:
        sys.exit("NEO4J_URI is not set: this command needs a Neo4j database.")
    # Batch writes of an import take longer than any request may.
    return connect_neo4j(settings, COMMAND_TIMEOUT_S)


async def _migrate(settings: Settings) -> None:
    store = _neo4j(settings)
    try:
        for statement in await store.migrate():
            print(f"applied: {statement}")
    finally:
        await store.close()


async def _load_demo(settings: Settings) -> None:
    store = _neo4j(settings)
    try:
        await store.migrate()
        await store.load(demo_batch())
        print(f"loaded the demo dataset; try researcher {DEMO_RESEARCHER_ID}")
    finally:
        await store.close()


def _summary(report: ImportReport, how: str) -> str:
    rate = report.total / report.seconds if report.seconds else 0.0
    kinds = ", ".join(f"{n:,} {kind}" for kind, n in sorted(report.records.items())) or "nothing"
    lines = [f"imported {kinds} in {report.seconds:.1f}s ({rate:,.0f} records/s, {how})"]
    if report.bad_count:
        lines.append(f"skipped {report.bad_count:,} malformed records:")
        lines += [f"  {bad.where}: {bad.reason}" for bad in report.bad_lines[:SHOWN_BAD_LINES]]
        if report.bad_count > SHOWN_BAD_LINES:
            lines.append(f"  … and {report.bad_count - SHOWN_BAD_LINES:,} more")
    if report.stopped_at_bad_line:
        lines.append("stopped at the first malformed record (--strict)")
    return "\n".join(lines)


async def _import(
    settings: Settings, paths: list[Path], batch_size: int, strict: bool, log_every: float
) -> int:
    store = _neo4j(settings)
    try:
        await store.migrate()
        report = await import_files(
            store,
            paths,
            batch_size=batch_size,
            strict=strict,
            progress=progress.for_stream(log_every=log_every),
        )
    finally:
        await store.close()
    print(_summary(report, f"{report.batches} batches"))
    return 1 if report.bad_count else 0


def _say(message: str) -> None:
    print(f"researchgraph: {message}", file=sys.stderr, flush=True)


async def _data_nodes(instance: Instance) -> int:
    async with instance.started() as store:
        return await store.data_nodes()


async def _migrate_instance(instance: Instance) -> None:
    async with instance.started() as store:
        await store.migrate()


def _bulk_import(paths: list[Path], neo4j_dir: Path, strict: bool, keep_csv: bool) -> int:
    """Converts `paths` to CSV, runs Neo4j's offline importer into the stopped
    instance in `neo4j_dir` (which must hold no data), then the migrations."""
    instance = Instance(neo4j_dir.resolve())
    if instance.running():
        sys.exit(
            f"researchgraph: Neo4j in {neo4j_dir} is running; the offline importer needs it "
            f"stopped (scripts/neo4j-local stop --dir {neo4j_dir})"
        )
    if instance.has_database() and (nodes := asyncio.run(_data_nodes(instance))):
        sys.exit(
            f"researchgraph: the database in {neo4j_dir} holds {nodes:,} nodes; a bulk "
            "import fills an empty database only (`researchgraph import` adds to one)"
        )
    work = instance.folder / "bulk-import"
    shutil.rmtree(work, ignore_errors=True)
    started = time.monotonic()
    _say(f"converting {', '.join(map(str, paths))} to the importer's CSV files")
    conversion = convert(paths, work, _say)
    report = conversion.report
    converted = time.monotonic()
    _say(f"converted in {converted - started:.1f}s; running neo4j-admin database import")
    if strict and report.bad_count:
        report.seconds = converted - started
        print(_summary(report, "converted only"))
        sys.exit("researchgraph: malformed records and --strict: nothing imported")
    instance.import_csv(conversion.csv)
    _say(f"imported in {time.monotonic() - converted:.1f}s; migrating")
    asyncio.run(_migrate_instance(instance))
    if not keep_csv:
        shutil.rmtree(work)
    report.seconds = time.monotonic() - started
    print(_summary(report, "bulk: converted, neo4j-admin import, migrated"))
    print("graph: " + ", ".join(f"{n:,} {name}" for name, n in conversion.csv.counts().items()))
    return 1 if report.bad_count else 0


def _share(text: str) -> float:
    """A share, 0 to 1, for argparse."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text}") from None
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError(f"a share from 0 to 1, not {text}")
    return value


def _generate(researchers: int, works: int, seed: int, out: Path, force: bool, skew: float) -> None:
    if out.is_file() or (out.is_dir() and any(out.iterdir()) and not force):
        sys.exit(
            f"researchgraph: {out} is not an empty directory; generated files would mix with "
            "what is there (--force replaces the dataset files in it)"
        )
    if force:
        clear_dataset(out)
    written = write(Scale(researchers=researchers, works=works, skew=skew), seed, out)
    print(", ".join(f"{n:,} {kind}" for kind, n in written.items()) + f" written to {out}")


def _token(settings: Settings, user: str, minutes: int) -> None:
    if not settings.dev_mode and settings.jwt_secret in (None, DEV_JWT_SECRET):
        sys.exit(
            "refusing to mint a token with the development secret outside dev mode: "
            "set JWT_SECRET, or RESEARCHGRAPH_DEV=1 for local use"
        )
    print(Authenticator(settings).mint(user, minutes))


def _serve(settings: Settings, host: str, port: int, workers: int) -> None:
    import uvicorn

    from researchgraph.server.app import MULTIPROCESS_DIR, create_app

    if workers < 1:
        sys.exit("researchgraph: --workers must be at least 1")
    if workers > 1 and settings.embedded:
        sys.exit(
            "researchgraph: several workers need one shared store: set NEO4J_URI "
            "(each would otherwise hold its own in-memory graph)"
        )
    if settings.embedded and not settings.data:
        print(
            f"No NEO4J_URI: serving the bundled demo dataset in memory. Try {DEMO_RESEARCHER_ID}."
        )
    print(f"GraphiQL: http://{host}:{port}/graphql")
    try:
        app = create_app(settings)  # with several workers, only to check the settings
    except ConfigError as error:
        sys.exit(f"researchgraph: {error}")
    # Our logging set-up (JSON lines in production) rather than uvicorn's; in-flight
    # requests get `SHUTDOWN_GRACE_S` to finish after SIGTERM.
    options: dict[str, Any] = {
        "host": host,
        "port": port,
        "log_config": None,
        "access_log": False,
        "timeout_graceful_shutdown": SHUTDOWN_GRACE_S,
    }
    if workers == 1:
        uvicorn.run(app, **options)
        return
    # uvicorn's own process manager: it restarts a worker that dies and passes
    # SIGTERM on for each to finish its requests; gunicorn would add a dependency and
    # a second configuration for the same. Workers write their metrics to one folder
    # (Prometheus's multiprocess mode), which /metrics on any of them sums.
    metrics = os.environ.get(MULTIPROCESS_DIR) or tempfile.mkdtemp(prefix="researchgraph-metrics-")
    for stale in Path(metrics).glob("*.db"):
        stale.unlink()  # an earlier run's figures
    os.environ[MULTIPROCESS_DIR] = metrics
    uvicorn.run("researchgraph.server.app:app_from_env", factory=True, workers=workers, **options)


class _HelpWithDefaults(argparse.ArgumentDefaultsHelpFormatter):
    """Each option's help ends with its default, when it has one (a flag's is off)."""

    def _get_help_string(self, action: argparse.Action) -> str | None:
        if action.required or action.default is None or action.default is False:
            return action.help
        return super()._get_help_string(action)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="researchgraph", description="A research-graph GraphQL server."
    )
    commands = parser.add_subparsers(dest="command", required=True)

    def command(name: str, summary: str) -> argparse.ArgumentParser:
        return commands.add_parser(
            name, help=summary, description=summary, formatter_class=_HelpWithDefaults
        )

    serve = command("serve", "run the GraphQL server")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on")
    serve.add_argument("--port", type=int, default=8000, help="port to listen on")
    serve.add_argument(
        "--workers",
        type=int,
        default=1,
        help="processes serving requests (more than one needs NEO4J_URI)",
    )
    serve.add_argument(
        "--data",
        type=Path,
        nargs="+",
        default=[],
        help="without Neo4j: serve these OpenAlex files from memory instead of the demo",
    )
    command("migrate", "create Neo4j constraints and indexes (idempotent)")
    command("load-demo", "load the bundled demo dataset into Neo4j (idempotent)")
    load = command(
        "import", "import OpenAlex JSONL (plain or .gz) files or snapshot folders into Neo4j"
    )
    load.add_argument(
        "paths", type=Path, nargs="+", metavar="PATH", help="a file or a snapshot folder"
    )
    load.add_argument(
        "--batch-size", type=int, default=DEFAULT_BATCH_SIZE, help="records per write transaction"
    )
    load.add_argument(
        "--strict",
        action="store_true",
        help="stop at the first malformed record (--bulk: import nothing if there is one)",
    )
    load.add_argument(
        "--bulk",
        action="store_true",
        help="fill an empty, stopped local Neo4j (--neo4j-dir) with Neo4j's offline importer",
    )
    load.add_argument(
        "--neo4j-dir",
        type=Path,
        default=Path(".neo4j"),
        help="--bulk: the scripts/neo4j-local instance to fill",
    )
    load.add_argument(
        "--keep-csv",
        action="store_true",
        help="--bulk: keep the CSV files (under --neo4j-dir/bulk-import)",
    )
    load.add_argument(
        "--log-every",
        type=float,
        default=5.0,
        metavar="SECONDS",
        help="progress log interval when not on a terminal",
    )
    token = command("token", "mint a bearer token for a local user (dev)")
    token.add_argument("--user", required=True, help="the user id (the token's subject)")
    token.add_argument("--minutes", type=int, default=60, help="how long the token is valid")
    generate = command("generate", "write a synthetic OpenAlex-shaped dataset")
    generate.add_argument("--researchers", type=int, required=True, help="how many authors")
    generate.add_argument("--works", type=int, required=True, help="how many works")
    generate.add_argument("--seed", type=int, default=1, help="the same seed, the same data")
    generate.add_argument(
        "--out", type=Path, required=True, help="an empty folder for the snapshot-shaped files"
    )
    generate.add_argument(
        "--force", action="store_true", help="replace the dataset files of a non-empty --out"
    )
    generate.add_argument(
        "--skew",
        type=_share,
        default=0.0,
        help="the share of works on one hub topic and in one hub venue, 0-1 (0: none)",
    )
    return parser


def main(argv: list[str] | None = None) -> None:
    args = _parser().parse_args(argv)
    try:
        settings = Settings.from_env()
    except ConfigError as error:
        sys.exit(f"researchgraph: {error}")
    logs.configure(json_lines=settings.json_logs if args.command == "serve" else False)
    if args.command == "import" and (missing := [p for p in args.paths if not p.exists()]):
        sys.exit(f"researchgraph: no such file or directory: {missing[0]}")
    match args.command:
        case "serve":
            settings = dataclasses.replace(settings, data=tuple(args.data))
            _serve(settings, args.host, args.port, args.workers)
        case "migrate":
            asyncio.run(_migrate(settings))
        case "load-demo":
            asyncio.run(_load_demo(settings))
        case "import" if args.bulk:
            try:
                code = _bulk_import(args.paths, args.neo4j_dir, args.strict, args.keep_csv)
            except OfflineError as error:
                sys.exit(f"researchgraph: {error}")
            sys.exit(code)
        case "import":
            code = asyncio.run(
                _import(settings, args.paths, args.batch_size, args.strict, args.log_every)
            )
            sys.exit(code)
        case "token":
            _token(settings, args.user, args.minutes)
        case "generate":
            _generate(args.researchers, args.works, args.seed, args.out, args.force, args.skew)
