#!/usr/bin/env node
// Benchmark (not a test): Insyn's static search compared with Pagefind on the same built site.
//
// Takes a built `public/` (or builds it with `--build`), copies it to a temporary folder, runs
// Pagefind's indexer on the copy (Node API, Swedish forced), then runs every query of
// tests/search/queries.json whose `site` is `repo` through
//   (a) our client, themes/default/static/js/search.js, in node with a file fetch, and
//   (b) Pagefind's client, /pagefind/pagefind.js, in headless Chromium (Debian's) against a
//       tiny local static server, a fresh browser context per query,
// and prints per query kind: hit rate (every expected page in the top 10), recall@10, mean
// reciprocal rank, bytes of a cold first query (median and p90) and of a warm one, and the
// index size on disk of each engine. Nothing is downloaded at run time.
//
// usage: cargo run --release -- build && node tests/js/pagefind_compare.mjs
//        node tests/js/pagefind_compare.mjs [--build] [--public DIR] [--per-query] [--dump FILE]
// --dump writes every query's raw results and byte counts of both engines as JSON.
//
// Needs `npm ci --prefix tests/browser` (playwright-core, pagefind) and /usr/bin/chromium.
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const require = createRequire(import.meta.url);
const browserModules = path.join(root, 'tests', 'browser', 'node_modules');
const KINDS = ['identifier', 'person', 'inflection', 'compound', 'compound-reverse', 'phrase',
  'diacritics', 'typo', 'plain'];
const TOP = 10;

function parseArgs(argv) {
  const opts = { build: false, pub: path.join(root, 'public'), perQuery: false, dump: null };
  for (let i = 0; i < argv.length; i += 1) {
    const a = argv[i];
    if (a === '--build') opts.build = true;
    else if (a === '--per-query') opts.perQuery = true;
    else if (a === '--public') opts.pub = path.resolve(argv[++i] || '');
    else if (a === '--dump') opts.dump = path.resolve(argv[++i] || '');
    else {
      process.stderr.write('usage: node tests/js/pagefind_compare.mjs [--build] [--public DIR] [--per-query] [--dump FILE]\n');
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

// Hit (every expected URL in the top 10), recall@10 and reciprocal rank of the first expected URL.
function score(expect, top) {
  const found = expect.filter((u) => top.includes(u)).length;
  const firstRank = top.findIndex((u) => expect.includes(u));
  return {
    hit: found === expect.length,
    recall: found / Math.min(expect.length, TOP),
    rr: firstRank < 0 ? 0 : 1 / (firstRank + 1),
  };
}

function percentile(values, p) {
  const v = values.slice().sort((a, b) => a - b);
  return v[Math.min(v.length - 1, Math.floor(p * v.length))];
}

// --- (a) our client in node ---------------------------------------------------------------

async function runOurs(pub, queries) {
  const Search = require(path.join(root, 'themes', 'default', 'static', 'js', 'search.js'));
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
    out.push({ urls: res.results.map((r) => r.url), cold, warm: fetched });
  }
  return out;
}

// --- (b) Pagefind ---------------------------------------------------------------------------

async function indexWithPagefind(site) {
  const entry = path.join(browserModules, 'pagefind', 'lib', 'index.js');
  if (!fs.existsSync(entry)) fail('pagefind is not installed: run `npm ci --prefix tests/browser`');
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
  const version = JSON.parse(fs.readFileSync(path.join(browserModules, 'pagefind', 'package.json'), 'utf8')).version;
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

// --- report ----------------------------------------------------------------------------------

const kb = (b) => `${(b / 1024).toFixed(1)} KB`;
const pct = (x) => `${Math.round(x * 100)} %`;
const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);

function summarise(rows) {
  const mean = (k) => rows.reduce((a, r) => a + r[k], 0) / rows.length;
  return {
    n: rows.length,
    hit: rows.filter((r) => r.hit).length,
    recall: mean('recall'),
    mrr: mean('rr'),
    hitStrict: rows.filter((r) => r.hitStrict).length,
    coldMedian: percentile(rows.map((r) => r.cold.raw), 0.5),
    coldP90: percentile(rows.map((r) => r.cold.raw), 0.9),
    coldGzipMedian: percentile(rows.map((r) => r.cold.gzip), 0.5),
    warmMedian: percentile(rows.map((r) => r.warm.raw), 0.5),
  };
}

function printTable(title, queries, ours, theirs) {
  const rows = (engine, strictKey) => queries.map((q, i) => {
    const r = engine[i];
    const loose = score(q.expect.map(stripAnchor), [...new Set(r.urls.map(stripAnchor))].slice(0, TOP));
    const strict = score(q.expect, r[strictKey]);
    return { kind: q.kind, ...loose, hitStrict: strict.hit, cold: r.cold, warm: r.warm };
  });
  const a = rows(ours, 'urls');
  const b = rows(theirs, 'anchored');
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
    if (opts.dump) {
      fs.writeFileSync(opts.dump, JSON.stringify(queries.map((q, i) => ({ ...q, insyn: ours[i], pagefind: theirs[i] })), null, 1));
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
    const { a, b } = printTable('Quality and bytes per query', queries, ours, theirs);
    process.stdout.write(`
hit@10: queries with every expected page in the top 10, URLs compared WITHOUT the #anchor
  (Pagefind ranks pages; its result URLs carry no anchor). recall@10 and MRR use the same rule.
hit#: the stricter anchor-exact rate: an expected URL with an #anchor must appear exactly —
  for insyn among its top 10 results, for Pagefind among its top 10 pages' sub-results.
cold: bytes a fresh browser downloads for the first query: insyn = analyzer.js + search.js + the
  data files it fetches (read in node); Pagefind = every response its JS triggers in a fresh
  Chromium context, its web worker's included (pagefind.js, pagefind-worker.js, WebAssembly,
  entry, meta, index chunks, fragments of the top ${TOP} results).
  The host page itself is not counted for either. Raw bytes as stored on disk, served without
  compression (Pagefind's data files are gzipped by Pagefind itself); "gz" = each file gzip -9'd.
warm: bytes the next query of the set downloads in the same client right after.
`);
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
  } finally {
    fs.rmSync(site, { recursive: true, force: true });
  }
}

main().catch((e) => { process.stderr.write(String((e && e.stack) || e) + '\n'); process.exit(1); });
