// Runs one query through Apollo Gateway over two subgraphs: ours, live over HTTP at
// the URL given, and the in-process "reviews" subgraph (reviews.mjs) whose reviews
// point at our Researcher and Work by key, so the gateway must resolve them through
// our `_entities`, and which pages its reviews with a PageInfo of its own.
// Prints the result as one JSON line. Usage: node gateway.mjs URL
import { ApolloGateway, LocalGraphQLDataSource, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { composeServices } from '@apollo/composition';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { reviewsResolvers, reviewsSdl } from './reviews.mjs';

const url = process.argv[2];
const sdl = await (
  await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ _service { sdl } }' }),
  })
).json();

const reviewsSchema = buildSubgraphSchema({ typeDefs: reviewsSdl, resolvers: reviewsResolvers });

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
      author { name reviewCount works(first: 2) { totalCount pageInfo { hasNextPage } } }
      about { title year reviews { body } }
    }
    reviewsPage(first: 1) { pageInfo { hasNextPage endCursor } edges { node { about { title } } } }
    researcher(id: "A1") {
      works(first: 1) { pageInfo { hasNextPage } edges { node { id reviews { body } } } }
    }
  }`,
});
await server.stop();
console.log(JSON.stringify(response.body.singleResult));
