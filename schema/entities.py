"""Turns any entity record into its GraphQL type (for `node` and search hits)."""

from researchgraph.graphstore.records import (
    InstitutionRecord,
    ResearcherRecord,
    SourceRecord,
    TopicRecord,
    WorkRecord,
)
from researchgraph.resolvers.nodes import AnyRecord
from researchgraph.schema.catalog import Institution, Topic
from researchgraph.schema.nodes import Node
from researchgraph.schema.researchers import Researcher
from researchgraph.schema.works import Source, Work


def node_from_record(record: AnyRecord) -> Node:
    match record:
        case ResearcherRecord():
            return Researcher.from_record(record)
        case WorkRecord():
            return Work.from_record(record)
        case TopicRecord():
            return Topic.from_record(record)
        case InstitutionRecord():
            return Institution.from_record(record)
        case SourceRecord():
            return Source.from_record(record)
