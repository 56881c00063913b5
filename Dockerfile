# GraphiQL and the explorer are built from their pinned npm packages in a Node stage,
# so the image serves them without internet.
FROM node:20-slim AS pages
WORKDIR /build
COPY scripts/build-ui scripts/build-ui
COPY ui/graphiql/package.json ui/graphiql/package-lock.json ui/graphiql/*.html ui/graphiql/*.js ui/graphiql/
COPY ui/explorer/package.json ui/explorer/package-lock.json ui/explorer/*.html ui/explorer/*.js ui/explorer/*.css ui/explorer/
RUN bash scripts/build-ui

FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY graphstore graphstore
COPY loaders loaders
COPY resolvers resolvers
COPY schema schema
COPY server server
COPY --from=pages /build/server/static server/static
RUN pip install --no-cache-dir . && useradd --system app
USER app
EXPOSE 8000
CMD ["researchgraph", "serve", "--host", "0.0.0.0", "--port", "8000"]
