"""The floor: the profile data fetched by one hand-written Cypher query through the
driver and serialized with orjson in a bare Starlette handler. No GraphQL, no
loaders: what the server costs is measured against this.

Serves POST /profile {"id": "A…"}; run by bench/run.py as
`python bench/floor.py PORT` with NEO4J_URI/NEO4J_USER/NEO4J_PASSWORD set."""

from __future__ import annotations

import os
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import neo4j
import orjson
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

# Header, counts, 20 newest works (venue, authors, topics), top topics and close
# collaborators: the PROFILE_CORE document of bench/run.py, in one query.
PROFILE = """
MATCH (r:Researcher {id: $id})
CALL (r) {
  OPTIONAL MATCH (r)-[:AUTHORED]->(w:Work)
  RETURN count(w) AS works, coalesce(sum(w.citationCount), 0) AS citations
}
CALL (r) {
  OPTIONAL MATCH (r)-[a:AFFILIATED_WITH]->(i:Institution)
  WITH a, i ORDER BY a.current DESC, i.id
  RETURN collect(CASE WHEN i IS NULL THEN null ELSE
    {institution: {id: i.id, name: i.name}, years: a.years, current: a.current} END) AS affiliations
}
CALL (r) {
  OPTIONAL MATCH (r)-[:AUTHORED]->(w:Work)
  WITH w ORDER BY coalesce(w.year, 0) DESC, w.id LIMIT 20
  RETURN collect(w {.id, .title, .abstract, .year, .type, .codeUrl, .citationCount,
    venue: head([(w)-[:PUBLISHED_IN]->(s:Source) | s {.id, .name}]),
    authors: [(a:Researcher)-[x:AUTHORED]->(w) | {position: x.position, researcher: a {.id, .name}}],
    topics: [(w)-[t:ABOUT]->(tp:Topic) | {score: t.score, topic: tp {.id, .name}}]}) AS page
}
CALL (r) {
  OPTIONAL MATCH (r)-[:AUTHORED]->(:Work)-[:ABOUT]->(t:Topic)
  WITH t, count(*) AS n WHERE t IS NOT NULL
  ORDER BY n DESC, t.id LIMIT 10
  RETURN collect({topic: t {.id, .name}, works: n}) AS topics
}
CALL (r) {
  OPTIONAL MATCH (r)-[:AUTHORED]->(w:Work)<-[:AUTHORED]-(c:Researcher)
  WHERE c <> r
  WITH c, count(w) AS shared, min(w.year) AS first, max(w.year) AS last
  WHERE shared >= 2
  ORDER BY shared DESC, coalesce(last, -1) DESC, c.id LIMIT 10
  RETURN collect({researcher: c {.id, .name}, sharedWorks: shared, firstYear: first,
                  lastYear: last}) AS close
}
RETURN r {.id, .name, .orcid, .summary, .openToCollaborate} AS researcher, works, citations,
       affiliations, page, topics, close
"""


def create_app(driver: neo4j.AsyncDriver) -> Starlette:
    async def profile(request: Request) -> Response:
        body = orjson.loads(await request.body())
        result = await driver.execute_query(
            PROFILE, {"id": body["id"]}, routing_=neo4j.RoutingControl.READ
        )
        data = result.records[0].data() if result.records else None
        return Response(orjson.dumps({"data": data}), media_type="application/json")

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        await driver.close()

    async def health(request: Request) -> Response:
        return Response(b"ok")

    return Starlette(
        routes=[Route("/profile", profile, methods=["POST"]), Route("/health", health)],
        lifespan=lifespan,
    )


if __name__ == "__main__":
    driver = neo4j.AsyncGraphDatabase.driver(
        os.environ["NEO4J_URI"], auth=(os.environ["NEO4J_USER"], os.environ["NEO4J_PASSWORD"])
    )
    uvicorn.run(create_app(driver), host="127.0.0.1", port=int(sys.argv[1]), log_level="warning")
