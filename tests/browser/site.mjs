// Browser checks of a built Insyn site in Debian's headless Chromium (driven by playwright-core),
// run by tests/browser.rs: `node tests/browser/site.mjs <check> <public dir> <artifact dir>`.
//
// Checks: axe (every page, WCAG 2.1 A/AA, light and dark), keyboard (tab order and visible
// focus), greyscale (statuses by shape and text), budget (goal page weight, no JavaScript needed),
// reflow (every page at 320 CSS px without horizontal scrolling, every results cell on screen),
// shots (phone screenshots).
// Prints one line per problem and exits 1 if there is any; never skips.

import { createServer } from 'node:http';
import { readFile, readdir, stat, mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE_SOURCE = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
const CHROMIUM = process.env.INSYN_CHROMIUM || '/usr/bin/chromium';
const GOAL = '/mal/2022-2024/trygg-norrbottning-med-god-livskvalitet/';

const [check, root, artifacts] = process.argv.slice(2);
if (!check || !root || !artifacts) {
  console.error('usage: node site.mjs <axe|keyboard|greyscale|budget|reflow|shots> <public dir> <artifact dir>');
  process.exit(2);
}
await mkdir(artifacts, { recursive: true });

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg', '.json': 'application/json',
  '.xml': 'application/xml', '.txt': 'text/plain; charset=utf-8', '.woff2': 'font/woff2',
};

// A static file server for the built site on a free loopback port.
function serve(dir) {
  const server = createServer(async (req, res) => {
    let rel = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (rel.endsWith('/')) rel += 'index.html';
    const file = path.join(dir, path.normalize(rel));
    try {
      if (!file.startsWith(path.resolve(dir))) throw new Error('outside');
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream' });
      res.end(body);
    } catch {
      const body = await readFile(path.join(dir, '404.html')).catch(() => 'not found');
      res.writeHead(404, { 'content-type': TYPES['.html'] });
      res.end(body);
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

// Every HTML page of the site as a URL path.
async function pages(dir, prefix = '/') {
  const out = [];
  for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...await pages(full, `${prefix}${entry.name}/`));
    else if (entry.name === 'index.html') out.push(prefix);
    else if (entry.name.endsWith('.html')) out.push(prefix + entry.name);
  }
  return out;
}

const problems = [];
const problem = (text) => { problems.push(text); console.log(`FAIL ${text}`); };

const server = await serve(path.resolve(root));
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });

try {
  const all = await pages(path.resolve(root));
  if (all.length === 0) problem(`no pages found in ${root}`);
  if (check === 'axe') await axe(all);
  else if (check === 'keyboard') await keyboard();
  else if (check === 'greyscale') await greyscale();
  else if (check === 'budget') await budget();
  else if (check === 'reflow') await reflow(all);
  else if (check === 'shots') await shots(process.argv[5]);
  else problem(`unknown check ${check}`);
} finally {
  await browser.close();
  server.close();
}
console.log(`${check}: ${problems.length} problem(s)`);
process.exit(problems.length ? 1 : 0);

async function axe(all) {
  for (const scheme of ['light', 'dark']) {
    const context = await browser.newContext({ colorScheme: scheme, reducedMotion: 'reduce' });
    const page = await context.newPage();
    for (const url of all) {
      await page.goto(base + url);
      await page.addScriptTag({ content: AXE_SOURCE });
      const result = await page.evaluate(() => window.axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
        resultTypes: ['violations'],
      }));
      // One h1, and the landmarks every page has: banner, navigation, main, contentinfo;
      // a descriptive title that names the page and the site.
      if (scheme === 'light') {
        const s = await page.evaluate(() => ({
          h1: document.querySelectorAll('h1').length,
          main: document.querySelectorAll('main').length,
          banner: document.querySelectorAll('body > header').length,
          nav: document.querySelectorAll('nav').length,
          footer: document.querySelectorAll('body > footer').length,
          title: document.title,
          h1text: document.querySelector('h1')?.textContent.trim() ?? '',
        }));
        if (s.h1 !== 1) problem(`${url}: ${s.h1} h1 elements`);
        if (s.main !== 1 || s.banner !== 1 || s.nav < 1 || s.footer !== 1) problem(`${url}: landmarks ${JSON.stringify(s)}`);
        if (url !== '/' && !s.title.includes(' – ')) problem(`${url}: title "${s.title}" does not name the page and the site`);
      }
      for (const v of result.violations) {
        const where = v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ');
        problem(`${url} (${scheme}): ${v.id} – ${v.help} [${v.nodes.length} node(s): ${where}]`);
      }
    }
    await context.close();
  }
  console.log(`axe: checked ${all.length} pages in light and dark`);
}

