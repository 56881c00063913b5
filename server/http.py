"""GraphQL over HTTP (the GraphQL-over-HTTP specification) around the GraphQL app:

- the response type is negotiated from `Accept`: `application/graphql-response+json`
  when accepted, else `application/json`; 406 when neither is;
- a POST must be `application/json` (UTF-8), else 415;
- a mutation over GET is refused with 405 (`Allow: POST`), so GET stays cacheable;
- a request error (nothing executed: a parse, validation, variable or cost error) carries
  no `data`; under `application/graphql-response+json` it is answered 400;
- a body or query string over `MAX_BODY_BYTES` is refused with 413 before parsing, and
  every error, even of a malformed request, is a JSON GraphQL error with a code;
- a persisted query's hash is replaced by its document (`server.persisted`), and a GET
  answer says what caches may keep of it (`server.http_cache`)."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qs, urlencode

from graphql import GraphQLError, OperationDefinitionNode, OperationType, parse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from researchgraph.graphstore import causal
from researchgraph.resolvers.errors import ErrorCode
from researchgraph.server import http_cache
from researchgraph.server.errors import error_body, error_response
from researchgraph.server.persisted import PersistedQueries, PersistedQueryRefused

GRAPHQL_RESPONSE = "application/graphql-response+json"
JSON = "application/json"
# A profile page is ~1.5 KB; anything near this is abuse, refused before parsing.
MAX_BODY_BYTES = 64 * 1024
DRAINED_BYTES = 32 * 1024 * 1024  # of a refused body, read and dropped (see _read_body)


def _accepted(accept: str | None) -> str | None:
    """The media type to answer with, or None when the client accepts neither."""
    if not accept:
        return JSON
    types = [part.split(";")[0].strip().lower() for part in accept.split(",")]
    if GRAPHQL_RESPONSE in types:
        return GRAPHQL_RESPONSE
    if any(t in (JSON, "application/*", "*/*") for t in types):
        return JSON
    return None


def _is_get_mutation(query_string: bytes) -> bool:
    params = parse_qs(query_string.decode("latin-1"))
    query = (params.get("query") or [""])[0]
    if "mutation" not in query:
        return False  # the common case, without parsing the document twice
    names = params.get("operationName")
    name = names[0] if names else None
    try:
        document = parse(query)
    except GraphQLError:
        return False  # the GraphQL layer reports the syntax error
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    chosen = [o for o in operations if name is None or (o.name and o.name.value == name)]
    return bool(chosen) and chosen[0].operation is OperationType.MUTATION


async def _read_body(receive: Receive) -> tuple[bytes, bool]:
    """The request body, and whether it was read whole within `MAX_BODY_BYTES`.

    Past the limit, the rest is read and dropped, up to `DRAINED_BYTES`: a client
    that sends its body without waiting for `Expect: 100-continue` (Python's urllib,
    most scripts) would otherwise see its connection reset mid-upload instead of the
    413. A larger body is left unread; the server then closes the connection."""
    chunks: list[bytes] = []
    size = 0
    more = True
    while more:
        message = await receive()
        chunk = message.get("body", b"")
        more = message.get("more_body", False)
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            while more and size <= DRAINED_BYTES:
                message = await receive()
                size += len(message.get("body", b""))
                more = message.get("more_body", False)
            return b"", False
        chunks.append(chunk)
    return b"".join(chunks), True


def _replay(body: bytes, receive: Receive) -> Receive:
    """The body as read (or as rewritten), then the client's own messages: its
    disconnect, which admission control watches for."""
    sent = False

    async def replayed() -> Message:
        nonlocal sent
        if sent:
            return await receive()
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return replayed


def _request_error(body: bytes) -> dict[str, Any] | None:
    """The JSON result, when it reports a request error: no data, no error at a path."""
    if body.startswith(b'{"data":{'):
        return None  # has data: not parsed again (a profile page is tens of kilobytes)
    result: dict[str, Any] = json.loads(body)
    errors = result.get("errors") or []
    if result.get("data") is None and errors and all("path" not in e for e in errors):
        return result
    return None


class GraphQLOverHTTP:
    def __init__(
        self,
        app: ASGIApp,
        page: ASGIApp | None = None,
        persisted: PersistedQueries | None = None,
        cache_max_age_s: int = 0,
    ) -> None:
        """`page`: what a browser gets for `GET` with `Accept: text/html` (GraphiQL);
        `cache_max_age_s`: how long caches may keep an anonymous GET answer."""
        self.app = app
        self.page = page
        self.persisted = persisted or PersistedQueries()
        self.cache_max_age_s = cache_max_age_s

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        method = scope["method"]
        wants_html = method == "GET" and "text/html" in headers.get("accept", "")
        if wants_html and self.page is not None:
            await self.page(scope, receive, send)
            return
        if method not in ("GET", "POST"):
            await self.app(scope, receive, send)  # the app's own 405s
            return
        media = _accepted(headers.get("accept"))
        body, complete = await _read_body(receive) if method == "POST" else (b"", True)
        too_large = not complete or len(scope.get("query_string", b"")) > MAX_BODY_BYTES
        bookmark_refused: str | None = None
        try:
            after = causal.parse(headers.get(causal.HEADER))
        except causal.MalformedBookmark as malformed:
            after, bookmark_refused = frozenset(), str(malformed)
        if too_large:
            response = error_response(
                413, f"Requests are limited to {MAX_BODY_BYTES} bytes.", ErrorCode.REQUEST_TOO_LARGE
            )
        elif media is None:
            response = error_response(
                406, f"Accept {JSON} or {GRAPHQL_RESPONSE}.", ErrorCode.NOT_ACCEPTABLE
            )
        elif bookmark_refused is not None:
            response = error_response(
                400,
                f"Malformed {causal.HEADER} header: {bookmark_refused}.",
                ErrorCode.INVALID_BOOKMARK,
            )
        elif (
            method == "POST"
            and headers.get("content-type", "").split(";")[0].strip().lower() != JSON
        ):
            response = error_response(
                415, f"Send the request as {JSON}.", ErrorCode.UNSUPPORTED_MEDIA_TYPE
            )
        else:
            try:
                body, scope = self._with_document(method, body, scope)
            except PersistedQueryRefused as refused:
                # A request error like any other: 400 under the GraphQL media type.
                status = 400 if media == GRAPHQL_RESPONSE else 200
                response = error_response(
                    status, refused.message, refused.code, {"Cache-Control": "no-store"}
                )
            else:
                if method == "GET" and _is_get_mutation(scope.get("query_string", b"")):
                    response = error_response(
                        405,
                        "Mutations must be sent with POST.",
                        ErrorCode.METHOD_NOT_ALLOWED,
                        {"Allow": "POST"},
                    )
                else:
                    with causal.causal(after):
                        await self._answer(scope, _replay(body, receive), send, media, headers)
                    return
        await response(scope, receive, send)

    def _with_document(self, method: str, body: bytes, scope: Scope) -> tuple[bytes, Scope]:
        """The request with its persisted query's document in place of the hash (and
        checked against the allow-list); raises `PersistedQueryRefused`. A request
        that cannot be read is left for the GraphQL app to refuse."""
        query_string: bytes = scope.get("query_string", b"")
        raw = body if method == "POST" else query_string
        if not self.persisted.only and b"persistedQuery" not in raw:
            return body, scope  # the common case, without decoding the request twice
        try:
            if method == "POST":
                params = json.loads(body)
                if not isinstance(params, dict):
                    return body, scope
                query = params.get("query")
                extensions = params.get("extensions")
            else:
                listed = parse_qs(query_string.decode("latin-1"), keep_blank_values=True)
                query = listed["query"][0] if "query" in listed else None
                extensions = json.loads((listed.get("extensions") or ["null"])[0])
        except ValueError:
            return body, scope
        document = self.persisted.document(query, extensions)
        if document is query:
            return body, scope
        if method == "POST":
            return json.dumps({**params, "query": document}).encode(), scope
        listed["query"] = [str(document)]
        return body, {**scope, "query_string": urlencode(listed, doseq=True).encode()}

    async def _answer(
        self, scope: Scope, receive: Receive, send: Send, media: str, headers: dict[str, str]
    ) -> None:
        start: Message | None = None
        chunks: list[bytes] = []

        async def buffered(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
            else:
                chunks.append(message.get("body", b""))

        await self.app(scope, receive, buffered)
        if start is None:
            return  # the client went away (`server.admission`): nobody to answer
        status, body = start["status"], b"".join(chunks)
        content_type = dict(start.get("headers") or []).get(b"content-type", b"")
        if status == 400 and not content_type.startswith(b"application/json"):
            # A malformed request (not JSON, a batch, a non-string query) or an
            # `operationName` the document lacks: say so in JSON, with a code.
            message = body.decode("utf-8", "replace")[:500]
            code = (
                ErrorCode.OPERATION_RESOLUTION_FAILURE
                if message.startswith("Unknown operation named")
                else ErrorCode.BAD_REQUEST
            )
            body = json.dumps(error_body(message, code)).encode()
            content_type = b"application/json"
        if content_type.startswith(b"application/json") and status in (200, 400, 429):
            failed = _request_error(body)
            if failed is not None:
                failed.pop("data", None)
                if media == GRAPHQL_RESPONSE and status == 200:
                    status = 400
                body = json.dumps(failed).encode()
            content_type = f"{media}; charset=utf-8".encode()
        out_headers = [
            (k, v)
            for k, v in (start.get("headers") or [])
            if k not in (b"content-type", b"content-length")
        ]
        if scope["method"] == "GET":
            status, body, out_headers = self._cached(status, body, out_headers, headers)
        if status != 304:
            out_headers += [
                (b"content-type", content_type),
                (b"content-length", str(len(body)).encode()),
            ]
        await send({"type": "http.response.start", "status": status, "headers": out_headers})
        await send({"type": "http.response.body", "body": body})

    def _cached(
        self,
        status: int,
        body: bytes,
        out_headers: list[tuple[bytes, bytes]],
        headers: dict[str, str],
    ) -> tuple[int, bytes, list[tuple[bytes, bytes]]]:
        """A GET answer with what caches may keep of it: public with its ETag (the
        GraphQL app tags only anonymous answers without errors), else never stored;
        304 without a body when the client already holds the tagged one."""
        tag = dict(out_headers).get(http_cache.ETAG)
        if status != 200 or tag is None or "authorization" in headers:
            kept = [h for h in out_headers if h[0] != http_cache.ETAG]
            return status, body, [*kept, http_cache.NEVER_STORED, http_cache.VARY]
        out_headers = [
            *out_headers,
            http_cache.cache_control(self.cache_max_age_s),
            http_cache.VARY,
        ]
        if http_cache.not_modified(headers.get("if-none-match"), tag):
            return 304, b"", out_headers
        return status, body, out_headers
