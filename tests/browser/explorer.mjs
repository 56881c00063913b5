// Opens the explorer in headless Chromium and prints what it shows as JSON: the
// panel's name, counts and trust, the graph's node count, the count after a
// double-click expands a node, the works still shown once the Works filter is off,
// requests that left the server's origin, and console errors.
// Usage: node explorer.mjs URL SCREENSHOT
import { launch, watch } from './chromium.mjs';

const [url, screenshot] = process.argv.slice(2);
const browser = await launch();
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const seen = watch(page, new URL(url).origin);
  const started = Date.now();
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForFunction(() => window.explorer !== undefined, null, { timeout: 30_000 });
  await page.evaluate(() => window.explorer.ready);
  const loadedMs = Date.now() - started;
  const panel = await page.evaluate(() => ({
    name: document.getElementById('name')?.innerText,
    trust: document.getElementById('trust')?.innerText,
    counts: document.getElementById('counts')?.innerText,
    text: document.getElementById('panel').innerText,
  }));
  const nodes = await page.evaluate(() => window.explorer.graph.order);

  // A double-click on the closest collaborator expands their slice into the view.
  const target = await page.evaluate(() => {
    const { graph, renderer } = window.explorer;
    const box = document.getElementById('graph').getBoundingClientRect();
    const center = decodeURIComponent(location.pathname.split('/').pop());
    const [id] = graph
      .filterNodes((node, data) => data.kind === 'RESEARCHER' && node !== center)
      .sort((a, b) => graph.getNodeAttribute(b, 'weight') - graph.getNodeAttribute(a, 'weight'));
    const at = renderer.framedGraphToViewport(renderer.getNodeDisplayData(id));
    return { id, x: box.left + at.x, y: box.top + at.y };
  });
  await page.mouse.dblclick(target.x, target.y);
  await page.waitForFunction(
    (before) => window.explorer.graph.order > before, nodes, { timeout: 30_000 },
  );
  await page.waitForFunction(() => document.getElementById('loading').hidden);
  const expanded = await page.evaluate(() => window.explorer.graph.order);
  const card = await page.evaluate(() => document.getElementById('card').innerText);

  // The Works filter hides every work but the center.
  await page.locator('#filters input[value="WORK"]').uncheck();
  const worksShown = await page.evaluate(() => window.explorer.shown('WORK'));
  await page.locator('#filters input[value="WORK"]').check();
  await page.screenshot({ path: screenshot, fullPage: true });
  console.log(JSON.stringify({
    ...panel, nodes, expanded, expandedId: target.id, card, worksShown, loadedMs, ...seen,
  }));
} finally {
  await browser.close();
}