// The focused element, described, with whether its focus indicator is visible.
function focusInfo() {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
  const shadow = style.boxShadow && style.boxShadow !== 'none';
  const all = [...document.querySelectorAll('*')];
  return {
    tag: el.tagName.toLowerCase(),
    href: el.getAttribute('href'),
    name: el.getAttribute('name'),
    text: (el.textContent || '').trim().slice(0, 60),
    cls: el.className || '',
    inMain: !!el.closest('main'),
    inNav: !!el.closest('nav.site-nav'),
    inSearch: !!el.closest('form[role="search"]'),
    index: all.indexOf(el),
    visible: outline || shadow,
  };
}

async function tabThrough(page, limit) {
  const seen = [];
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const info = await page.evaluate(focusInfo);
    if (!info) break;
    if (seen.length && seen[0].index === info.index) break; // wrapped around
    seen.push(info);
  }
  return seen;
}

async function keyboard() {
  const context = await browser.newContext({ viewport: { width: 1024, height: 800 } });
  const page = await context.newPage();

  // Start page: skip link first, then the header (search if there is one), then the navigation.
  await page.goto(base + '/');
  const start = await tabThrough(page, 400);
  if (!start.length || !start[0].cls.includes('skip-link')) {
    problem(`/: the first Tab stop is ${JSON.stringify(start[0])}, not the skip link`);
  }
  const navLinks = await page.$$eval('nav.site-nav a[href]', (as) => as.map((a) => a.getAttribute('href')));
  const navReached = start.filter((s) => s.inNav).map((s) => s.href);
  if (JSON.stringify(navReached) !== JSON.stringify(navLinks)) {
    problem(`/: Tab reaches the navigation as ${JSON.stringify(navReached)}, expected ${JSON.stringify(navLinks)}`);
  }
  const hasSearch = await page.$('header form[role="search"] input[name="q"]');
  if (!hasSearch) problem('/: the header has no search form with a field named q');
  const searchAt = start.findIndex((s) => s.inSearch && s.name === 'q');
  const mainAt = start.findIndex((s) => s.inMain);
  if (searchAt < 0) problem('/: Tab never reaches the header search field');
  else if (mainAt >= 0 && searchAt > mainAt) problem('/: the search field comes after the main content in Tab order');
  const firstMain = start.findIndex((s) => s.inMain);
  const lastNav = start.map((s) => s.inNav).lastIndexOf(true);
  if (firstMain >= 0 && lastNav > firstMain) problem('/: navigation links come after main content in Tab order');
  checkOrderAndFocus('/', start);

  // The skip link moves focus to the main content.
  await page.goto(base + '/');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  const afterSkip = await page.evaluate(() => document.activeElement && document.activeElement.id);
  if (afterSkip !== 'innehall') problem(`/: the skip link moves focus to #${afterSkip}, not to the main content`);

  // Goal page: every link of the page, in document order, each with a visible focus indicator.
  await page.goto(base + GOAL);
  const stops = await tabThrough(page, 2000);
  const links = await page.$$eval('a[href]', (as) => as.filter((a) => a.getClientRects().length).map((a) => a.getAttribute('href')));
  const reached = stops.filter((s) => s.tag === 'a').map((s) => s.href);
  for (const href of links) {
    if (!reached.includes(href)) problem(`${GOAL}: Tab never reaches the link ${href}`);
  }
  checkOrderAndFocus(GOAL, stops);
  console.log(`keyboard: ${start.length} stops on /, ${stops.length} stops (${links.length} links) on ${GOAL}`);
  await context.close();
}

