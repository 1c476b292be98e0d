// Browser test of the search page, driven by tests/search.rs: serves a built site's public/
// folder under the sub-path /insyn/ from a small static server, opens /insyn/sok/?q=… in
// Debian's headless Chromium and checks the ranked result links, highlighting, the result
// count announced in the live region, filters (and that they land in the URL), keyboard
// search, one entry per page with its matching sections listed under it (reached by keyboard),
// the page without JavaScript, and axe-core's WCAG 2.1 A/AA rules. Screenshots at
// 390 and 320 px go to the folder given as the second argument.
//
// usage: node search_page.mjs <public-dir> <screenshot-dir>
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const [publicDir, shots] = process.argv.slice(2);
const BASE = '/insyn/';
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.json': 'application/json', '.css': 'text/css', '.xml': 'application/xml', '.txt': 'text/plain' };

const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://localhost');
  if (!url.pathname.startsWith(BASE)) { res.writeHead(404); res.end(); return; }
  let file = path.join(publicDir, decodeURIComponent(url.pathname.slice(BASE.length)));
  if (!file.startsWith(path.resolve(publicDir))) { res.writeHead(403); res.end(); return; }
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
  if (!fs.existsSync(file)) { res.writeHead(404); res.end(); return; }
  res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream' });
  fs.createReadStream(file).pipe(res);
});

const failures = [];
function check(cond, message) {
  if (!cond) failures.push(message);
}

// Waits for the count to be announced and the results' sections to be listed (the list is
// aria-busy while they load), then gives the results' links in order.
async function results(page) {
  await page.waitForFunction(() => {
    const s = document.querySelector('[data-search-status]');
    const list = document.querySelector('[data-search-results]');
    return s && /träff/.test(s.textContent) && !list.hasAttribute('aria-busy');
  }, null, { timeout: 15000 });
  return page.$$eval('[data-search-results] [data-search-result]', (as) => as.map((a) => a.getAttribute('href')));
}

async function axe(page, label) {
  await page.addScriptTag({ content: axeSource });
  const r = await page.evaluate(async () => window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }));
  for (const v of r.violations) {
    failures.push(`${label}: axe ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join('; ')})`);
  }
}

