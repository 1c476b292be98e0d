/*
 * Insyn's search client: queries the static search files that `insyn build` writes to
 * sok/data/ (format documented in src/search/export.rs), fetching only the term shards a
 * query's words fall in, and the documents of the results shown. No dependencies besides
 * analyzer.js (the twin of the Rust analyzer, so queries are normalised exactly as the index
 * was), no build step, no third-party requests. Plain ES2018.
 *
 * In a browser it defines the global `InsynSearch` and, on a page with [data-search-app],
 * runs the search page. In node it is `module.exports`; pass `fetchText` to read files.
 *
 * Matching, per word of the query: the exact stem (weight 1), a term that is the stem plus
 * or minus an ending of up to three letters the stemmer keeps (0.9; `hälsosamtalet` →
 * `hälsosamtal`), its compound parts (0.8: every
 * part must match; `hyrpersonal` → `hyr` + `personal`), the same word without diacritics (0.7;
 * `vardskador` → `vårdskador`), and a word one edit away for words of 6 letters or more (0.4;
 * `akutmotagning`; also against the index's word forms). Every word must match; if no document has all, documents with most of
 * them come first. Quoted phrases are checked against the candidates' texts, best first, until
 * the results asked for are filled.
 *
 * Results are pages: the sections of a page (a report's) that match are listed under it,
 * best first, and the page ranks by its best-matching document.
 */
