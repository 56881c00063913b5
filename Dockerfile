FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY graphstore graphstore
COPY loaders loaders
COPY resolvers resolvers
COPY schema schema
COPY server server
RUN pip install --no-cache-dir . && useradd --system app
USER app
EXPOSE 8000
CMD ["researchgraph", "serve", "--host", "0.0.0.0", "--port", "8000"]
