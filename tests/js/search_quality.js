#!/usr/bin/env node
// Search-quality suite for the browser search client: runs every query of a query file whose
// `site` matches through themes/default/static/js/search.js against a built site's public/
// folder (read from disk through the client's pluggable fetch), each query in a fresh engine
// as a cold browser would, and prints one JSON line per query: the query, the top 10 pages,
// whether every expected URL is among them or their sub-results (and in the first page, where
// required), the bytes of search data fetched and the longest chain of requests that waited for
// one another (`steps`, meta.json included). Also fails a query whose results list a page twice.
// Exits 1 if any query fails.
//
// usage: search_quality.js <public-dir> <queries.json> <site>
'use strict';

const fs = require('fs');
const path = require('path');
const Search = require(path.join(__dirname, '..', '..', 'themes', 'default', 'static', 'js', 'search.js'));

async function main() {
  const [pub, queriesFile, site] = process.argv.slice(2);
  if (!site) {
    process.stderr.write('usage: search_quality.js <public-dir> <queries.json> <site>\n');
    process.exit(2);
  }
  const queries = JSON.parse(fs.readFileSync(queriesFile, 'utf8')).queries.filter((q) => q.site === site);
  let failed = 0;
  for (const q of queries) {
    // A request made after others have arrived may have waited for them: its step is one more
    // than the latest step arrived. Files arrive on a later turn of the event loop, so the
    // requests the client makes together share a step.
    let arrived = 0;
    const fetchText = (url) => {
      const step = arrived + 1;
      return new Promise((resolve) => setImmediate(() => {
        arrived = Math.max(arrived, step);
        resolve(fs.readFileSync(path.join(pub, url), 'utf8'));
      }));
    };
    const engine = new Search.Engine({ base: '/sok/data/', fetchText });
    const res = await engine.search(q.q, {}, 0, 10);
    const urls = res.results.map((r) => r.url);
    const listed = res.results.flatMap((r) => [r.url, ...r.sub.map((s) => s.url)]);
    const missing = q.expect.filter((u) => listed.indexOf(u) < 0);
    const first = res.results[0];
    const firstOk = !q.first || (first !== undefined && [first.url, ...first.sub.map((s) => s.url)].includes(q.expect[0]));
    const unique = new Set(urls).size === urls.length;
    const ok = missing.length === 0 && firstOk && unique;
    if (!ok) failed += 1;
    process.stdout.write(JSON.stringify({
      q: q.q, kind: q.kind, ok, missing, firstOk, unique, total: res.total, top: listed,
      files: engine.stats.files, bytes: engine.stats.bytes, steps: arrived
    }) + '\n');
  }
  process.stdout.write(JSON.stringify({ site, queries: queries.length, failed }) + '\n');
  process.exit(failed ? 1 : 0);
}

main().catch((e) => {
  process.stderr.write(String(e && e.stack || e) + '\n');
  process.exit(2);
});
