// Opens GraphiQL in headless Chromium, runs a query through its editor and prints
// what the page shows as JSON: the response text, and any request that left the
// server's origin. Usage: node graphiql.mjs URL QUERY EXPECTED SCREENSHOT
import { chromium } from 'playwright-core';

const [url, query, expected, screenshot] = process.argv.slice(2);
const origin = new URL(url).origin;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
  ],
});
const outside = [];
const consoleErrors = [];
const failures = [];
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.on('request', (request) => {
    const { protocol } = new URL(request.url());
    if (['http:', 'https:', 'ws:', 'wss:'].includes(protocol) && !request.url().startsWith(origin)) {
      outside.push(request.url());
    }
  });
  page.on('response', (response) => {
    if (response.status() >= 400) {
      failures.push(`${response.status()} ${response.url()} ${response.request().postData()?.slice(0, 300)}`);
    }
  });
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  await page.goto(url, { waitUntil: 'load' });
  const editor = page.locator('.graphiql-query-editor .monaco-editor').first();
  await editor.waitFor({ timeout: 60_000 });
  await editor.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(query); // no key events: Monaco's bracket closing stays out
  // GraphiQL reads the operation from the editor after a short debounce.
  await page.waitForTimeout(1000);
  await page.locator('.graphiql-execute-button').click();
  try {
    await page.waitForFunction(
      // Monaco renders spaces as no-break spaces.
      (text) =>
        document.querySelector('.graphiql-response')?.innerText.replaceAll('\u00a0', ' ').includes(text),
      expected,
      { timeout: 30_000 },
    );
  } catch (error) {
    await page.screenshot({ path: screenshot, fullPage: true });
    console.error(JSON.stringify({ outside, consoleErrors, failures }));
    throw error;
  }
  const response = (await page.locator('.graphiql-response').innerText()).replaceAll('\u00a0', ' ');
  const sidebar = await page
    .locator('.graphiql-sidebar button')
    .evaluateAll((buttons) => buttons.map((b) => b.getAttribute('aria-label')));
  await page.screenshot({ path: screenshot, fullPage: true });
  console.log(JSON.stringify({ response, outside, consoleErrors, failures, sidebar }));
} finally {
  await browser.close();
}
