"""Settings, read once from the environment at start-up and passed down frozen."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

# Known to everyone, hence only ever accepted in dev mode.
DEV_JWT_SECRET = "researchgraph-dev-secret-not-for-production"

# Five times the largest query (`MAX_COST`). The demo's fullest profile page (with its
# graph slice) is estimated at ~3,300 points and really costs ~1,000: a client may
# burst ~30 such pages, then sustain ~5 a second.
DEFAULT_RATE_LIMIT_CAPACITY = 100_000
DEFAULT_RATE_LIMIT_RESTORE_PER_S = 5_000.0


@dataclass(frozen=True)
class Settings:
    neo4j_uri: str | None = None
    neo4j_user: str = "neo4j"
    neo4j_password: str = ""
    neo4j_database: str | None = None
    # Server-side timeout of every Neo4j transaction (the database cancels it).
    neo4j_timeout_s: float = 10.0
    # A whole GraphQL request; past it the client gets TIMEOUT.
    request_timeout_s: float = 30.0
    # Report each response's store round trips in `extensions.storeCalls` (tests, bench).
    expose_store_calls: bool = False
    # Roots read what their selection needs in one store call (off: per relationship).
    plan_reads: bool = True
    migrate_on_start: bool = True
    graphiql: bool = True
    # OpenTelemetry spans (resolvers and store calls), exported per the OTEL_* variables.
    tracing: bool = False
    # Log JSON lines (None: in production; plain text in dev mode).
    log_json: bool | None = None
    # Analysts explore the schema, so introspection is on unless turned off; field
    # suggestions ("Did you mean …?") leak the schema too, so `build_schema` drops
    # them whenever introspection is off.
    introspection: bool = True
    field_suggestions: bool = True
    # The per-client cost budget (points, refilled per second); 0 turns it off.
    # Unset: off in dev mode, `DEFAULT_RATE_LIMIT_CAPACITY` otherwise.
    rate_limit_capacity: int | None = None
    rate_limit_restore_per_s: float = DEFAULT_RATE_LIMIT_RESTORE_PER_S
    # OpenAlex files to serve from the in-memory store instead of the demo dataset
    # (set by `serve --data`, ignored with Neo4j).
    data: tuple[Path, ...] = ()
    # Bearer tokens (JWT): accepted algorithms, and the key for each family.
    jwt_algorithms: tuple[str, ...] = ("HS256",)
    jwt_secret: str | None = None
    jwt_jwks_file: Path | None = None
    jwt_jwks_url: str | None = None
    jwt_issuer: str = "researchgraph"
    jwt_audience: str = "researchgraph-api"
    # Dev mode allows the well-known development secret (and `researchgraph token`
    # with it). The embedded demo is always dev mode.
    dev: bool = False

    @property
    def dev_mode(self) -> bool:
        return self.dev or self.embedded

    @property
    def json_logs(self) -> bool:
        return not self.dev_mode if self.log_json is None else self.log_json

    @property
    def rate_limit(self) -> int:
        """The budget's capacity in force; 0: no budget."""
        if self.rate_limit_capacity is not None:
            return self.rate_limit_capacity
        return 0 if self.dev_mode else DEFAULT_RATE_LIMIT_CAPACITY

    @property
    def signing_secret(self) -> str | None:
        """The HS256 secret in force: configured, or in dev mode the dev secret."""
        return self.jwt_secret or (DEV_JWT_SECRET if self.dev_mode else None)

    @property
    def embedded(self) -> bool:
        """No Neo4j configured: serve the in-memory store with the demo dataset."""
        return not self.neo4j_uri

    @classmethod
    def from_env(cls, env: Mapping[str, str] = os.environ) -> Settings:
        def flag(name: str, default: bool) -> bool:
            value = env.get(name)
            return default if value is None else value.strip().lower() in {"1", "true", "yes", "on"}

        return cls(
            neo4j_uri=env.get("NEO4J_URI") or None,
            neo4j_user=env.get("NEO4J_USER", "neo4j"),
            neo4j_password=env.get("NEO4J_PASSWORD", ""),
            neo4j_database=env.get("NEO4J_DATABASE") or None,
            neo4j_timeout_s=float(env.get("NEO4J_TIMEOUT_S", "10")),
            request_timeout_s=float(env.get("RESEARCHGRAPH_REQUEST_TIMEOUT_S", "30")),
            expose_store_calls=flag("RESEARCHGRAPH_EXPOSE_STORE_CALLS", False),
            plan_reads=flag("RESEARCHGRAPH_PLAN_READS", True),
            migrate_on_start=flag("RESEARCHGRAPH_MIGRATE_ON_START", True),
            graphiql=flag("RESEARCHGRAPH_GRAPHIQL", True),
            log_json=(
                env["RESEARCHGRAPH_LOG_FORMAT"].strip().lower() == "json"
                if env.get("RESEARCHGRAPH_LOG_FORMAT")
                else None
            ),
            tracing=flag("RESEARCHGRAPH_TRACING", False),
            introspection=flag("RESEARCHGRAPH_INTROSPECTION", True),
            field_suggestions=flag("RESEARCHGRAPH_FIELD_SUGGESTIONS", True),
            rate_limit_capacity=(
                int(env["RESEARCHGRAPH_RATE_LIMIT"])
                if env.get("RESEARCHGRAPH_RATE_LIMIT")
                else None
            ),
            rate_limit_restore_per_s=float(
                env.get("RESEARCHGRAPH_RATE_LIMIT_RESTORE_PER_S", DEFAULT_RATE_LIMIT_RESTORE_PER_S)
            ),
            jwt_algorithms=tuple(
                a.strip() for a in env.get("JWT_ALGORITHMS", "HS256").split(",") if a.strip()
            ),
            jwt_secret=env.get("JWT_SECRET") or None,
            jwt_jwks_file=Path(env["JWT_JWKS_FILE"]) if env.get("JWT_JWKS_FILE") else None,
            jwt_jwks_url=env.get("JWT_JWKS_URL") or None,
            jwt_issuer=env.get("JWT_ISSUER", "researchgraph"),
            jwt_audience=env.get("JWT_AUDIENCE", "researchgraph-api"),
            dev=flag("RESEARCHGRAPH_DEV", False),
        )