function checkOrderAndFocus(url, stops) {
  for (let i = 1; i < stops.length; i++) {
    if (stops[i].index < stops[i - 1].index) {
      problem(`${url}: Tab goes backwards from ${JSON.stringify(stops[i - 1].text)} to ${JSON.stringify(stops[i].text)}`);
    }
  }
  for (const s of stops) {
    if (!s.visible) problem(`${url}: no visible focus on <${s.tag}> ${JSON.stringify(s.text || s.href)}`);
  }
}

async function greyscale() {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  await page.goto(base + GOAL);
  await page.addStyleTag({ content: 'html { filter: grayscale(1); }' });
  await page.screenshot({ path: path.join(artifacts, 'goal-greyscale.png'), fullPage: true });
  // Each status on the page: its text and the geometry of its shape.
  const statuses = await page.$$eval('.status', (els) => els.map((el) => {
    const shape = el.querySelector('svg.shape > *');
    return {
      text: el.textContent.trim().replace(/\s+/g, ' '),
      level: [...el.classList].find((c) => /^status--(good|partial|poor|unassessed)$/.test(c)),
      shape: shape ? `${shape.tagName}:${shape.getAttribute('d') || ''}` : null,
    };
  }));
  if (statuses.length < 4) problem(`${GOAL}: only ${statuses.length} status marks on the page`);
  const shapeOf = new Map();
  for (const s of statuses) {
    if (!s.shape) problem(`${GOAL}: status "${s.text}" has no shape`);
    if (!/[A-Za-zÅÄÖåäö]{3,}/.test(s.text)) problem(`${GOAL}: status with shape ${s.shape} has no text`);
    if (!s.level) problem(`${GOAL}: status "${s.text}" has no level`);
    if (shapeOf.has(s.level) && shapeOf.get(s.level) !== s.shape) problem(`${GOAL}: ${s.level} drawn as both ${shapeOf.get(s.level)} and ${s.shape}`);
    shapeOf.set(s.level, s.shape);
  }
  const levels = [...shapeOf.keys()];
  const shapes = new Set(shapeOf.values());
  if (shapes.size !== levels.length) problem(`${GOAL}: ${levels.length} status levels share ${shapes.size} shapes`);
  if (levels.length < 4) problem(`${GOAL}: the page (with its legend) shows only the levels ${levels.join(', ')}`);
  console.log(`greyscale: ${statuses.length} statuses, levels → shapes ${JSON.stringify(Object.fromEntries(shapeOf))}`);
  await context.close();
}

