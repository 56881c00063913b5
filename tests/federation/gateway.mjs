// Runs one query through Apollo Gateway over two subgraphs: ours, live over HTTP at
// the URL given, and a small in-process "reviews" subgraph whose reviews point at our
// Researcher and Work by key, so the gateway must resolve them through our `_entities`.
// Prints the result as one JSON line. Usage: node gateway.mjs URL
import { ApolloGateway, LocalGraphQLDataSource, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { composeServices } from '@apollo/composition';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';

const url = process.argv[2];
const sdl = await (
  await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ _service { sdl } }' }),
  })
).json();

const reviewsSdl = parse(`
extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
type Review { id: ID! body: String! about: Work! author: Researcher! }
type Work @key(fields: "id") { id: ID! reviews: [Review!]! }
type Researcher @key(fields: "id") { id: ID! reviewCount: Int! }
type Query { latestReviews: [Review!]! }
`);
const reviews = [{ id: 'R1', body: 'Careful and clear.', about: { id: 'W1' }, author: { id: 'A1' } }];
const reviewsSchema = buildSubgraphSchema({
  typeDefs: reviewsSdl,
  resolvers: {
    Query: { latestReviews: () => reviews },
    Work: { reviews: (work) => reviews.filter((r) => r.about.id === work.id) },
    Researcher: { reviewCount: (researcher) => reviews.filter((r) => r.author.id === researcher.id).length },
  },
});

const composed = composeServices([
  { name: 'researchgraph', typeDefs: parse(sdl.data._service.sdl), url },
  { name: 'reviews', typeDefs: reviewsSdl, url: 'local://reviews' },
]);
if (composed.errors) {
  console.log(JSON.stringify({ errors: composed.errors.map((e) => e.message) }));
  process.exit(1);
}

const gateway = new ApolloGateway({
  supergraphSdl: composed.supergraphSdl,
  buildService: ({ name, url: serviceUrl }) =>
    name === 'reviews'
      ? new LocalGraphQLDataSource(reviewsSchema)
      : new RemoteGraphQLDataSource({ url: serviceUrl }),
});
const server = new ApolloServer({ gateway });
await server.start();
const response = await server.executeOperation({
  query: `{
    latestReviews {
      body
      author { name reviewCount works(first: 2) { totalCount } }
      about { title year reviews { body } }
    }
  }`,
});
await server.stop();
console.log(JSON.stringify(response.body.singleResult));
