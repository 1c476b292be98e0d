#!/usr/bin/env node
// Benchmark (not a test): Insyn's static search compared with Pagefind on the same built site.
//
// Takes a built `public/` (or builds it with `--build`), copies it to a temporary folder, runs
// Pagefind's indexer on the copy (Node API, Swedish forced), then runs every query of
// tests/search/queries.json whose `site` is `repo` through
//   (a) our client, themes/default/static/js/search.js, in node with a file fetch, and
//   (b) Pagefind's client, /pagefind/pagefind.js, in headless Chromium (Debian's) against a
//       tiny local static server, a fresh browser context per query,
// and prints per query kind: hit rate (every expected page in the top 10), mean reciprocal
// rank, recall@10 over distinct content pages (see `relevantPages`), bytes of a cold first
// query (median and p90) and of a warm one, and the index size on disk of each engine. Then,
// both engines in Chromium: the median time to results of a cold query on an emulated phone
// network (150 ms round trip, 1.6 Mbit/s down), and the median latency of a warm query (a call
// in a loaded page). Nothing is downloaded at run time.
//
// usage: cargo run --release -- build && node tests/js/pagefind_compare.mjs
//        node tests/js/pagefind_compare.mjs [--build] [--public DIR] [--per-query] [--dump FILE]
//          [--missed KIND]
// --dump writes every query's raw results and byte counts of both engines as JSON; --missed
// lists, for each query of KIND, the relevant pages either engine leaves out of its first 10,
// and where our client ranks them (or that it does not find them).
//
// Needs `npm ci --prefix tests/browser` (playwright-core), `npm ci --prefix tests/js` (pagefind,
// only this benchmark needs it) and /usr/bin/chromium.
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { PHONE, resultsClock } from './phone_clock.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const require = createRequire(import.meta.url);
const browserModules = path.join(root, 'tests', 'browser', 'node_modules');
const benchModules = path.join(here, 'node_modules');
const KINDS = ['identifier', 'person', 'inflection', 'compound', 'compound-reverse', 'phrase',
  'diacritics', 'typo', 'plain', 'multi-word'];
const TOP = 10;

function parseArgs(argv) {
  const opts = { build: false, pub: path.join(root, 'public'), perQuery: false, dump: null, missed: null };
  for (let i = 0; i < argv.length; i += 1) {
    const a = argv[i];
    if (a === '--build') opts.build = true;
    else if (a === '--per-query') opts.perQuery = true;
    else if (a === '--public') opts.pub = path.resolve(argv[++i] || '');
    else if (a === '--dump') opts.dump = path.resolve(argv[++i] || '');
    else if (a === '--missed' && KINDS.includes(argv[i + 1])) opts.missed = argv[++i];
    else {
      process.stderr.write('usage: node tests/js/pagefind_compare.mjs [--build] [--public DIR] [--per-query] [--dump FILE] '
        + `[--missed ${KINDS.join('|')}]\n`);
      process.exit(2);
    }
  }
  return opts;
}

function fail(msg) {
  process.stderr.write(`pagefind_compare: ${msg}\n`);
  process.exit(1);
}

const gzipLen = (buf) => zlib.gzipSync(buf, { level: 9 }).length;
const add = (a, b) => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip, files: a.files + b.files });
const ZERO = { raw: 0, gzip: 0, files: 0 };
const sizeOf = (buf) => ({ raw: buf.length, gzip: gzipLen(buf), files: 1 });

function dirSize(dir) {
  let bytes = 0;
  let files = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) {
      bytes += fs.statSync(path.join(e.parentPath ?? e.path, e.name)).size;
      files += 1;
    }
  }
  return { bytes, files };
}

