#!/usr/bin/env node
// Benchmark aid (not a test): the requests of cold searches on the emulated phone network of
// pagefind_compare.mjs (150 ms round trip, 1.6 Mbit/s down), as a waterfall per query: when
// each request of opening /sok/?q=… starts and ends (ms from navigation), its bytes, and when
// the results are shown (the status counts them) and their sections listed. It shows which
// downloads wait for which, so that the critical path of the search page can be shortened.
//
// usage: node tests/js/search_waterfall.mjs [--public DIR] [query …]
// Without queries: a few of tests/search/queries.json. Needs `npm ci --prefix tests/browser`.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { PHONE, resultsClock } from './phone_clock.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const require = createRequire(import.meta.url);
const { chromium } = require(path.join(root, 'tests', 'browser', 'node_modules', 'playwright-core'));

const args = process.argv.slice(2);
let pub = path.join(root, 'public');
const queries = [];
for (let i = 0; i < args.length; i += 1) {
  if (args[i] === '--public') pub = path.resolve(args[++i] || '');
  else queries.push(args[i]);
}
if (!queries.length) queries.push('tandvård', '"hållbar kompetensförsörjning"', '1351-2020', 'hyrpersonal');

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css',
  '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png',
};
// The same server as the benchmark's: no compression, no caching headers.
const server = http.createServer((req, res) => {
  let file = path.join(pub, decodeURIComponent(new URL(req.url, 'http://x').pathname));
  if (!file.startsWith(pub)) { res.writeHead(403); res.end(); return; }
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
  if (!fs.existsSync(file)) { res.writeHead(404); res.end(); return; }
  res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream' });
  res.end(fs.readFileSync(file));
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true });
try {
  for (const q of queries) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.addInitScript(resultsClock);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', PHONE);
    const reqs = new Map();
    let t0 = null;
    cdp.on('Network.requestWillBeSent', (e) => {
      if (t0 === null) t0 = e.timestamp;
      reqs.set(e.requestId, { url: new URL(e.request.url).pathname, start: e.timestamp });
    });
    cdp.on('Network.responseReceived', (e) => { const r = reqs.get(e.requestId); if (r) r.first = e.timestamp; });
    cdp.on('Network.loadingFinished', (e) => {
      const r = reqs.get(e.requestId);
      if (r) { r.end = e.timestamp; r.bytes = e.encodedDataLength; }
    });
    await page.goto(`${origin}/sok/?q=${encodeURIComponent(q)}`);
    const shown = await (await page.waitForFunction(() => window.resultsShownAt, null, { timeout: 60000 })).jsonValue();
    const sections = await (await page.waitForFunction(() => window.sectionsShownAt, null, { timeout: 60000 })).jsonValue();
    const dom = await page.evaluate(() => window.domReadyAt);
    // The last responses' loadingFinished events.
    await new Promise((r) => setTimeout(r, 300));
    const ms = (t) => (t === undefined ? '   -' : String(Math.round((t - t0) * 1000)).padStart(5));
    // Columns: request sent, response started, finished (ms from the page's request), bytes.
    process.stdout.write(`\n${q}: results shown ${Math.round(shown)} ms, sections ${Math.round(sections)} ms, `
      + `DOMContentLoaded ${Math.round(dom)} ms (page clock)\n`);
    for (const r of [...reqs.values()].sort((a, b) => a.start - b.start)) {
      process.stdout.write(`  ${ms(r.start)} ${ms(r.first)} ${ms(r.end)} ${String(r.bytes ?? '').padStart(7)}  ${r.url}\n`);
    }
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
}
