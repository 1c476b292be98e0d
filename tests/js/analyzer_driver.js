#!/usr/bin/env node
// Driver for tests/analyzer_conformance.rs: runs the browser analyzer on the cases in the
// file given as the only argument and prints one JSON line per case, in the format the Rust
// test prints for the Rust analyzer.
//
// Input: JSON lines. The first is ["vocabulary", [word, ...]] (word occurrences for the
// compound splitter); the others are ["word", w], ["tokenize", text] or ["query", text].
'use strict';

const fs = require('fs');
const path = require('path');
const A = require(path.join(__dirname, '..', '..', 'themes', 'default', 'static', 'js', 'analyzer.js'));

/** Maps UTF-16 offsets of `text` to UTF-8 byte offsets, as the Rust analyzer reports them. */
function byteOffsets(text) {
  const map = new Array(text.length + 1);
  let bytes = 0;
  let i = 0;
  for (const c of text) {
    map[i] = bytes;
    if (c.length === 2) map[i + 1] = bytes;
    i += c.length;
    const cp = c.codePointAt(0);
    bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  map[i] = bytes;
  return map;
}

function tokenRows(text, tokens) {
  const bytes = byteOffsets(text);
  return tokens.map((t) => [t.kind, t.text, t.folded, t.word, bytes[t.start], bytes[t.end]]);
}

function main() {
  const file = process.argv[2];
  if (!file) {
    process.stderr.write('usage: analyzer_driver.js <input.jsonl>\n');
    process.exit(2);
  }
  const lines = fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.length > 0);
  const [tag, vocabulary] = JSON.parse(lines[0]);
  if (tag !== 'vocabulary') throw new Error('the first line must be the vocabulary');
  const splitter = new A.CompoundSplitter(vocabulary);
  const distinct = Array.from(new Set(vocabulary));
  const out = [];
  for (const line of lines.slice(1)) {
    const [op, input] = JSON.parse(line);
    if (op === 'word') {
      const word = A.normalizeWord(input);
      out.push(JSON.stringify({
        op, input, word, stem: A.stem(word), fold: A.fold(word), folded: A.foldedKey(word),
        split: splitter.split(word)
      }));
    } else if (op === 'tokenize') {
      out.push(JSON.stringify({ op, input, tokens: tokenRows(input, A.tokenize(input)) }));
    } else if (op === 'query') {
      const tokens = A.normalizeQuery(input);
      const words = tokens.filter((t) => t.kind === 'word').map((t) => [
        t.word,
        splitter.split(t.word),
        distinct.filter((v) => A.withinOneEdit(t.word, v))
      ]);
      out.push(JSON.stringify({ op, input, tokens: tokenRows(input, tokens), words }));
    } else {
      throw new Error('unknown operation ' + op);
    }
  }
  process.stdout.write(out.join('\n') + '\n');
}

main();