const stripAnchor = (u) => u.replace(/#.*$/, '');

// Hit (every expected URL in the top 10) and reciprocal rank of the first expected URL.
function score(expect, top) {
  const firstRank = top.findIndex((u) => expect.includes(u));
  return {
    hit: expect.every((u) => top.includes(u)),
    rr: firstRank < 0 ? 0 : 1 / (firstRank + 1),
  };
}

// --- relevance: every content page that holds all query words -------------------------------

// Goal, measure, report, plan and § pages.
const CONTENT = /^\/(mal\/[^/]+\/([^/]+\/)?|matt\/[^/]+\/|rapporter\/[^/]+\/|protokoll\/[^/]+\/[^/]+\/\d+\/)$/;

// The text of every content page of the built site (its <main> without scripts, styles and
// navigation, tags stripped), by URL. Navigation is left out because it shows other pages'
// titles (a §'s "Föregående: § 171 …" and "Nästa: § 173 …"): a page is not about those.
function contentPages(pub) {
  const pages = new Map();
  const walk = (dir, url) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(dir, e.name), `${url}${e.name}/`);
      else if (e.name === 'index.html' && CONTENT.test(url)) {
        const html = fs.readFileSync(path.join(dir, e.name), 'utf8');
        const main = (html.match(/<main[\s\S]*?<\/main>/) || [html])[0];
        const text = main.replace(/<(script|style|nav)\b[\s\S]*?<\/\1>/g, ' ').replace(/<[^>]+>/g, ' ')
          .replace(/&nbsp;/g, ' ').replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'")
          .replace(/&lt;/g, '<').replace(/&gt;/g, '>');
        pages.set(url, text);
      }
    }
  };
  walk(pub, '/');
  return pages;
}

// The content pages relevant to each query, judged on the pages' own text, independently of
// either engine: a page is relevant when it holds every word of the query in a form either
// engine claims to match — the same stem or word without diacritics, the stem plus or minus
// an ending of up to three letters, a compound that contains the word (`tandvård` in
// `folktandvården`), or, for words of six letters or more, a word one edit away — and every
// quoted phrase as a sequence of stems.
function relevantPages(pub, queries) {
  const A = require(path.join(root, 'themes', 'default', 'static', 'js', 'analyzer.js'));
  const S = require(path.join(root, 'themes', 'default', 'static', 'js', 'search.js'));
  const pages = [...contentPages(pub)].map(([url, text]) => {
    const tokens = A.tokenize(text).filter((t) => t.kind === 'word' || t.kind === 'identifier');
    return {
      url,
      stems: tokens.map((t) => t.text),
      folded: new Set(tokens.map((t) => t.folded)),
      exact: new Set(tokens.map((t) => t.text)),
      words: [...new Set(tokens.map((t) => A.fold(t.word)))],
    };
  });
  const matches = (page, g) => {
    if (page.exact.has(g.text) || page.folded.has(g.folded)) return true;
    if (g.identifier) return false;
    const n = [...g.folded].length;
    return [...page.folded].some((f) => {
      const extra = Math.abs([...f].length - n);
      const [short, long] = f.length < g.folded.length ? [f, g.folded] : [g.folded, f];
      return ([...short].length >= 5 && extra >= 1 && extra <= 3 && long.startsWith(short))
        || (n >= 6 && A.withinOneEdit(f, g.folded));
    }) || (n >= 5 && page.words.some((w) => w.includes(g.folded)))
      || (n >= 6 && page.words.some((w) => A.withinOneEdit(w, A.fold(g.word))));
  };
  const holds = (stems, seq) => stems.some((_, i) => seq.every((t, j) => stems[i + j] === t));
  return queries.map((q) => {
    const parsed = S.parseQuery(q.q);
    return new Set(pages.filter((p) => parsed.groups.every((g) => matches(p, g))
      && parsed.phrases.every((seq) => holds(p.stems, seq))).map((p) => p.url));
  });
}

// Recall@10 over distinct content pages: of the relevant pages (at most 10 counted), the share
// among the engine's first 10 results, its URLs taken without anchors; null when none is.
function contentRecall(relevant, urls) {
  if (!relevant.size) return null;
  const top = [...new Set(urls.map(stripAnchor))].slice(0, TOP);
  return top.filter((u) => relevant.has(u)).length / Math.min(relevant.size, TOP);
}

function percentile(values, p) {
  const v = values.slice().sort((a, b) => a - b);
  return v[Math.min(v.length - 1, Math.floor(p * v.length))];
}

// --- (a) our client in node ---------------------------------------------------------------

