// Opens a page served by `insyn serve` in Chromium, says "ready", and waits until the page shows
// the expected text without being told to reload: the served page's own script must do it.
// Usage: node serve_reload.js URL EXPECTED_TEXT
import { chromium } from 'playwright-core';

const [url, expected] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
try {
  const page = await browser.newPage();
  await page.goto(url);
  if ((await page.textContent('body')).includes(expected)) {
    throw new Error(`the page shows "${expected}" before the edit`);
  }
  console.log('ready');
  await page.waitForFunction(
    (text) => document.body.textContent.includes(text),
    expected,
    { timeout: 5000 },
  );
  console.log('reloaded');
} finally {
  await browser.close();
}
