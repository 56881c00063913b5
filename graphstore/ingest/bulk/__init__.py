"""Bulk loading of an empty Neo4j database with Neo4j's offline importer
(`neo4j-admin database import full`): OpenAlex files become the importer's CSV files
(`convert`), holding the graph the transactional importer would build, derived data
included, and `offline` runs the importer and the migrations."""
