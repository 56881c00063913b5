"""One structured log line per GraphQL request (request id, operation, outcome,
duration, store round trips, cost, error codes) and the count of errors by code,
taken once every error has its code."""

from __future__ import annotations

import logging

from prometheus_client import Counter
from strawberry.types import ExecutionResult

from researchgraph.resolvers.context import Context

log = logging.getLogger("researchgraph.requests")

ERRORS = Counter("researchgraph_errors_total", "Errors returned, by extensions.code.", ["code"])


def record(context: Context, result: ExecutionResult, seconds: float) -> None:
    codes = [str((error.extensions or {}).get("code")) for error in result.errors or ()]
    for code in codes:
        ERRORS.labels(code).inc()
    cost = (result.extensions or {}).get("cost") or {}
    log.info(
        "graphql %s %s in %.1f ms",
        context.operation,
        "error" if codes else "ok",
        seconds * 1000,
        extra={
            "request_id": context.request_id,
            "operation": context.operation,
            "outcome": "error" if codes else "ok",
            "duration_ms": round(seconds * 1000, 2),
            "store_calls": context.store.total,
            "cost_estimated": cost.get("estimated"),
            "cost_actual": cost.get("actual"),
            "client": context.client,
            "error_codes": codes,
        },
    )
