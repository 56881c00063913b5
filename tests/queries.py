"""GraphQL documents the tests send, as clients send them."""

PROFILE = """
query Profile($id: ID!) {
  researcher(id: $id) {
    id name orcid summary openToCollaborate claimed
    affiliation { id name }
    affiliations { institution { id name } years }
    trust { score band verificationLevel claimed signals { name value weight contribution } }
    counts { works followers topics closeCollaborators citations }
    works(first: 20) {
      totalCount pageInfo { hasNextPage endCursor }
      edges { cursor node { id title abstract year type codeUrl citationCount
        venue { id name } authors { position researcher { id name } institutions { id name } }
        topics { topic { id name } score } } }
    }
    topics(first: 10) { topic { id name } works share }
    closeCollaborators(first: 10) { researcher { id name } sharedWorks firstYear lastYear }
    graph(depth: 1, limit: 100) { center truncated nodes { id kind label weight } edges { source target kind weight } }
  }
}
"""

WORKS_PAGE = """
query Works($id: ID!, $first: Int!, $after: String) {
  researcher(id: $id) {
    counts { works }
    works(first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      edges { cursor node { id year } }
    }
  }
}
"""

# What `bench/` calls the core profile: the page without its graph slice.
CORE_PROFILE = """
query Core($id: ID!) { researcher(id: $id) {
  id name orcid summary openToCollaborate
  affiliations { institution { id name } years }
  counts { works citations }
  works(first: 20) { edges { node { id title abstract year type codeUrl citationCount
    venue { id name } authors { position researcher { id name } } topics { topic { id name } score } } } }
  topics(first: 10) { topic { id name } works }
  closeCollaborators(first: 10) { researcher { id name } sharedWorks firstYear lastYear }
} }
"""

# An analyst's walk: researcher -> 10 newest works -> their authors -> each author's
# 10 newest works.
WALK = """
query Walk($id: ID!) { researcher(id: $id) { id name
  works(first: 10) { edges { node { id title year
    authors { position researcher { id name
      works(first: 10) { edges { node { id title year } } } } } } } } } }
"""
