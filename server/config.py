"""Settings, read once from the environment at start-up and passed down frozen."""

from __future__ import annotations

import math
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from researchgraph.server import admission

# Known to everyone, hence only ever accepted in dev mode.
DEV_JWT_SECRET = "researchgraph-dev-secret-not-for-production"

# Five times the largest query (`MAX_COST`). The demo's fullest profile page (with its
# graph slice) is estimated at ~3,300 points and really costs ~1,000: a client may
# burst ~30 such pages, then sustain ~5 a second.
DEFAULT_RATE_LIMIT_CAPACITY = 100_000
DEFAULT_RATE_LIMIT_RESTORE_PER_S = 5_000.0
# A profile changes when its records are imported or followed: a minute of staleness
# for anonymous readers, in exchange for answers a CDN can serve.
DEFAULT_CACHE_MAX_AGE_S = 60

N = TypeVar("N", int, float)

# Flag words, as they read.
_FLAGS = {
    **dict.fromkeys(("1", "true", "yes", "on"), True),
    **dict.fromkeys(("0", "false", "no", "off"), False),
}


class ConfigError(ValueError):
    """A variable set to what cannot be used: start-up refuses it rather than guess."""


class _Env:
    """Typed reads of the environment: None when a variable is unset or blank;
    otherwise it must parse, and be in range."""

    def __init__(self, env: Mapping[str, str]) -> None:
        self.env = env

    def text(self, name: str) -> str | None:
        value = self.env.get(name, "").strip()
        return value or None

    def flag(self, name: str) -> bool | None:
        return self.choice(name, _FLAGS, "1/true/yes/on or 0/false/no/off")

    def choice(
        self, name: str, choices: Mapping[str, bool], words: str | None = None
    ) -> bool | None:
        """What `choices` maps the value to; `words` says them in an error."""
        value = self.text(name)
        if value is None:
            return None
        if value.lower() in choices:
            return choices[value.lower()]
        raise ConfigError(f"{name}={value!r}: say {words or 'one of ' + ', '.join(choices)}.")

    def number(self, name: str, kind: type[N], least: N, above: bool = False) -> N | None:
        """At least `least` (above it, with `above`), and finite."""
        value = self.text(name)
        if value is None:
            return None
        try:
            parsed = kind(value)
        except ValueError:
            whole = "a whole number" if kind is int else "a number"
            raise ConfigError(f"{name}={value!r}: not {whole}.") from None
        if not math.isfinite(parsed) or parsed < least or (above and parsed == least):
            bound = f"above {least:g}" if above else f"at least {least:g}"
            raise ConfigError(f"{name}={value!r}: must be {bound}.")
        return parsed


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
    # Admission control (`server.admission`): GraphQL requests running at once (0: no
    # limit), waiting beyond them, and the longest wait before a 503.
    max_running: int = admission.DEFAULT_LIMIT
    max_waiting: int = admission.DEFAULT_QUEUED
    max_wait_s: float = admission.DEFAULT_WAIT_S
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
    # Persisted queries: documents loaded at start (`*.graphql` under this directory)
    # and, with `persisted_only`, the only documents that run.
    persisted_queries_dir: Path | None = None
    persisted_only: bool = False
    # How long HTTP caches may keep an anonymous GET answer (0: revalidate each time).
    cache_max_age_s: int = DEFAULT_CACHE_MAX_AGE_S
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
        """What the environment sets, over the defaults above. Raises `ConfigError`,
        naming the variable, for a value it cannot use."""
        read = _Env(env)
        algorithms = read.text("JWT_ALGORITHMS")
        jwks_file = read.text("JWT_JWKS_FILE")
        persisted_dir = read.text("RESEARCHGRAPH_PERSISTED_QUERIES_DIR")
        given: dict[str, Any] = {
            "neo4j_uri": read.text("NEO4J_URI"),
            "neo4j_user": read.text("NEO4J_USER"),
            "neo4j_password": env.get("NEO4J_PASSWORD"),  # as given: spaces may be meant
            "neo4j_database": read.text("NEO4J_DATABASE"),
            "neo4j_timeout_s": read.number("NEO4J_TIMEOUT_S", float, 0.0, above=True),
            "request_timeout_s": read.number(
                "RESEARCHGRAPH_REQUEST_TIMEOUT_S", float, 0.0, above=True
            ),
            "expose_store_calls": read.flag("RESEARCHGRAPH_EXPOSE_STORE_CALLS"),
            "plan_reads": read.flag("RESEARCHGRAPH_PLAN_READS"),
            "migrate_on_start": read.flag("RESEARCHGRAPH_MIGRATE_ON_START"),
            "graphiql": read.flag("RESEARCHGRAPH_GRAPHIQL"),
            "log_json": read.choice("RESEARCHGRAPH_LOG_FORMAT", {"json": True, "text": False}),
            "tracing": read.flag("RESEARCHGRAPH_TRACING"),
            "introspection": read.flag("RESEARCHGRAPH_INTROSPECTION"),
            "field_suggestions": read.flag("RESEARCHGRAPH_FIELD_SUGGESTIONS"),
            "rate_limit_capacity": read.number("RESEARCHGRAPH_RATE_LIMIT", int, 0),
            "rate_limit_restore_per_s": read.number(
                "RESEARCHGRAPH_RATE_LIMIT_RESTORE_PER_S", float, 0.0, above=True
            ),
            "jwt_algorithms": tuple(a.strip() for a in algorithms.split(",") if a.strip())
            if algorithms
            else None,
            "jwt_secret": read.text("JWT_SECRET"),
            "jwt_jwks_file": Path(jwks_file) if jwks_file else None,
            "jwt_jwks_url": read.text("JWT_JWKS_URL"),
            "jwt_issuer": read.text("JWT_ISSUER"),
            "jwt_audience": read.text("JWT_AUDIENCE"),
            "dev": read.flag("RESEARCHGRAPH_DEV"),
            "persisted_queries_dir": Path(persisted_dir) if persisted_dir else None,
            "persisted_only": read.flag("RESEARCHGRAPH_PERSISTED_ONLY"),
            "cache_max_age_s": read.number("RESEARCHGRAPH_CACHE_MAX_AGE_S", int, 0),
            "max_running": read.number("RESEARCHGRAPH_MAX_RUNNING", int, 0),
            "max_waiting": read.number("RESEARCHGRAPH_MAX_WAITING", int, 0),
            "max_wait_s": read.number("RESEARCHGRAPH_MAX_WAIT_S", float, 0.0),
        }
        if given["persisted_only"] and not persisted_dir:
            raise ConfigError(
                "RESEARCHGRAPH_PERSISTED_ONLY=1 needs RESEARCHGRAPH_PERSISTED_QUERIES_DIR "
                "(the documents it allows)."
            )
        return cls(**{name: value for name, value in given.items() if value is not None})
