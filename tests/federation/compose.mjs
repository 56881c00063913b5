// Composes the SDL file given (our subgraph) with the "reviews" subgraph (reviews.mjs),
// which extends Researcher and Work by key and defines its own PageInfo; prints one
// JSON line: ok, or the errors.
import { readFileSync } from 'node:fs';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { reviewsSdl } from './reviews.mjs';

const ours = readFileSync(process.argv[2], 'utf8');
const result = composeServices([
  { name: 'researchgraph', typeDefs: parse(ours), url: 'http://researchgraph' },
  { name: 'reviews', typeDefs: reviewsSdl, url: 'http://reviews' },
]);
if (result.errors) {
  console.log(JSON.stringify({ ok: false, errors: result.errors.map((e) => e.message) }));
} else {
  console.log(JSON.stringify({ ok: true, supergraphBytes: result.supergraphSdl.length, hints: result.hints.length }));
}
