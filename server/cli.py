"""The `researchgraph` command: serve, migrate, load-demo."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys

from researchgraph.graphstore.ingest.demo import DEMO_RESEARCHER_ID, demo_batch
from researchgraph.graphstore.neo4j import Neo4jStore
from researchgraph.server.config import Settings


def _neo4j(settings: Settings) -> Neo4jStore:
    if settings.neo4j_uri is None:
        sys.exit("NEO4J_URI is not set: this command needs a Neo4j database.")
    return Neo4jStore.connect(
        settings.neo4j_uri, settings.neo4j_user, settings.neo4j_password, settings.neo4j_database
    )


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


def _serve(settings: Settings, host: str, port: int) -> None:
    import uvicorn

    from researchgraph.server.app import create_app

    if settings.embedded:
        print(
            f"No NEO4J_URI: serving the bundled demo dataset in memory. Try {DEMO_RESEARCHER_ID}."
        )
    print(f"GraphiQL: http://{host}:{port}/graphql")
    uvicorn.run(create_app(settings), host=host, port=port, log_level="info", access_log=False)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="researchgraph", description="A research-graph GraphQL server."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="run the GraphQL server")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    commands.add_parser("migrate", help="create Neo4j constraints and indexes (idempotent)")
    commands.add_parser("load-demo", help="load the bundled demo dataset into Neo4j (idempotent)")
    args = parser.parse_args(argv)

    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    settings = Settings.from_env()
    if args.command == "serve":
        _serve(settings, args.host, args.port)
    elif args.command == "migrate":
        asyncio.run(_migrate(settings))
    else:
        asyncio.run(_load_demo(settings))