async function budget() {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  let bytes = 0;
  const counted = [];
  const count = async (res) => {
    const type = res.request().resourceType();
    if (['document', 'stylesheet', 'image', 'font'].includes(type)) {
      const body = await res.body().catch(() => Buffer.alloc(0));
      bytes += body.length;
      counted.push(`${type} ${new URL(res.url()).pathname} ${body.length}`);
    }
  };
  page.on('response', count);
  await page.goto(base + GOAL, { waitUntil: 'load' });
  await page.waitForTimeout(200);
  page.off('response', count);
  console.log(counted.join('\n'));
  if (bytes > 100 * 1024) problem(`${GOAL}: ${bytes} bytes of HTML, CSS, images and fonts, more than 100 KB`);
  // Without JavaScript the content and the visuals are there.
  const facts = await page.evaluate(() => ({
    h1: document.querySelectorAll('h1').length,
    statuses: document.querySelectorAll('.status svg.shape').length,
    sparklines: document.querySelectorAll('svg.sparkline').length,
    factors: document.querySelectorAll('.factor').length,
    cssApplied: getComputedStyle(document.body).fontFamily.includes('system-ui'),
  }));
  if (facts.h1 !== 1) problem(`${GOAL}: ${facts.h1} h1 elements without JavaScript`);
  if (!facts.statuses) problem(`${GOAL}: no status shapes without JavaScript`);
  if (!facts.factors) problem(`${GOAL}: no success factors without JavaScript`);
  if (!facts.cssApplied) problem(`${GOAL}: the stylesheet is not applied`);
  // A measure page with a chart shows it without JavaScript too.
  const chartPage = await firstPageWith('svg.chart');
  if (!chartPage) problem('no measure page has a chart');
  else {
    await page.goto(base + chartPage);
    const charts = await page.$$eval('svg.chart', (s) => s.map((x) => x.getBoundingClientRect().height));
    if (!charts.length || charts.some((h) => h < 50)) problem(`${chartPage}: chart not shown without JavaScript`);
  }
  console.log(`budget: ${bytes} bytes; ${JSON.stringify(facts)}`);
  await context.close();
}

async function firstPageWith(selector) {
  const dir = path.join(path.resolve(root), 'matt');
  for (const entry of (await readdir(dir)).sort()) {
    const file = path.join(dir, entry, 'index.html');
    if (!(await stat(file).catch(() => null))) continue;
    const html = await readFile(file, 'utf8');
    if (html.includes(`class="${selector.split('.')[1]}`)) return `/matt/${entry}/`;
  }
  return null;
}

async function reflow(all) {
  for (const scheme of ['light']) {
    const context = await browser.newContext({ viewport: { width: 320, height: 640 }, colorScheme: scheme });
    const page = await context.newPage();
    for (const url of all) {
      await page.goto(base + url);
      const m = await page.evaluate(() => {
        const d = document.documentElement;
        // The widest element that sticks out, to say where the problem is.
        let widest = null;
        for (const el of document.body.querySelectorAll('*')) {
          const r = el.getBoundingClientRect();
          if (r.right > d.clientWidth + 1 && !el.closest('.table-scroll') && (!widest || r.right > widest.right)) {
            widest = { right: Math.round(r.right), what: `${el.tagName.toLowerCase()}.${el.className}` };
          }
        }
        // A measure's results show whole on a phone: the assessment and trend must not sit
        // in a part of the table that only sideways scrolling reveals.
        const hidden = [...document.querySelectorAll('table.results td')]
          .filter((td) => td.getBoundingClientRect().right > d.clientWidth + 1)
          .map((td) => td.textContent.trim().slice(0, 30));
        return { scroll: d.scrollWidth, client: d.clientWidth, widest, hidden };
      });
      if (m.scroll > m.client) problem(`${url}: scrollWidth ${m.scroll} > ${m.client} at 320 px (${JSON.stringify(m.widest)})`);
      if (m.hidden.length) problem(`${url}: ${m.hidden.length} results cells beyond the right edge at 320 px, e.g. ${JSON.stringify(m.hidden.slice(0, 3))}`);
    }
    await context.close();
  }
  console.log(`reflow: checked ${all.length} pages at 320 px`);
}

async function shots(list) {
  const urls = (list || `/,${GOAL}`).split(',');
  for (const scheme of ['light', 'dark']) {
    for (const width of [390, 320]) {
      const context = await browser.newContext({ viewport: { width, height: 844 }, colorScheme: scheme });
      const page = await context.newPage();
      for (const url of urls) {
        await page.goto(base + url);
        const name = url.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '') || 'start';
        await page.screenshot({ path: path.join(artifacts, `${name}-${width}-${scheme}.png`), fullPage: false });
        await page.screenshot({ path: path.join(artifacts, `${name}-${width}-${scheme}-full.png`), fullPage: true });
      }
      await context.close();
    }
  }
}