async function runOurs(pub, queries) {
  const Search = require(path.join(root, 'themes', 'default', 'static', 'js', 'search.js'));
  // The search page carries both scripts inline (and meta.json, read below): the same bytes.
  const scripts = ['js/analyzer.js', 'js/search.js']
    .map((f) => sizeOf(fs.readFileSync(path.join(pub, f)))).reduce(add, ZERO);
  const out = [];
  for (let i = 0; i < queries.length; i += 1) {
    let fetched = ZERO;
    const engine = new Search.Engine({
      base: '/sok/data/',
      fetchText: async (url) => {
        const buf = fs.readFileSync(path.join(pub, url));
        fetched = add(fetched, sizeOf(buf));
        return buf.toString('utf8');
      },
    });
    const res = await engine.search(queries[i].q, {}, 0, TOP);
    const cold = add(scripts, fetched);
    // Warm: the next query of the set in the same client, after this one.
    fetched = ZERO;
    await engine.search(queries[(i + 1) % queries.length].q, {}, 0, TOP);
    out.push({
      urls: res.results.map((r) => r.url),
      // Every page URL followed by its sub-results' URLs (with anchors), in rank order.
      anchored: res.results.flatMap((r) => [r.url, ...r.sub.map((x) => x.url)]),
      cold, warm: fetched,
    });
  }
  return out;
}

// --- (b) Pagefind ---------------------------------------------------------------------------

async function indexWithPagefind(site) {
  const entry = path.join(benchModules, 'pagefind', 'lib', 'index.js');
  if (!fs.existsSync(entry)) fail('pagefind is not installed: run `npm ci --prefix tests/js`');
  const pagefind = await import(pathToFileURL(entry).href);
  const started = process.hrtime.bigint();
  const { index, errors } = await pagefind.createIndex({ forceLanguage: 'sv' });
  if (errors.length) fail(`pagefind createIndex: ${errors.join('; ')}`);
  const added = await index.addDirectory({ path: site });
  if (added.errors.length) fail(`pagefind addDirectory: ${added.errors.join('; ')}`);
  const written = await index.writeFiles({ outputPath: path.join(site, 'pagefind') });
  if (written.errors.length) fail(`pagefind writeFiles: ${written.errors.join('; ')}`);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  await pagefind.close();
  const version = JSON.parse(fs.readFileSync(path.join(benchModules, 'pagefind', 'package.json'), 'utf8')).version;
  return { pages: added.page_count, ms, version };
}

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.css': 'text/css', '.json': 'application/json', '.wasm': 'application/wasm',
};
const BENCH_PAGE = '/__pagefind_bench__.html';

// A static server without compression or caching headers: bytes counted are the files' own.
function serve(dir) {
  const server = http.createServer((req, res) => {
    const url = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (url === BENCH_PAGE) {
      res.writeHead(200, { 'content-type': TYPES['.html'] });
      res.end('<!doctype html><html lang="sv"><title>bench</title><body></body></html>');
      return;
    }
    let file = path.join(dir, url);
    if (!file.startsWith(dir)) { res.writeHead(403); res.end(); return; }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!fs.existsSync(file)) { res.writeHead(404); res.end(); return; }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream' });
    res.end(fs.readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

// Runs in the page: Pagefind's own client, the way a search page uses it — search, then load
// the data (URL, title, excerpt, sub-results with anchors) of the top results to show them.
async function pagefindQuery({ q, top }) {
  window.pf = window.pf || await import('/pagefind/pagefind.js');
  const search = await window.pf.search(q);
  const data = await Promise.all(search.results.slice(0, top).map((r) => r.data()));
  return data.map((d) => ({ url: d.url, subs: (d.sub_results || []).map((s) => s.url) }));
}

async function runPagefind(site, queries) {
  const { chromium } = require(path.join(browserModules, 'playwright-core'));
  if (!fs.existsSync('/usr/bin/chromium')) fail('Chromium not found at /usr/bin/chromium');
  const server = await serve(site);
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true });
  const out = [];
  try {
    for (let i = 0; i < queries.length; i += 1) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(origin + BENCH_PAGE);
      let bodies = [];
      let pending = 0;
      // Pagefind's own requests (from the page and its web worker); not e.g. the favicon.
      const ofPagefind = (r) => new URL(r.url()).pathname.startsWith('/pagefind/');
      context.on('request', (r) => { if (ofPagefind(r)) pending += 1; });
      context.on('requestfinished', (r) => { if (ofPagefind(r)) pending -= 1; });
      context.on('requestfailed', (r) => { if (ofPagefind(r)) pending -= 1; });
      context.on('response', (r) => { if (ofPagefind(r)) bodies.push(r.body().then(sizeOf, () => ZERO)); });
      const settle = async () => {
        while (pending > 0) await new Promise((r) => setTimeout(r, 20));
        const sum = (await Promise.all(bodies)).reduce(add, ZERO);
        bodies = [];
        return sum;
      };
      const results = await page.evaluate(pagefindQuery, { q: queries[i].q, top: TOP });
      const cold = await settle();
      await page.evaluate(pagefindQuery, { q: queries[(i + 1) % queries.length].q, top: TOP });
      const warm = await settle();
      await context.close();
      out.push({
        urls: results.map((r) => r.url),
        // Every page URL followed by its sub-results' URLs (with anchors), in rank order.
        anchored: results.flatMap((r) => [r.url, ...r.subs]),
        cold, warm,
      });
    }
  } finally {
    await browser.close();
    server.close();
  }
  return out;
}

