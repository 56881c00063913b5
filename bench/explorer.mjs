// Times the explorer in headless Chromium: from navigation to the panel and the slice
// drawn and laid out, for a slice of `limit` nodes. Usage (server running):
//   node bench/explorer.mjs http://127.0.0.1:8000/explore/A9000000001 [limit] [depth] [runs]
// Run it with tests/browser's node_modules (playwright-core): see bench/README.md.
import { launch } from '../tests/browser/chromium.mjs';

const [url, limit = '500', depth = '2', runs = '5'] = process.argv.slice(2);
const browser = await launch();
try {
  const times = [];
  let nodes = 0;
  for (let run = 0; run < Number(runs); run += 1) {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const started = Date.now();
    await page.goto(`${url}?limit=${limit}&depth=${depth}`, { waitUntil: 'load' });
    await page.waitForFunction(() => window.explorer !== undefined);
    await page.evaluate(() => window.explorer.ready);
    times.push(Date.now() - started);
    nodes = await page.evaluate(() => window.explorer.graph.order);
    await page.close();
  }
  times.sort((a, b) => a - b);
  console.log(JSON.stringify({ url, limit: Number(limit), depth: Number(depth), nodes, ms: times,
    medianMs: times[Math.floor(times.length / 2)] }));
} finally {
  await browser.close();
}
