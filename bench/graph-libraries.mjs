// Cytoscape.js against Sigma.js + Graphology on one graph slice: each page draws the
// same nodes at the same positions (rings), labels and edge labels on; reported is the
// time from navigation to the first frame after the library's first render
// (performance.now()), interleaved runs, medians. Usage:
//   API=http://127.0.0.1:8000 PAGES=http://127.0.0.1:8001 \
//     node bench/graph-libraries.mjs A9000000001 500 2 7
// where PAGES serves bench/graph-libraries/dist (built with `npx vite build` there).
import { launch } from '../tests/browser/chromium.mjs';

const [center = 'A9000000001', limit = '500', depth = '2', runs = '7'] = process.argv.slice(2);
const query = `query($id: ID!, $depth: Int!, $limit: Int!) {
  graphSlice(center: $id, depth: $depth, limit: $limit) { center nodes { id kind label weight }
    edges { source target kind weight } } }`;
const answer = await fetch(`${process.env.API}/graphql`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ query, variables: { id: center, depth: Number(depth), limit: Number(limit) } }),
});
const slice = (await answer.json()).data.graphSlice;
const browser = await launch();
const times = { cytoscape: [], sigma: [] };
try {
  for (let run = 0; run < Number(runs); run += 1) {
    for (const library of Object.keys(times)) {
      const page = await browser.newPage({ viewport: { width: 1000, height: 860 } });
      await page.addInitScript((data) => { window.SLICE = data; }, slice);
      await page.goto(`${process.env.PAGES}/${library}.html`, { waitUntil: 'load' });
      await page.waitForFunction(() => window.drawnAt !== undefined, null, { timeout: 60_000 });
      times[library].push(Math.round(await page.evaluate(() => window.drawnAt)));
      await page.close();
    }
  }
} finally {
  await browser.close();
}
const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
console.log(JSON.stringify({
  center, nodes: slice.nodes.length, edges: slice.edges.length,
  cytoscape: { ms: times.cytoscape, medianMs: median(times.cytoscape) },
  sigma: { ms: times.sigma, medianMs: median(times.sigma) },
}));