await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const external = [];
try {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  page.on('request', (r) => { if (!r.url().startsWith(origin)) external.push(r.url()); });
  page.on('pageerror', (e) => failures.push(`page error: ${e.message}`));

  // The query in the URL runs on load; results in rank order with highlighted words. The
  // page carries the search data's meta.json and the scripts: a query downloads search data
  // alone, starting with its shard.
  const requested = [];
  page.on('request', (r) => requested.push(new URL(r.url()).pathname));
  await page.goto(`${origin}${BASE}sok/?q=1351-2020`);
  let hrefs = await results(page);
  const fetchedMeta = requested.filter((u) => u.endsWith('/sok/data/meta.json')).length;
  check(fetchedMeta === 0, `meta.json was requested ${fetchedMeta} times; the page carries it`);
  const scripts = requested.filter((u) => u.endsWith('.js'));
  check(scripts.length === 0, `the page fetched scripts it carries: ${scripts}`);
  // The page starts the query's term shard itself before its scripts are parsed, and the
  // client takes that download over: no search file is fetched twice, none in vain.
  const data = requested.filter((u) => u.startsWith(`${BASE}sok/data/`));
  check(new Set(data).size === data.length, `a search file was fetched twice: ${data}`);
  check(data.filter((u) => u.includes('/sok/data/t/')).length === 1, `1351-2020 needs one shard, fetched: ${data}`);
  check(hrefs[0] === `${BASE}protokoll/regionstyrelsen/2020-10-14/172/`, `1351-2020: first result is ${hrefs[0]}`);
  check(await page.inputValue('#sok-q') === '1351-2020', 'the query is put back in the search box');

  await page.goto(`${origin}${BASE}sok/?q=driftsorganisationen`);
  hrefs = await results(page);
  check(hrefs.includes(`${BASE}protokoll/regionstyrelsen/2020-10-14/172/`), `driftsorganisationen: § 172 missing from ${hrefs}`);
  const marks = await page.$$eval('[data-search-results] mark', (ms) => ms.map((m) => m.textContent.toLowerCase()));
  check(marks.some((m) => m.startsWith('driftsorganisation')), `no highlighted match: ${marks}`);
  const status = await page.textContent('[data-search-status]');
  check(/\d+ träff(ar)? för ”driftsorganisationen”/.test(status), `status text: ${status}`);
  check(await page.getAttribute('[data-search-status]', 'aria-live') === 'polite', 'status is a polite live region');
  await axe(page, 'sok with results');
  if (shots) await page.screenshot({ path: path.join(shots, 'sok-390.png'), fullPage: true });

  // One entry per page: a report whose sections match is listed once, its sections under it
  // with their anchors, reached by Tab from the page's link; the count is still announced.
  await page.goto(`${origin}${BASE}sok/?q=resultatbudget`);
  hrefs = await results(page);
  check(new Set(hrefs).size === hrefs.length, `resultatbudget lists a page twice: ${hrefs}`);
  check(hrefs.every((h) => !h.includes('#')), `a page's link carries an anchor: ${hrefs}`);
  const report = `${BASE}rapporter/strategisk-plan-2023-2025/`;
  check(hrefs.includes(report), `resultatbudget: ${report} missing from ${hrefs}`);
  const subs = await page.$$eval('[data-search-results] [data-search-subresult]', (as) => as.map((a) => a.getAttribute('href')));
  check(subs.includes(`${report}#resultatbudget-2023-2025`), `resultatbudget: no sub-result #resultatbudget-2023-2025 in ${subs}`);
  check(/\d+ träff(ar)? för ”resultatbudget”/.test(await page.textContent('[data-search-status]')), 'resultatbudget: the count is announced');
  await page.focus(`[data-search-results] a[data-search-result][href="${report}"]`);
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => document.activeElement.getAttribute('href'));
  check(focused && focused.startsWith(`${report}#`), `Tab from the report's link goes to ${focused}, not to its first section`);
  await axe(page, 'sok with sub-results');
  if (shots) await page.screenshot({ path: path.join(shots, 'sok-sub-390.png'), fullPage: true });

  // Filters: type, and the filter lands in the URL.
  await page.goto(`${origin}${BASE}sok/?q=${encodeURIComponent('vård')}`);
  hrefs = await results(page);
  const all = hrefs.length;
  check(all > 1, `vård: only ${all} results`);
  await page.selectOption('#sok-typ', 'matt');
  await page.waitForFunction(() => location.search.includes('typ=matt'));
  hrefs = await results(page);
  check(hrefs.length > 0 && hrefs.every((h) => h.startsWith(`${BASE}matt/`)), `typ=matt gives ${hrefs}`);
  const loaded = await page.goto(`${origin}${BASE}sok/?q=${encodeURIComponent('vård')}&typ=mal`);
  check(loaded.ok(), 'filter URL loads');
  hrefs = await results(page);
  check(hrefs.length > 0 && hrefs.every((h) => h.startsWith(`${BASE}mal/`)), `typ=mal from the URL gives ${hrefs}`);
  check(await page.inputValue('#sok-typ') === 'mal', 'the type filter shows the URL value');

  // Keyboard: type a query and press Enter.
  await page.goto(`${origin}${BASE}sok/`);
  await page.focus('#sok-q');
  await page.keyboard.type('Linda Frohm jäv');
  await page.keyboard.press('Enter');
  hrefs = await results(page);
  check(hrefs[0] === `${BASE}protokoll/regionstyrelsen/2020-10-14/178/`, `keyboard search: first is ${hrefs[0]}`);
  check(page.url().includes('q=Linda+Frohm'), `the query lands in the URL: ${page.url()}`);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');

  // The header search box leads to /sok/ with the query.
  await page.goto(`${origin}${BASE}mal/`);
  await page.fill('#sidsok-q', 'vardskador');
  await page.press('#sidsok-q', 'Enter');
  await page.waitForURL(/\/insyn\/sok\/\?q=vardskador/);

  await page.setViewportSize({ width: 320, height: 700 });
  await page.goto(`${origin}${BASE}sok/?q=hyrpersonal`);
  await page.waitForFunction(() => /träff/.test(document.querySelector('[data-search-status]').textContent));
  if (shots) await page.screenshot({ path: path.join(shots, 'sok-320.png'), fullPage: true });

  // Without JavaScript the page still explains and links to the indexes.
  const noJs = await browser.newContext({ javaScriptEnabled: false });
  const p2 = await noJs.newPage();
  await p2.goto(`${origin}${BASE}sok/?q=vård`);
  const links = await p2.$$eval('main a', (as) => as.map((a) => a.getAttribute('href')));
  for (const idx of ['mal/', 'matt/', 'protokoll/', 'arenden/']) {
    check(links.includes(`${BASE}${idx}`), `without JavaScript /sok/ links to ${idx}`);
  }
} finally {
  await browser.close();
  server.close();
}
check(external.length === 0, `third-party requests: ${external}`);
if (failures.length) {
  console.error(failures.join('\n'));
  process.exit(1);
}
console.log('search page ok');
