// Runs one browser scenario against the admin panel: `node run.mjs <scenario>` with the scenario's input as JSON on
// stdin. Prints `RESULT <json>` and exits 0, or prints the failure (and saves a screenshot of it) and exits 1.
// Started by the xunit tests in tests/TrustyTrade.IntegrationTests/AdminWeb, which seed the data and check the database.
import { chromium } from 'playwright-core';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import * as scenarios from './scenarios.mjs';

const name = process.argv[2];
const scenario = scenarios[name];
if (typeof scenario !== 'function') {
  console.error(`unknown scenario '${name}'; known: ${Object.keys(scenarios).join(', ')}`);
  process.exit(2);
}

let stdin = '';
for await (const chunk of process.stdin) stdin += chunk;
const input = JSON.parse(stdin || '{}');
const screenshots = process.env.TT_SCREENSHOTS ?? path.resolve('screenshots');
await mkdir(screenshots, { recursive: true });

// Debian's Chromium, headless. Without the background-networking flags it keeps dialling Google's hosts, which this
// network refuses.
const browser = await chromium.launch({
  executablePath: process.env.TT_CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
});
const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'ru-RU', timezoneId: 'UTC' });
const page = await context.newPage();
page.setDefaultTimeout(Number(process.env.TT_BROWSER_TIMEOUT_MS ?? 20000));
const pageErrors = [];
page.on('pageerror', (error) => pageErrors.push(error.stack ?? String(error)));
// What the page saw, printed when the scenario fails: its console, and requests that failed or were refused.
const seen = [];
const stamp = () => new Date().toISOString().slice(11, 23);
page.on('console', (message) => seen.push(`${stamp()} console.${message.type()}: ${message.text()}`));
page.on('requestfailed', (request) => seen.push(`${stamp()} request failed: ${request.method()} ${request.url()} ${request.failure()?.errorText}`));
page.on('response', (response) => {
  if (response.status() >= 400) seen.push(`${stamp()} ${response.status()} ${response.request().method()} ${response.url()}`);
});
// The host sends the Content-Security-Policy of staticwebapp.config.json: anything it blocks fails the scenario.
page.on('console', (message) => {
  if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) pageErrors.push(message.text());
});

let code = 0;
try {
  const result = await scenario(page, input, { screenshots });
  if (pageErrors.length > 0) throw new Error(`the page threw:\n${pageErrors.join('\n')}`);
  console.log(`RESULT ${JSON.stringify(result ?? {})}`);
} catch (error) {
  code = 1;
  console.error(error?.stack ?? String(error));
  console.error(`what the page saw:\n${seen.join('\n') || '(nothing)'}`);
  await page.screenshot({ path: path.join(screenshots, `failed-${name}.png`), fullPage: true }).catch(() => {});
  console.error(`page: ${page.url()}; screenshot: ${path.join(screenshots, `failed-${name}.png`)}`);
} finally {
  await browser.close();
}
process.exit(code);