// --- time in Chromium: cold on a phone network, warm in a loaded page -------------------------


// Runs in our search page: a fresh engine on the page's data, the query run once to load what
// it needs, then the next query timed (ms) to its results' excerpts.
async function oursWarm({ q, next }) {
  const base = document.querySelector('[data-search-app]').getAttribute('data-search-base');
  const engine = new window.InsynSearch.Engine({ base });
  await engine.search(q, {}, 0, 10);
  const t = performance.now();
  await engine.search(next, {}, 0, 10);
  return performance.now() - t;
}

// Runs in the bench page: Pagefind's client, the query once, then the next query timed (ms) to
// its top 10 results' data.
async function pagefindWarm({ q, next, top }) {
  window.pf = window.pf || await import('/pagefind/pagefind.js');
  await Promise.all((await window.pf.search(q)).results.slice(0, top).map((r) => r.data()));
  const t = performance.now();
  await Promise.all((await window.pf.search(next)).results.slice(0, top).map((r) => r.data()));
  return performance.now() - t;
}

// Runs in the bench page: Pagefind's client from its import to its top 10 results' data (ms).
async function pagefindCold({ q, top }) {
  const t = performance.now();
  const pf = await import('/pagefind/pagefind.js');
  await Promise.all((await pf.search(q)).results.slice(0, top).map((r) => r.data()));
  return performance.now() - t;
}

// Per query and engine: the time to results of a cold query on the phone network (ours: from
// opening /sok/?q=… to the results shown, the page's own HTML, CSS and scripts included;
// Pagefind: its API alone, from importing pagefind.js to its top 10 results' data, on an
// already open blank page), and the warm latency of a call in a loaded page (no emulation).
async function runTimings(site, queries) {
  const { chromium } = require(path.join(browserModules, 'playwright-core'));
  const server = await serve(site);
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true });
  const phone = async (page) => {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', PHONE);
  };
  const fresh = async () => {
    const context = await browser.newContext();
    return { context, page: await context.newPage() };
  };
  const out = [];
  try {
    for (let i = 0; i < queries.length; i += 1) {
      const q = queries[i].q;
      const next = queries[(i + 1) % queries.length].q;
      const row = {};
      let { context, page } = await fresh();
      await page.addInitScript(resultsClock);
      await phone(page);
      await page.goto(`${origin}/sok/?q=${encodeURIComponent(q)}`);
      row.oursCold = await (await page.waitForFunction(() => window.resultsShownAt, null, { timeout: 60000 })).jsonValue();
      row.oursSections = await (await page.waitForFunction(() => window.sectionsShownAt, null, { timeout: 60000 })).jsonValue();
      await context.close();
      ({ context, page } = await fresh());
      await page.goto(`${origin}/sok/?q=${encodeURIComponent(q)}`);
      await page.waitForFunction(() => /träff/.test(document.querySelector('[data-search-status]').textContent));
      row.oursWarm = await page.evaluate(oursWarm, { q, next });
      await context.close();
      ({ context, page } = await fresh());
      await page.goto(origin + BENCH_PAGE);
      await phone(page);
      row.pagefindCold = await page.evaluate(pagefindCold, { q, top: TOP });
      await context.close();
      ({ context, page } = await fresh());
      await page.goto(origin + BENCH_PAGE);
      row.pagefindWarm = await page.evaluate(pagefindWarm, { q, next, top: TOP });
      await context.close();
      out.push(row);
    }
  } finally {
    await browser.close();
    server.close();
  }
  return out;
}

