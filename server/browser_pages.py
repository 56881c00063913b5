"""The browser pages, served from the app's own files so they work air-gapped:
GraphiQL for analysts (at `GET /graphql` when a browser asks for HTML) and the graph
explorer (at `/explore/{id}`), each with its scripts under its own path.
`scripts/build-ui` builds them from pinned npm packages (bootstrap runs it)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, Response
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

STATIC = Path(__file__).resolve().parent / "static"

_NOT_BUILT = """<!doctype html><meta charset="utf-8"><title>{title} not built</title>
<p>{title} is not built in this installation. Run <code>scripts/build-ui</code>
(Node.js and npm), or query <code>POST /graphql</code> directly.</p>"""


@dataclass(frozen=True)
class BuiltPage:
    name: str  # its folder under static/ and the path its assets are served under
    title: str

    @property
    def folder(self) -> Path:
        return STATIC / self.name

    async def page(self, request: Request) -> Response:
        index = self.folder / "index.html"
        if not index.is_file():
            return HTMLResponse(_NOT_BUILT.format(title=self.title), status_code=503)
        # The page is small and names hashed assets; revalidate it, cache them.
        return FileResponse(index, headers={"cache-control": "no-cache"})

    def assets(self) -> Mount:
        return Mount(
            f"/{self.name}",
            app=StaticFiles(directory=self.folder, check_dir=False),
            name=self.name,
        )


GRAPHIQL = BuiltPage("graphiql", "GraphiQL")
EXPLORER = BuiltPage("explorer", "The explorer")
