# GraphiQL is built from its pinned npm packages in a Node stage, so the image serves
# it without internet.
FROM node:20-slim AS graphiql
WORKDIR /build/ui/graphiql
COPY ui/graphiql/ ./
RUN npm ci --no-audit --no-fund && npx vite build --logLevel warn

FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY graphstore graphstore
COPY loaders loaders
COPY resolvers resolvers
COPY schema schema
COPY server server
COPY --from=graphiql /build/server/static/graphiql server/static/graphiql
RUN pip install --no-cache-dir . && useradd --system app
USER app
EXPOSE 8000
CMD ["researchgraph", "serve", "--host", "0.0.0.0", "--port", "8000"]
