"""GraphiQL for analysts, served from the app's own files so it works air-gapped: the
page at `GET /graphql` (when a browser asks for HTML), its scripts under `/graphiql/`.
`scripts/build-graphiql` builds them from pinned npm packages (bootstrap runs it)."""

from __future__ import annotations

from pathlib import Path

from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, Response
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

BUNDLE = Path(__file__).resolve().parent / "static" / "graphiql"
ASSETS_PATH = "/graphiql"

_NOT_BUILT = """<!doctype html><meta charset="utf-8"><title>GraphiQL not built</title>
<p>GraphiQL is not built in this installation. Run <code>scripts/build-graphiql</code>
(Node.js and npm), or query <code>POST /graphql</code> directly.</p>"""


async def page(request: Request) -> Response:
    index = BUNDLE / "index.html"
    if not index.is_file():
        return HTMLResponse(_NOT_BUILT, status_code=503)
    # The page is small and names hashed assets; revalidate it, cache them.
    return FileResponse(index, headers={"cache-control": "no-cache"})


def assets() -> Mount:
    return Mount(ASSETS_PATH, app=StaticFiles(directory=BUNDLE, check_dir=False), name="graphiql")
