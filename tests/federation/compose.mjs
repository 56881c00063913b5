// Composes the SDL file given (our subgraph) with a small "reviews" subgraph that
// extends Researcher and Work by key; prints one JSON line: ok, or the errors.
import { readFileSync } from 'node:fs';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';

const ours = readFileSync(process.argv[2], 'utf8');
const reviews = `
extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@external"])
type Review { id: ID! body: String! about: Work! author: Researcher! }
type Work @key(fields: "id") { id: ID! reviews: [Review!]! }
type Researcher @key(fields: "id") { id: ID! reviewCount: Int! }
type Query { latestReviews: [Review!]! }
`;
const result = composeServices([
  { name: 'researchgraph', typeDefs: parse(ours), url: 'http://researchgraph' },
  { name: 'reviews', typeDefs: parse(reviews), url: 'http://reviews' },
]);
if (result.errors) {
  console.log(JSON.stringify({ ok: false, errors: result.errors.map((e) => e.message) }));
} else {
  console.log(JSON.stringify({ ok: true, supergraphBytes: result.supergraphSdl.length, hints: result.hints.length }));
}
