"""What the HTTP layer answers itself, before or around GraphQL (a refused request, a
timeout, bad credentials), in the shape of a GraphQL response's errors."""

from __future__ import annotations

from typing import Any

from starlette.responses import JSONResponse

from researchgraph.resolvers.errors import ErrorCode


def error_body(message: str, code: ErrorCode) -> dict[str, Any]:
    return {"errors": [{"message": message, "extensions": {"code": code}}]}


def error_response(
    status: int, message: str, code: ErrorCode, headers: dict[str, str] | None = None
) -> JSONResponse:
    return JSONResponse(error_body(message, code), status_code=status, headers=headers)
