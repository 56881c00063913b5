// Audits a GraphQL-over-HTTP server with graphql-http's reference suite and prints one
// JSON line: the count of results by requirement level and status, and the failures.
import { auditServer } from 'graphql-http';

const results = await auditServer({ url: process.argv[2] });
const counts = {};
const failures = [];
for (const result of results) {
  const level = result.name.split(' ')[0];
  counts[`${level} ${result.status}`] = (counts[`${level} ${result.status}`] || 0) + 1;
  if (result.status !== 'ok') failures.push({ level, status: result.status, name: result.name });
}
console.log(JSON.stringify({ counts, failures }));
