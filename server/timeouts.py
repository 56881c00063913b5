"""Bounds a request's time: past it, the client gets 504 and `TIMEOUT`, and the
request's work (its store calls) is cancelled. The store sees the same deadline
(`graphstore.deadline`), so a Neo4j transaction never outlives its request."""

from __future__ import annotations

import asyncio

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from researchgraph.graphstore import deadline
from researchgraph.resolvers.errors import ErrorCode
from researchgraph.server.errors import error_response


class RequestTimeout:
    def __init__(self, app: ASGIApp, seconds: float) -> None:
        self.app = app
        self.seconds = seconds

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracked(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            with deadline.within(self.seconds):
                async with asyncio.timeout(self.seconds):
                    await self.app(scope, receive, tracked)
        except TimeoutError:
            if started:
                raise
            message = f"The request took longer than {self.seconds:g}s and was cancelled."
            await error_response(504, message, ErrorCode.TIMEOUT)(scope, receive, send)