// --- report ----------------------------------------------------------------------------------

const kb = (b) => `${(b / 1024).toFixed(1)} KB`;
const pct = (x) => `${Math.round(x * 100)} %`;
const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);

function summarise(rows) {
  const mean = (k) => rows.reduce((a, r) => a + r[k], 0) / rows.length;
  const judged = rows.filter((r) => r.recall !== null);
  return {
    n: rows.length,
    hit: rows.filter((r) => r.hit).length,
    recall: judged.reduce((a, r) => a + r.recall, 0) / Math.max(1, judged.length),
    mrr: mean('rr'),
    hitStrict: rows.filter((r) => r.hitStrict).length,
    coldMedian: percentile(rows.map((r) => r.cold.raw), 0.5),
    coldP90: percentile(rows.map((r) => r.cold.raw), 0.9),
    coldGzipMedian: percentile(rows.map((r) => r.cold.gzip), 0.5),
    warmMedian: percentile(rows.map((r) => r.warm.raw), 0.5),
  };
}

function printTable(title, queries, relevant, ours, theirs) {
  const rows = (engine) => queries.map((q, i) => {
    const r = engine[i];
    const loose = score(q.expect.map(stripAnchor), [...new Set(r.urls.map(stripAnchor))].slice(0, TOP));
    const strict = score(q.expect, r.anchored);
    return {
      kind: q.kind, ...loose, recall: contentRecall(relevant[i], r.urls), hitStrict: strict.hit,
      cold: r.cold, warm: r.warm,
    };
  });
  const a = rows(ours);
  const b = rows(theirs);
  const groups = [...KINDS.filter((k) => queries.some((q) => q.kind === k)), 'overall'];
  const head = ['kind', 'n', 'engine', 'hit@10', 'hit#', 'recall@10', 'MRR', 'cold med', 'cold p90',
    'cold med gz', 'warm med'];
  const widths = [17, 3, 9, 7, 6, 10, 6, 10, 10, 12, 10];
  const line = (cells) => cells.map((c, i) => (i < 3 ? pad(c, widths[i]) : lpad(c, widths[i]))).join(' ');
  process.stdout.write(`\n${title}\n${line(head)}\n${'-'.repeat(widths.reduce((x, y) => x + y + 1, 0))}\n`);
  for (const g of groups) {
    for (const [name, set] of [['insyn', a], ['pagefind', b]]) {
      const s = summarise(g === 'overall' ? set : set.filter((r) => r.kind === g));
      process.stdout.write(line([name === 'insyn' ? g : '', s.n, name, `${s.hit}/${s.n}`, `${s.hitStrict}/${s.n}`,
        s.recall.toFixed(2), s.mrr.toFixed(2), kb(s.coldMedian), kb(s.coldP90), kb(s.coldGzipMedian),
        kb(s.warmMedian)]) + '\n');
    }
  }
  return { a, b };
}

