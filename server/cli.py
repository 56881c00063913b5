"""The `researchgraph` command: serve, migrate, import, generate, load-demo."""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import sys
from pathlib import Path

from researchgraph.graphstore.ingest import progress
from researchgraph.graphstore.ingest.demo import DEMO_RESEARCHER_ID, demo_batch
from researchgraph.graphstore.ingest.importer import DEFAULT_BATCH_SIZE, ImportReport, import_files
from researchgraph.graphstore.ingest.synthetic import Scale, write
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


def _summary(report: ImportReport) -> str:
    rate = report.total / report.seconds if report.seconds else 0.0
    kinds = ", ".join(f"{n:,} {kind}" for kind, n in sorted(report.records.items())) or "nothing"
    lines = [
        f"imported {kinds} in {report.seconds:.1f}s ({rate:,.0f} records/s, "
        f"{report.batches} batches)"
    ]
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
    print(_summary(report))
    return 1 if report.bad_count else 0


def _generate(researchers: int, works: int, seed: int, out: Path) -> None:
    written = write(Scale(researchers=researchers, works=works), seed, out)
    print(", ".join(f"{n:,} {kind}" for kind, n in written.items()) + f" written to {out}")


def _token(settings: Settings, user: str, minutes: int) -> None:
    if not settings.dev_mode and settings.jwt_secret in (None, DEV_JWT_SECRET):
        sys.exit(
            "refusing to mint a token with the development secret outside dev mode: "
            "set JWT_SECRET, or RESEARCHGRAPH_DEV=1 for local use"
        )
    print(Authenticator(settings).mint(user, minutes))


def _serve(settings: Settings, host: str, port: int) -> None:
    import uvicorn

    from researchgraph.server.app import create_app

    if settings.embedded and not settings.data:
        print(
            f"No NEO4J_URI: serving the bundled demo dataset in memory. Try {DEMO_RESEARCHER_ID}."
        )
    print(f"GraphiQL: http://{host}:{port}/graphql")
    # Our logging set-up (JSON lines in production) rather than uvicorn's; in-flight
    # requests get `SHUTDOWN_GRACE_S` to finish after SIGTERM.
    try:
        app = create_app(settings)
    except ConfigError as error:
        sys.exit(f"researchgraph: {error}")
    uvicorn.run(
        app,
        host=host,
        port=port,
        log_config=None,
        access_log=False,
        timeout_graceful_shutdown=SHUTDOWN_GRACE_S,
    )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="researchgraph", description="A research-graph GraphQL server."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="run the GraphQL server")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument(
        "--data",
        type=Path,
        nargs="+",
        default=[],
        help="without Neo4j: serve these OpenAlex files from memory instead of the demo",
    )
    commands.add_parser("migrate", help="create Neo4j constraints and indexes (idempotent)")
    commands.add_parser("load-demo", help="load the bundled demo dataset into Neo4j (idempotent)")
    load = commands.add_parser(
        "import", help="import OpenAlex JSONL (plain or .gz) files or snapshot folders into Neo4j"
    )
    load.add_argument("paths", type=Path, nargs="+")
    load.add_argument(
        "--batch-size", type=int, default=DEFAULT_BATCH_SIZE, help="records per write transaction"
    )
    load.add_argument("--strict", action="store_true", help="stop at the first malformed record")
    load.add_argument(
        "--log-every",
        type=float,
        default=5.0,
        metavar="SECONDS",
        help="progress log interval when not on a terminal",
    )
    token = commands.add_parser("token", help="mint a bearer token for a local user (dev)")
    token.add_argument("--user", required=True, help="the user id (the token's subject)")
    token.add_argument("--minutes", type=int, default=60)
    generate = commands.add_parser("generate", help="write a synthetic OpenAlex-shaped dataset")
    generate.add_argument("--researchers", type=int, required=True)
    generate.add_argument("--works", type=int, required=True)
    generate.add_argument("--seed", type=int, default=1)
    generate.add_argument("--out", type=Path, required=True)
    return parser


def main(argv: list[str] | None = None) -> None:
    args = _parser().parse_args(argv)
    try:
        settings = Settings.from_env()
    except ConfigError as error:
        sys.exit(f"researchgraph: {error}")
    logs.configure(json_lines=settings.json_logs if args.command == "serve" else False)
    match args.command:
        case "serve":
            settings = dataclasses.replace(settings, data=tuple(args.data))
            _serve(settings, args.host, args.port)
        case "migrate":
            asyncio.run(_migrate(settings))
        case "load-demo":
            asyncio.run(_load_demo(settings))
        case "import":
            code = asyncio.run(
                _import(settings, args.paths, args.batch_size, args.strict, args.log_every)
            )
            sys.exit(code)
        case "token":
            _token(settings, args.user, args.minutes)
        case "generate":
            _generate(args.researchers, args.works, args.seed, args.out)
