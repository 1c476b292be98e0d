#!/usr/bin/env node
// Bytes a search on the static site downloads: for each query, in a fresh client (a cold
// browser), the search data files it fetches, plus the fixed cost of the search page (its
// HTML, which carries analyzer.js, search.js and meta.json, and its stylesheet). Prints one JSON line per query with raw and
// gzip sizes (static hosts compress), then the median and 90th percentile. For comparisons
// with other engines (e.g. Pagefind) on the same built site.
//
// usage: node tests/js/search_bytes.js <public-dir> <query> [<query> …]
//        node tests/js/search_bytes.js <public-dir> --queries tests/search/queries.json [site]
'use strict';

const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const Search = require(path.join(__dirname, '..', '..', 'themes', 'default', 'static', 'js', 'search.js'));

function sizes(text) {
  const buf = Buffer.from(text, 'utf8');
  return { raw: buf.length, gzip: zlib.gzipSync(buf, { level: 9 }).length };
}

function percentile(values, p) {
  const v = values.slice().sort((a, b) => a - b);
  return v[Math.min(v.length - 1, Math.floor(p * v.length))];
}

async function main() {
  const args = process.argv.slice(2);
  const pub = args.shift();
  let queries = args;
  if (args[0] === '--queries') {
    const site = args[2] || 'repo';
    queries = JSON.parse(fs.readFileSync(args[1], 'utf8')).queries.filter((q) => q.site === site).map((q) => q.q);
  }
  if (!pub || !queries.length) {
    process.stderr.write('usage: search_bytes.js <public-dir> <query>… | --queries <file> [site]\n');
    process.exit(2);
  }
  const html = fs.readFileSync(path.join(pub, 'sok', 'index.html'), 'utf8');
  const css = (html.match(/href="[^"]*?(assets\/main\.[0-9a-f]+\.css)"/) || [])[1];
  const fixedFiles = ['sok/index.html'].concat(css ? [css] : []);
  const fixed = fixedFiles.map((f) => sizes(fs.readFileSync(path.join(pub, f), 'utf8')))
    .reduce((a, b) => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip }), { raw: 0, gzip: 0 });
  const totals = [];
  for (const q of queries) {
    const fetched = [];
    const engine = new Search.Engine({
      base: '/sok/data/',
      fetchText: async (url) => {
        const text = fs.readFileSync(path.join(pub, url), 'utf8');
        // The page carries meta.json (counted with it).
        if (!url.endsWith('/meta.json')) fetched.push(sizes(text));
        return text;
      }
    });
    const res = await engine.search(q, {}, 0, 10);
    const data = fetched.reduce((a, b) => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip }), { raw: 0, gzip: 0 });
    const total = { raw: data.raw + fixed.raw, gzip: data.gzip + fixed.gzip };
    totals.push(total);
    process.stdout.write(JSON.stringify({ q, results: res.total, files: fetched.length, data, fixed, total }) + '\n');
  }
  const pick = (k) => totals.map((t) => t[k]);
  process.stdout.write(JSON.stringify({
    queries: queries.length,
    median: { raw: percentile(pick('raw'), 0.5), gzip: percentile(pick('gzip'), 0.5) },
    p90: { raw: percentile(pick('raw'), 0.9), gzip: percentile(pick('gzip'), 0.9) }
  }) + '\n');
}

main().catch((e) => { process.stderr.write(String(e && e.stack || e) + '\n'); process.exit(1); });
