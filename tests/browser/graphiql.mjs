// Opens GraphiQL in headless Chromium, runs a query through its editor and prints
// what the page shows as JSON: the response text, and any request that left the
// server's origin. Usage: node graphiql.mjs URL QUERY EXPECTED SCREENSHOT
import { launch, watch } from './chromium.mjs';

const [url, query, expected, screenshot] = process.argv.slice(2);
const browser = await launch();
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const seen = watch(page, new URL(url).origin);
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
    console.error(JSON.stringify(seen));
    throw error;
  }
  const response = (await page.locator('.graphiql-response').innerText()).replaceAll('\u00a0', ' ');
  const sidebar = await page
    .locator('.graphiql-sidebar button')
    .evaluateAll((buttons) => buttons.map((b) => b.getAttribute('aria-label')));
  await page.screenshot({ path: screenshot, fullPage: true });
  console.log(JSON.stringify({ response, ...seen, sidebar }));
} finally {
  await browser.close();
}