// For each query of `kind`: the relevant pages (as counted by recall@10) that either engine
// leaves out of its first 10, with the rank our client gives them among all its results.
async function printMissed(pub, kind, queries, relevant, ours, theirs) {
  const Search = require(path.join(root, 'themes', 'default', 'static', 'js', 'search.js'));
  process.stdout.write(`\nRelevant pages missed in the first ${TOP}, ${kind} queries (insyn rank among all its results)\n`);
  for (let i = 0; i < queries.length; i += 1) {
    if (queries[i].kind !== kind) continue;
    const engine = new Search.Engine({
      base: '/sok/data/',
      fetchText: async (url) => fs.readFileSync(path.join(pub, url), 'utf8'),
    });
    const all = (await engine.search(queries[i].q, {}, 0, Infinity)).results.map((r) => stripAnchor(r.url));
    const top = (r) => new Set([...new Set(r.urls.map(stripAnchor))].slice(0, TOP));
    const [a, b] = [top(ours[i]), top(theirs[i])];
    // The pages recall@10 counts: at most 10 of the relevant ones.
    const counted = relevant[i].size > TOP ? null : [...relevant[i]];
    const missed = [...relevant[i]].filter((u) => !a.has(u) || !b.has(u));
    process.stdout.write(`  ${JSON.stringify(queries[i].q)}: ${relevant[i].size} relevant${counted ? '' : ` (${TOP} counted)`}, `
      + `${missed.length ? 'missed:' : 'none missed'}\n`);
    for (const u of missed) {
      const rank = all.indexOf(u);
      process.stdout.write(`    ${pad(u, 70)} insyn ${a.has(u) ? 'top 10' : rank < 0 ? 'not found' : `rank ${rank + 1}`}`
        + `, pagefind ${b.has(u) ? 'top 10' : 'not in top 10'}\n`);
    }
  }
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.build) {
    const r = spawnSync('cargo', ['run', '--release', '--', 'build'], { cwd: root, stdio: 'inherit' });
    if (r.status !== 0) fail('`cargo run --release -- build` failed');
  }
  if (!fs.existsSync(path.join(opts.pub, 'sok', 'data', 'meta.json'))) {
    fail(`${opts.pub} holds no built site with search data: run \`cargo run --release -- build\` first (or pass --build)`);
  }
  // Deterministic query set: the file's order, only the real site's queries.
  const queries = JSON.parse(fs.readFileSync(path.join(root, 'tests', 'search', 'queries.json'), 'utf8'))
    .queries.filter((q) => q.site === 'repo');

  const site = fs.mkdtempSync(path.join(os.tmpdir(), 'insyn-pagefind-'));
  try {
    fs.cpSync(opts.pub, site, { recursive: true });
    process.stderr.write(`indexing ${site} with Pagefind…\n`);
    const pf = await indexWithPagefind(site);
    process.stderr.write(`running ${queries.length} queries through both clients…\n`);
    const ours = await runOurs(opts.pub, queries);
    const theirs = await runPagefind(site, queries);
    process.stderr.write('timing both clients in Chromium…\n');
    const times = await runTimings(site, queries);
    if (opts.dump) {
      fs.writeFileSync(opts.dump, JSON.stringify(queries.map((q, i) => ({ ...q, insyn: ours[i], pagefind: theirs[i], times: times[i] })), null, 1));
    }

    const oursData = dirSize(path.join(opts.pub, 'sok', 'data'));
    const oursScripts = ['js/analyzer.js', 'js/search.js']
      .reduce((s, f) => s + fs.statSync(path.join(opts.pub, f)).size, 0);
    const pfBundle = dirSize(path.join(site, 'pagefind'));
    // Pagefind's ready-made UIs (and highlighter) sit in the bundle but a search never loads them.
    const pfUi = fs.readdirSync(path.join(site, 'pagefind'))
      .filter((f) => /^pagefind-(ui|modular-ui|component-ui|highlight)\./.test(f))
      .reduce((s, f) => s + fs.statSync(path.join(site, 'pagefind', f)).size, 0);

    process.stdout.write(`Insyn search vs Pagefind ${pf.version} on ${opts.pub} (${new Date().toISOString().slice(0, 10)})\n`);
    process.stdout.write(`${queries.length} queries (tests/search/queries.json, site "repo"); Pagefind indexed ${pf.pages} pages `
      + `in ${(pf.ms / 1000).toFixed(1)} s with forceLanguage "sv" and its default settings.\n`);
    const relevant = relevantPages(opts.pub, queries);
    const { a, b } = printTable('Quality and bytes per query', queries, relevant, ours, theirs);
    process.stdout.write(`
hit@10: queries with every expected page in the top 10, URLs compared WITHOUT the #anchor
  (both engines rank pages and list sections under them). MRR uses the same rule.
hit#: the stricter anchor-exact rate: an expected URL with an #anchor must appear exactly among
  the top 10 pages or their sub-results.
recall@10: over distinct content pages (goal, measure, report, plan and § pages): of the pages
  whose own text holds every query word in a matched form (stem, no diacritics, ending, within
  a compound, one typo for words of 6+ letters) and every phrase, at most 10 counted, the share
  among the engine's first 10 distinct pages; averaged over the queries with any such page.
cold: bytes a fresh browser downloads for the first query: insyn = analyzer.js + search.js + the
  data files it reads (in node), meta.json included (the search page carries the scripts and
  meta.json inline; they are counted as the files they are copies of); Pagefind = every response its JS triggers in a fresh
  Chromium context, its web worker's included (pagefind.js, pagefind-worker.js, WebAssembly,
  entry, meta, index chunks, fragments of the top ${TOP} results).
  The host page itself is not counted for either. Raw bytes as stored on disk, served without
  compression (Pagefind's data files are gzipped by Pagefind itself); "gz" = each file gzip -9'd.
warm: bytes the next query of the set downloads in the same client right after.
`);
    const ms = (k, p) => `${Math.round(percentile(times.map((t) => t[k]), p))} ms`;
    process.stdout.write(`\nTime in Chromium (median / 90th percentile over the ${queries.length} queries)\n`);
    process.stdout.write(`  cold, phone network (${PHONE.latency} ms round trip, ${PHONE.downloadThroughput * 8 / 1e6} Mbit/s down):\n`);
    process.stdout.write(`    insyn     opening /sok/?q=… to results shown: ${ms('oursCold', 0.5)} / ${ms('oursCold', 0.9)}`
      + ` (with their sections listed: ${ms('oursSections', 0.5)} / ${ms('oursSections', 0.9)})\n`);
    process.stdout.write(`    pagefind  its API alone (import, search, top ${TOP} data): ${ms('pagefindCold', 0.5)} / ${ms('pagefindCold', 0.9)}\n`);
    process.stdout.write(`  warm, the next query in a loaded page (no emulation), to the top ${TOP} results' data:\n`);
    process.stdout.write(`    insyn     ${ms('oursWarm', 0.5)} / ${ms('oursWarm', 0.9)}\n`);
    process.stdout.write(`    pagefind  ${ms('pagefindWarm', 0.5)} / ${ms('pagefindWarm', 0.9)}\n`);
    process.stdout.write(`\nIndex size on disk\n`);
    process.stdout.write(`  insyn     public/sok/data/: ${kb(oursData.bytes)} in ${oursData.files} files; `
      + `+ scripts (analyzer.js, search.js) ${kb(oursScripts)}\n`);
    process.stdout.write(`  pagefind  pagefind/ bundle: ${kb(pfBundle.bytes)} in ${pfBundle.files} files `
      + `(of which ${kb(pfUi)} `
      + `are its UI scripts, styles and highlighter, which this benchmark does not load)\n`);
    if (opts.perQuery) {
      process.stdout.write('\nPer query (loose hit, insyn / pagefind; cold raw bytes)\n');
      queries.forEach((q, i) => {
        const mark = (r) => (r.hit ? 'hit ' : 'MISS');
        process.stdout.write(`  ${pad(q.kind, 17)} ${pad(JSON.stringify(q.q), 34)} ${mark(a[i])} ${lpad(kb(a[i].cold.raw), 9)} | `
          + `${mark(b[i])} ${lpad(kb(b[i].cold.raw), 9)}  pf top: ${theirs[i].urls.slice(0, 3).join(' ')}\n`);
      });
    }
    if (opts.missed) await printMissed(opts.pub, opts.missed, queries, relevant, ours, theirs);
  } finally {
    fs.rmSync(site, { recursive: true, force: true });
  }
}

main().catch((e) => { process.stderr.write(String((e && e.stack) || e) + '\n'); process.exit(1); });
