// A small "reviews" subgraph for the federation tests: reviews point at our Researcher
// and Work by key, Work gains `reviews`, and it pages its own reviews with a PageInfo
// of its own, which composes only because both subgraphs mark PageInfo @shareable.
import { parse } from 'graphql';

export const reviewsSdl = parse(`
extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable"])
type Review { id: ID! body: String! about: Work! author: Researcher! }
type Work @key(fields: "id") { id: ID! reviews: [Review!]! }
type Researcher @key(fields: "id") { id: ID! reviewCount: Int! }
type PageInfo @shareable {
  hasNextPage: Boolean!
  hasPreviousPage: Boolean!
  startCursor: String
  endCursor: String
}
type ReviewEdge { cursor: String! node: Review! }
type ReviewConnection { edges: [ReviewEdge!]! pageInfo: PageInfo! }
type Query { latestReviews: [Review!]! reviewsPage(first: Int! = 10): ReviewConnection! }
`);

const reviews = [{ id: 'R1', body: 'Careful and clear.', about: { id: 'W1' }, author: { id: 'A1' } }];

export const reviewsResolvers = {
  Query: {
    latestReviews: () => reviews,
    reviewsPage: (_, { first }) => ({
      edges: reviews.slice(0, first).map((r) => ({ cursor: r.id, node: r })),
      pageInfo: {
        hasNextPage: reviews.length > first,
        hasPreviousPage: false,
        startCursor: reviews[0]?.id ?? null,
        endCursor: reviews.slice(0, first).at(-1)?.id ?? null,
      },
    }),
  },
  Work: { reviews: (work) => reviews.filter((r) => r.about.id === work.id) },
  Researcher: { reviewCount: (researcher) => reviews.filter((r) => r.author.id === researcher.id).length },
};
