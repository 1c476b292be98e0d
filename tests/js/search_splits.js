#!/usr/bin/env node
// Driver for tests/search.rs: splits each word given with the browser client's compound
// splitter, which only sees the vocabulary of the term shards it downloads, and prints one
// JSON line per word: the stems of its parts, or null. The Rust test compares them with the
// index's splitter over the whole vocabulary.
//
// usage: search_splits.js <public-dir> <word> [<word> …]
'use strict';

const fs = require('fs');
const path = require('path');
const Search = require(path.join(__dirname, '..', '..', 'themes', 'default', 'static', 'js', 'search.js'));

async function main() {
  const [pub, ...words] = process.argv.slice(2);
  const fetchText = async (url) => fs.readFileSync(path.join(pub, url), 'utf8');
  for (const w of words) {
    const engine = new Search.Engine({ base: '/sok/data/', fetchText });
    const meta = await engine.meta();
    process.stdout.write(JSON.stringify(await engine.split(meta, w)) + '\n');
  }
}

main().catch((e) => { process.stderr.write(String(e && e.stack || e) + '\n'); process.exit(1); });
