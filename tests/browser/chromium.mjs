// Debian's headless Chromium (never a downloaded browser) and what a page does in it
// that a test should see: requests that leave the server's origin, failed responses,
// console errors and uncaught exceptions.
import { chromium } from 'playwright-core';

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
}

export function watch(page, origin) {
  const seen = { outside: [], failures: [], consoleErrors: [] };
  page.on('request', (request) => {
    const { protocol } = new URL(request.url());
    if (['http:', 'https:', 'ws:', 'wss:'].includes(protocol) && !request.url().startsWith(origin)) {
      seen.outside.push(request.url());
    }
  });
  page.on('response', (response) => {
    if (response.status() >= 400) {
      seen.failures.push(
        `${response.status()} ${response.url()} ${response.request().postData()?.slice(0, 300)}`,
      );
    }
  });
  page.on('console', (message) => {
    if (message.type() === 'error') seen.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => seen.consoleErrors.push(String(error)));
  return seen;
}