(function (root, factory) {
  'use strict';
  if (typeof module === 'object' && module && module.exports) {
    module.exports = factory(require('./analyzer.js'));
  } else {
    root.InsynSearch = factory(root.InsynAnalyzer);
  }
})(typeof self !== 'undefined' ? self : this, function (A) {
  'use strict';

  var WEIGHTS = { exact: 1, ending: 0.9, compound: 0.8, folded: 0.7, typo: 0.4 };
  /** Documents checked for a phrase at a time. */
  var PHRASE_BATCH = 20;
  /** Score factor of a document whose title (a section's heading) holds every phrase. */
  var TITLE_PHRASE = 2;
  /** Sections listed under a page. */
  var SUBRESULTS = 3;
  /** Characters of a section's excerpt: shorter than a page's, so a phone shows more pages. */
  var SUB_EXCERPT = 160;
  /** The compound splitter needs at least a 3-letter modifier and a 4-letter head. */
  var MIN_SPLIT = 7;

  function utf8Length(s) {
    var n = 0;
    for (var i = 0; i < s.length; i++) {
      var c = s.charCodeAt(i);
      if (c < 0x80) n += 1;
      else if (c < 0x800) n += 2;
      else if (c >= 0xd800 && c <= 0xdbff) { n += 4; i++; } else n += 3;
    }
    return n;
  }

  function hex(s) {
    if (s === '') return '_';
    var out = '';
    var bytes = unescape(encodeURIComponent(s));
    for (var i = 0; i < bytes.length; i++) {
      var h = bytes.charCodeAt(i).toString(16);
      out += h.length === 1 ? '0' + h : h;
    }
    return out;
  }

  /** Whether one folded term is the other plus 1–3 letters, the shorter at least 5 long. */
  function endingVariant(a, b) {
    var short = a.length <= b.length ? a : b;
    var long = a.length <= b.length ? b : a;
    var extra = Array.from(long).length - Array.from(short).length;
    return Array.from(short).length >= 5 && extra >= 1 && extra <= 3 && long.slice(0, short.length) === short;
  }

  function isPrimary(t) { return t.kind === 'word' || t.kind === 'identifier'; }

  /** Words and identifiers of a query (one group each) and its quoted phrases. */
  function parseQuery(query) {
    var groups = [];
    A.normalizeQuery(query.replace(/"/g, ' ')).forEach(function (t) {
      if (!isPrimary(t) || groups.some(function (g) { return g.text === t.text; })) return;
      groups.push({ text: t.text, folded: t.folded, word: t.word, identifier: t.kind === 'identifier' });
    });
    var phrases = [];
    var pieces = query.split('"');
    for (var i = 1; i < pieces.length - 1; i += 2) {
      var terms = A.normalizeQuery(pieces[i]).filter(isPrimary).map(function (t) { return t.text; });
      if (terms.length > 1) phrases.push(terms);
    }
    return { groups: groups, phrases: phrases };
  }

  /**
   * A search engine over the files below `options.base` (e.g. '/sok/data/').
   * `options.fetchText(url)` returns a promise of the file's text; by default `fetch`.
   * `options.prefetched` maps paths below the base to promises of their text already under
   * way (the search page starts meta.json and the query's shards before this script runs).
   */
  function Engine(options) {
    this.base = options.base.replace(/\/?$/, '/');
    this.prefetched = options.prefetched || {};
    this.fetchText = options.fetchText || function (url) {
      return fetch(url).then(function (r) {
        if (!r.ok) throw new Error(url + ': ' + r.status);
        return r.text();
      });
    };
    this.cache = new Map();
    this.stats = { files: 0, bytes: 0 };
  }

  Engine.prototype.load = function (path) {
    var self = this;
    if (!this.cache.has(path)) {
      var url = this.base + path;
      var started = this.prefetched[path];
      var text = started
        ? started.catch(function () { return self.fetchText(url); })
        : this.fetchText(url);
      // Shared both ways: the page's prefetch does not start what the engine already has.
      if (!started) this.prefetched[path] = text;
      this.cache.set(path, text.then(function (text) {
        self.stats.files += 1;
        self.stats.bytes += utf8Length(text);
        return JSON.parse(text);
      }));
    }
    return this.cache.get(path);
  };

  Engine.prototype.meta = function () { return this.load('meta.json'); };

  /** The shard prefix of a folded key: the longest listed prefix of it. */
  Engine.prototype.shardOf = function (meta, key) {
    var best = null;
    meta.shards.forEach(function (p) {
      if (key.slice(0, p.length) === p && (best === null || p.length > best.length)) best = p;
    });
    return best;
  };

  /** Loads the shards of the given keys; resolves to their entries. */
  Engine.prototype.entries = function (meta, keys) {
    var self = this;
    var names = [];
    keys.forEach(function (k) {
      var s = self.shardOf(meta, k);
      if (s !== null && names.indexOf(s) < 0) names.push(s);
    });
    return Promise.all(names.map(function (s) { return self.load('t/' + hex(s) + '.json'); }))
      .then(function (shards) { return [].concat.apply([], shards); });
  };

  Engine.prototype.postings = function (entry) {
    var p = entry[4];
    var decode = function (flat) {
      var out = [];
      var doc = 0;
      for (var i = 0; i < flat.length; i += 3) {
        doc += flat[i];
        out.push([doc, flat[i + 1], flat[i + 2]]);
      }
      return out;
    };
    if (typeof p === 'string') return this.load('p/' + p + '.json').then(decode);
    return Promise.resolve(decode(p));
  };

  /**
   * The alternatives of one query word: [{entries, weight, parts?}], plus the terms to
   * highlight. Exact and folded matches and typos come from the word's own shard; compound
   * parts from the entry's precomputed split or, for a word the index does not know, from the
   * client's compound splitter over the shards where the word's possible parts begin.
   */
  Engine.prototype.expand = async function (meta, g) {
    var keys = [A.fold(g.text), g.folded];
    var entries = await this.entries(meta, keys);
    var alts = [];
    var highlight = { terms: [g.text], folded: [g.folded], parts: g.identifier ? [] : [g.text] };
    var exact = entries.filter(function (e) { return e[0] === g.text; });
    if (exact.length) alts.push({ entries: exact, weight: WEIGHTS.exact });
    if (!g.identifier) {
      var folded = entries.filter(function (e) { return e[1] === g.folded && e[0] !== g.text; });
      if (folded.length) alts.push({ entries: folded, weight: WEIGHTS.folded });
      folded.forEach(function (e) { highlight.terms.push(e[0]); });
      // Endings the stemmer leaves (`hälsosamtalet`, `biblioteket`): a term that is the
      // query's stem plus or minus up to three letters, both at least five letters long.
      var inflected = entries.filter(function (e) {
        return e[0] !== g.text && e[1] !== g.folded && endingVariant(e[1], g.folded);
      });
      if (inflected.length) alts.push({ entries: inflected, weight: WEIGHTS.ending });
      inflected.forEach(function (e) { highlight.terms.push(e[0]); });
      if (Array.from(g.folded).length >= 6) {
        var foldedWord = A.fold(g.word);
        var typos = entries.filter(function (e) {
          if (e[0] === g.text || e[1] === g.folded || inflected.indexOf(e) >= 0) return false;
          return A.withinOneEdit(e[1], g.folded) || e[2].some(function (wc) {
            return A.withinOneEdit(A.fold(wc[0]), foldedWord);
          });
        });
        if (typos.length) alts.push({ entries: typos, weight: WEIGHTS.typo });
        typos.forEach(function (e) { highlight.terms.push(e[0]); });
      }
      var parts = null;
      // A compound the index knows is also looked up by its parts, unless it already has
      // postings of its own in a file (more than a page of documents): then the parts add
      // little to the first page and would cost a large download on a large site.
      if (exact.length && exact[0][3] && typeof exact[0][4] !== 'string') {
        parts = exact[0][3];
      } else if (!exact.length && Array.from(g.word).length >= MIN_SPLIT) {
        parts = await this.split(meta, g.word);
      }
      if (parts) {
        var partEntries = await this.entries(meta, parts.map(A.fold));
        var groups = parts.map(function (p) {
          return partEntries.filter(function (e) { return e[0] === p; });
        });
        if (groups.every(function (x) { return x.length; })) {
          alts.push({ parts: groups, weight: WEIGHTS.compound });
          highlight.parts = highlight.parts.concat(parts);
        }
      }
    }
    return { alts: alts, highlight: highlight };
  };

  /** Splits a word unknown to the index with the vocabulary of the shards its parts need. */
  Engine.prototype.split = async function (meta, word) {
    var chars = Array.from(word);
    var keys = [];
    for (var i = 0; i + 4 <= chars.length; i++) {
      if (i === 0 || i >= 3) keys.push(A.fold(chars.slice(i).join('')));
    }
    var entries = await this.entries(meta, keys);
    var vocabulary = [];
    entries.forEach(function (e) {
      e[2].forEach(function (wc) {
        for (var n = 0; n < wc[1]; n++) vocabulary.push(wc[0]);
      });
    });
    var parts = new A.CompoundSplitter(vocabulary).split(word);
    return parts ? parts.map(A.stem) : null;
  };

  /** Score of every document for one alternative: Map doc → [score, facet]. */
  Engine.prototype.altScores = async function (alt) {
    var self = this;
    var lists = async function (entries) {
      var map = new Map();
      var all = await Promise.all(entries.map(function (e) { return self.postings(e); }));
      all.forEach(function (postings) {
        postings.forEach(function (p) {
          var prev = map.get(p[0]);
          if (!prev || prev[0] < p[1]) map.set(p[0], [p[1], p[2]]);
        });
      });
      return map;
    };
    if (!alt.parts) {
      var m = await lists(alt.entries);
      m.forEach(function (v) { v[0] *= alt.weight; });
      return m;
    }
    var maps = await Promise.all(alt.parts.map(lists));
    var out = new Map();
    maps[0].forEach(function (v, doc) {
      var sum = 0;
      for (var i = 0; i < maps.length; i++) {
        var x = maps[i].get(doc);
        if (!x) return;
        sum += x[0];
      }
      out.set(doc, [alt.weight * sum / maps.length, v[1]]);
    });
    return out;
  };

  Engine.prototype.doc = function (id) { return this.load('f/' + id + '.json'); };

  /**
   * Runs a query. `filters` = {typ, ar, organ} (each a value or ''); `offset`, `limit` page the
   * results, which are pages. Resolves to {total, complete, results, facets, query}; each
   * result has title, url, type, typeLabel, date, organ, excerpt (segments [{text, mark}];
   * empty when only sections of the page matched) and `sub`, its best-matching sections
   * [{title, url, titleMarks, excerpt}]. `complete` is false when a phrase was checked in only
   * the best candidates, so that `total` is a lower bound. `onPages(found)`, if given, is
   * called with the same object as soon as the pages can be shown, before their sections'
   * files have arrived (`sub` still empty); the promise resolves when `sub` is filled.
   */
  Engine.prototype.search = async function (query, filters, offset, limit, onPages) {
    filters = filters || {};
    offset = offset || 0;
    limit = limit || 10;
    var self = this;
    var meta = await this.meta();
    var parsed = parseQuery(query);
    var empty = { total: 0, complete: true, results: [], facets: { typ: [], ar: [], organ: [] }, query: parsed };
    if (!parsed.groups.length) return empty;
    var expanded = await Promise.all(parsed.groups.map(function (g) { return self.expand(meta, g); }));
    // Per document: summed group scores, number of groups matched, facet.
    var docs = new Map();
    // Every group's postings are fetched at once.
    var scored = await Promise.all(expanded.map(function (e) {
      return Promise.all(e.alts.map(function (a) { return self.altScores(a); }));
    }));
    for (var gi = 0; gi < expanded.length; gi++) {
      var best = new Map();
      scored[gi].forEach(function (m) {
        m.forEach(function (v, doc) {
          var prev = best.get(doc);
          if (!prev || prev[0] < v[0]) best.set(doc, v);
        });
      });
      best.forEach(function (v, doc) {
        var d = docs.get(doc) || { doc: doc, score: 0, groups: 0, facet: v[1] };
        d.score += v[0];
        d.groups += 1;
        docs.set(doc, d);
      });
    }
    var ranked = Array.from(docs.values());
    var all = ranked.filter(function (d) { return d.groups === expanded.length; });
    if (all.length) ranked = all;
    ranked.sort(function (a, b) {
      return b.groups - a.groups || b.score - a.score || a.doc - b.doc;
    });
    var pageOf = this.pageOf(meta);
    var passes = function (d) {
      var f = meta.facets[d.facet];
      return (!filters.typ || meta.types[f[0]][0] === filters.typ) &&
        (!filters.ar || String(f[1]) === String(filters.ar)) &&
        (!filters.organ || f[2].some(function (o) { return meta.organs[o] === filters.organ; }));
    };
    var complete = true;
    if (parsed.phrases.length) {
      var verified = await this.verifyPhrases(ranked, parsed.phrases, function (kept) {
        return groupPages(kept, pageOf).filter(passes).length >= offset + limit;
      });
      ranked = verified.docs;
      complete = verified.complete;
    }
    var pages = groupPages(ranked, pageOf);
    var facets = countFacets(meta, pages);
    var filtered = pages.filter(passes);
    var listed = filtered.slice(offset, offset + limit);
    var highlight = { terms: [], folded: [], parts: [] };
    expanded.forEach(function (e) {
      highlight.terms = highlight.terms.concat(e.highlight.terms);
      highlight.folded = highlight.folded.concat(e.highlight.folded);
      highlight.parts = highlight.parts.concat(e.highlight.parts);
    });
    // Each page is shown from one file (its own, or its best section's when only sections
    // matched); those files are requested first, the other sections' files after them.
    var shown = listed.map(function (p) {
      var whole = p.docs.some(function (d) { return d.doc === p.page; });
      var sections = p.docs.filter(function (d) { return d.doc !== p.page; }).slice(0, SUBRESULTS);
      return { page: p, whole: whole, sections: sections, file: self.doc(whole ? p.page : sections[0].doc) };
    });
    shown.forEach(function (x) {
      x.subFiles = Promise.all(x.sections.map(function (d) { return self.doc(d.doc); }));
    });
    var results = await Promise.all(shown.map(async function (x) {
      var doc = await x.file;
      var title = x.whole ? doc.t : doc.p;
      var label = meta.types.filter(function (t) { return t[0] === doc.k; });
      return {
        id: x.page.page,
        score: x.page.score,
        title: title,
        url: doc.u.replace(/#.*$/, ''),
        type: doc.k,
        typeLabel: label.length ? label[0][1] : doc.k,
        date: doc.d,
        organ: doc.o,
        titleMarks: markText(title, highlight, false),
        excerpt: x.whole ? markText(doc.b, highlight, true) : [],
        sub: []
      };
    }));
    var found = { total: filtered.length, complete: complete, results: results, facets: facets, query: parsed };
    if (onPages) onPages(found);
    await Promise.all(shown.map(async function (x, i) {
      var files = await x.subFiles;
      results[i].sub = x.sections.map(function (d, j) {
        var s = files[j];
        var heading = s.h || s.t;
        return {
          id: d.doc,
          score: d.score,
          title: heading,
          url: s.u,
          titleMarks: markText(heading, highlight, false),
          excerpt: markText(s.b, highlight, true, SUB_EXCERPT)
        };
      });
    }));
    return found;
  };

  /** The page of each document: a function doc → the document of its whole page. */
  Engine.prototype.pageOf = function (meta) {
    if (!this.pages) {
      var pages = new Map();
      (meta.sections || []).forEach(function (run) {
        for (var i = 0; i < run[2]; i++) pages.set(run[1] + i, run[0]);
      });
      this.pages = function (doc) { return pages.has(doc) ? pages.get(doc) : doc; };
    }
    return this.pages;
  };

  /**
   * The ranked documents that hold every phrase, in order. They are checked in batches, best
   * first, until `enough(kept)` says the results asked for are filled; `complete` tells
   * whether every candidate was checked.
   */
  Engine.prototype.verifyPhrases = async function (ranked, phrases, enough) {
    var self = this;
    var kept = [];
    var i = 0;
    while (i < ranked.length && !enough(kept)) {
      var batch = ranked.slice(i, i + PHRASE_BATCH);
      var texts = await Promise.all(batch.map(function (d) { return self.doc(d.doc); }));
      batch.forEach(function (d, j) {
        var stems = function (text) {
          return A.tokenize(text).filter(isPrimary).map(function (t) { return t.text; });
        };
        var terms = stems(texts[j].t + '\n' + texts[j].b);
        if (!phrases.every(function (p) { return containsSequence(terms, p); })) return;
        // A page whose title is the phrase is about it; others may only mention it.
        var title = stems(texts[j].h || texts[j].t);
        var inTitle = phrases.every(function (p) { return containsSequence(title, p); });
        kept.push(inTitle ? { doc: d.doc, score: d.score * TITLE_PHRASE, groups: d.groups, facet: d.facet } : d);
      });
      i += batch.length;
    }
    kept.sort(function (a, b) { return b.groups - a.groups || b.score - a.score || a.doc - b.doc; });
    return { docs: kept, complete: i >= ranked.length };
  };

  /**
   * Ranked documents grouped by page, pages in the order of their best document: [{page,
   * score, facet, docs}], `docs` best first.
   */
  function groupPages(ranked, pageOf) {
    var pages = new Map();
    var order = [];
    ranked.forEach(function (d) {
      var p = pageOf(d.doc);
      var g = pages.get(p);
      if (!g) {
        g = { page: p, score: d.score, facet: d.facet, docs: [] };
        pages.set(p, g);
        order.push(g);
      }
      g.docs.push(d);
    });
    return order;
  }

  function containsSequence(terms, seq) {
    for (var i = 0; i + seq.length <= terms.length; i++) {
      var ok = true;
      for (var j = 0; j < seq.length && ok; j++) ok = terms[i + j] === seq[j];
      if (ok) return true;
    }
    return false;
  }

  function countFacets(meta, docs) {
    var typ = new Map();
    var ar = new Map();
    var organ = new Map();
    var bump = function (m, k) { m.set(k, (m.get(k) || 0) + 1); };
    docs.forEach(function (d) {
      var f = meta.facets[d.facet];
      bump(typ, meta.types[f[0]][0]);
      if (f[1]) bump(ar, String(f[1]));
      f[2].forEach(function (o) { bump(organ, meta.organs[o]); });
    });
    var list = function (m, sort) {
      return Array.from(m.entries()).sort(sort).map(function (e) { return { value: e[0], count: e[1] }; });
    };
    return {
      typ: list(typ, function (a, b) {
        var ia = meta.types.findIndex(function (t) { return t[0] === a[0]; });
        var ib = meta.types.findIndex(function (t) { return t[0] === b[0]; });
        return ia - ib;
      }).map(function (x) {
        x.label = meta.types.filter(function (t) { return t[0] === x.value; })[0][1];
        return x;
      }),
      ar: list(ar, function (a, b) { return b[0] < a[0] ? -1 : b[0] > a[0] ? 1 : 0; }),
      organ: list(organ, function (a, b) { return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0; })
    };
  }

  /** Characters of text the analyzer reads at a time while looking for an excerpt's match. */
  var SCAN = 600;

  /** Whether a token of a text is one of the matched words. */
  function isMatch(t, h) {
    if (t.kind === 'joined' || t.kind === 'identifier_part') return false;
    return h.terms.indexOf(t.text) >= 0 || h.folded.indexOf(t.folded) >= 0 ||
      h.parts.some(function (p) { return Array.from(p).length >= 3 && t.word.indexOf(p) >= 0; });
  }

  /**
   * Where a piece of `text` that starts at `from` may end: at the first white space after
   * `from + SCAN` that stands between two letters, so that no word, identifier (`§ 172`,
   * `SOU 2019:20`) or hyphenated pair is cut and the piece's words are those of the whole text;
   * the text's end if there is none.
   */
  function pieceEnd(text, from) {
    var re = /\p{L}\s+(?=\p{L})/gu;
    re.lastIndex = from + SCAN;
    var m = re.exec(text);
    return m ? m.index + 1 : text.length;
  }

  /**
   * Splits `text` into segments [{text, mark}] marking the words that matched; with `excerpt`
   * only a window of about `length` characters (default 260) around the first match (or the
   * beginning) is kept. For an excerpt, the text is analysed a piece at a time until the first
   * match and the window are read: the analyzer's cost grows with the text, and most
   * documents match early.
   */
  function markText(text, h, excerpt, length) {
    text = text || '';
    var marks = [];
    var scanned = 0;
    var scan = function () {
      var end = excerpt ? pieceEnd(text, scanned) : text.length;
      A.tokenize(text.slice(scanned, end)).forEach(function (t) {
        if (isMatch(t, h)) marks.push([scanned + t.start, scanned + t.end]);
      });
      scanned = end;
    };
    do scan(); while (excerpt && scanned < text.length && !marks.length);
    var from = 0;
    var to = text.length;
    if (excerpt) {
      var first = marks.length ? marks[0][0] : 0;
      from = Math.max(0, first - Math.round((length || 260) / 3));
      if (from > 0) {
        var space = text.indexOf(' ', from);
        from = space >= 0 && space < first ? space + 1 : from;
      }
      to = Math.min(text.length, from + (length || 260));
      if (to < text.length) {
        var back = text.lastIndexOf(' ', to);
        to = back > from ? back : to;
      }
      while (scanned < to) scan();
    }
    var segs = [];
    var pos = from;
    var push = function (s, mark) {
      if (s) segs.push({ text: s.replace(/\s+/g, ' '), mark: mark });
    };
    if (excerpt && from > 0) push('… ', false);
    marks.forEach(function (m) {
      if (m[0] < from || m[1] > to) return;
      push(text.slice(pos, m[0]), false);
      push(text.slice(m[0], m[1]), true);
      pos = m[1];
    });
    push(text.slice(pos, to), false);
    if (excerpt && to < text.length) push(' …', false);
    return segs;
  }

  // ---------------------------------------------------------------- the search page

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) {
      e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    });
    return e;
  }

  function segments(parent, segs) {
    segs.forEach(function (s) {
      parent.appendChild(s.mark ? el('mark', {}, [s.text]) : document.createTextNode(s.text));
    });
    return parent;
  }

  var PAGE = 10;

  /** The search page's state in its URL: {q, typ, ar, organ}. */
  function urlState() {
    var p = new URLSearchParams(location.search);
    return { q: p.get('q') || '', typ: p.get('typ') || '', ar: p.get('ar') || '', organ: p.get('organ') || '' };
  }

  /**
   * On a search page that carries this script in its head (before its body is parsed), an
   * engine that has started the query of the URL: what it fetches (shards, postings, the
   * results' documents) is cached, so the page, once parsed, shows the results from it without
   * waiting for the fetches to begin. Null elsewhere.
   */
  function earlyEngine() {
    var meta = document.querySelector('script[data-search-meta]');
    if (!meta) return null;
    var engine = new Engine({
      base: meta.getAttribute('data-search-base'),
      prefetched: window.InsynPrefetch
    });
    var s = urlState();
    if (s.q.trim()) engine.search(s.q, s, 0, PAGE).catch(function () {});
    return engine;
  }

  function runPage(app, early) {
    var engine = early || new Engine({
      base: app.getAttribute('data-search-base'),
      prefetched: window.InsynPrefetch
    });
    var form = app.querySelector('form');
    var input = form.querySelector('input[name="q"]');
    var filters = app.querySelector('[data-search-filters]');
    var status = app.querySelector('[data-search-status]');
    var list = app.querySelector('[data-search-results]');
    var more = app.querySelector('[data-search-more]');
    var selects = {
      typ: filters.querySelector('select[name="typ"]'),
      ar: filters.querySelector('select[name="ar"]'),
      organ: filters.querySelector('select[name="organ"]')
    };
    var shown = 0;
    var generation = 0;

    var state = urlState;

    function setUrl(s) {
      var p = new URLSearchParams();
      ['q', 'typ', 'ar', 'organ'].forEach(function (k) { if (s[k]) p.set(k, s[k]); });
      var qs = p.toString();
      history.replaceState(null, '', location.pathname + (qs ? '?' + qs : ''));
    }

    function fillSelect(select, options, value) {
      while (select.options.length > 1) select.remove(1);
      options.forEach(function (o) {
        var opt = el('option', { value: o.value }, [(o.label || o.value) + ' (' + o.count + ')']);
        if (o.value === value) opt.selected = true;
        select.appendChild(opt);
      });
      if (value && !options.some(function (o) { return o.value === value; })) {
        select.appendChild(el('option', { value: value }, [value + ' (0)']));
        select.value = value;
      }
    }

    /** Appends the results' items (without their sections) and returns them. */
    function renderResults(results) {
      return results.map(function (r) {
        var link = el('a', { href: r.url, 'data-search-result': '' });
        segments(link, r.titleMarks);
        var facts = [r.typeLabel, r.date, r.organ].filter(Boolean).join(' · ');
        var item = el('li', { class: 'search-result' }, [
          el('h2', { class: 'search-result__title' }, [link]),
          el('p', { class: 'search-result__meta' }, [facts])
        ]);
        if (r.excerpt.length) item.appendChild(segments(el('p', { class: 'search-result__excerpt' }), r.excerpt));
        list.appendChild(item);
        return item;
      });
    }

    /** Lists each result's best-matching sections under its item. */
    function renderSections(items, results) {
      results.forEach(function (r, i) {
        if (!r.sub.length) return;
        var subs = el('ul', { class: 'search-subresults', 'aria-label': 'Avsnitt i ' + r.title });
        r.sub.forEach(function (s) {
          var a = el('a', { href: s.url, 'data-search-subresult': '' });
          segments(a, s.titleMarks);
          subs.appendChild(el('li', { class: 'search-subresult' }, [
            el('h3', { class: 'search-subresult__title' }, [a]),
            segments(el('p', { class: 'search-result__excerpt' }), s.excerpt)
          ]));
        });
        items[i].appendChild(subs);
      });
    }

    async function run(s, append) {
      var mine = ++generation;
      if (!s.q.trim()) {
        list.textContent = '';
        status.textContent = 'Skriv ett eller flera sökord.';
        filters.hidden = true;
        more.hidden = true;
        return;
      }
      status.textContent = 'Söker …';
      var offset = append ? shown : 0;
      var items = [];
      // The pages are shown and counted as soon as their files are in; their sections follow
      // (the list is marked busy until then).
      var pagesShown = false;
      var showPages = function (res) {
        if (mine !== generation) return;
        pagesShown = true;
        if (!append) {
          list.textContent = '';
          shown = 0;
        }
        list.setAttribute('aria-busy', 'true');
        items = renderResults(res.results);
        shown += res.results.length;
        fillSelect(selects.typ, res.facets.typ, s.typ);
        fillSelect(selects.ar, res.facets.ar, s.ar);
        fillSelect(selects.organ, res.facets.organ, s.organ);
        filters.hidden = false;
        more.hidden = shown >= res.total && res.complete;
        var n = res.total;
        status.textContent = (res.complete ? '' : 'Minst ') +
          (n === 0 ? 'Inga träffar' : n === 1 ? '1 träff' : n + ' träffar') +
          ' för ”' + s.q.trim() + '”' + (shown < n ? ', visar ' + shown : '') + '.';
      };
      var res;
      try {
        res = await engine.search(s.q, s, offset, PAGE, showPages);
      } catch (e) {
        if (mine === generation) {
          list.removeAttribute('aria-busy');
          status.textContent = 'Sökningen kunde inte genomföras. Försök igen.';
        }
        return;
      }
      if (mine !== generation) return;
      // A query without words is answered without its pages being shown first.
      if (!pagesShown) showPages(res);
      renderSections(items, res.results);
      list.removeAttribute('aria-busy');
    }

    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      var s = { q: input.value, typ: '', ar: '', organ: '' };
      setUrl(s);
      run(s, false);
    });
    Object.keys(selects).forEach(function (k) {
      selects[k].addEventListener('change', function () {
        var s = state();
        s[k] = selects[k].value;
        setUrl(s);
        run(s, false);
      });
    });
    more.addEventListener('click', function () {
      var first = list.children.length;
      run(state(), true).then(function () {
        var next = list.children[first];
        if (next) next.querySelector('a').focus();
      });
    });
    var s = state();
    input.value = s.q;
    run(s, false);
  }

  if (typeof document !== 'undefined') {
    var early = earlyEngine();
    var start = function () {
      var app = document.querySelector('[data-search-app]');
      if (app) runPage(app, early);
    };
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
    else start();
  }

  return { Engine: Engine, parseQuery: parseQuery, markText: markText, WEIGHTS: WEIGHTS };
});
