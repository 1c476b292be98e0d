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
 * `akutmotagning`; also against the index's word forms). Every word must match, in one
 * document or across the documents of its page (a report's sections), documents matching
 * more words alone first; if no page has all, documents with most of them come first.
 * Phrase and multi-word queries also fetch the positions of their words (`x/`): a quoted phrase is verified on every candidate (a function word of `meta.gaps`
 * inside it stands for any one word), a document whose title holds every phrase counts twice,
 * and one whose words stand close together counts up to twice (side by side).
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
  /** Score factor of a document whose title holds every phrase. */
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
      .then(function (shards) {
        // Each entry knows its shard and row, where its positions are (`x/`).
        shards.forEach(function (rows, k) {
          rows.forEach(function (e, i) { e.shard = names[k]; e.row = i; });
        });
        return [].concat.apply([], shards);
      });
  };

  /** Starts loading the positions files of the shards of the given keys. */
  Engine.prototype.preloadPositions = function (meta, keys) {
    var self = this;
    keys.forEach(function (k) {
      var s = self.shardOf(meta, k);
      if (s !== null) self.load('x/' + hex(s) + '.json');
    });
  };

  /** An entry's positions: Map doc → sorted [2 × position + field] (empty for a gap term). */
  Engine.prototype.positions = async function (entry) {
    var rows = await this.load('x/' + hex(entry.shard) + '.json');
    var flat = rows[entry.row];
    if (typeof flat === 'string') flat = await this.load('x/' + flat + '.json');
    var out = new Map();
    var doc = 0;
    for (var i = 0; i < flat.length;) {
      doc += flat[i];
      var n = flat[i + 1];
      var list = [];
      var p = 0;
      for (var j = 0; j < n; j++) {
        p += flat[i + 2 + j];
        list.push(p);
      }
      out.set(doc, list);
      i += 2 + n;
    }
    return out;
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
   * [{title, url, titleMarks, excerpt}]. `complete` is true: every candidate is checked
   * (the page still reads it, for a `total` that would be a lower bound). `onPages(found)`, if given, is
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
    var gaps = meta.gaps || [];
    var isGap = function (t) { return gaps.indexOf(t) >= 0; };
    var slots = parsed.phrases.map(function (p) { return phraseSlots(p, isGap); }).filter(Boolean);
    var near = parsed.groups.map(function (g, i) { return i; }).filter(function (i) { return !isGap(parsed.groups[i].text); });
    if (near.length < 2) near = [];
    // Positions are in the shards' own files, fetched with the shards.
    if (slots.length || near.length) {
      this.preloadPositions(meta, [].concat.apply([], near.map(function (i) {
        return [A.fold(parsed.groups[i].text), parsed.groups[i].folded];
      })));
    }
    var expanded = await Promise.all(parsed.groups.map(function (g) { return self.expand(meta, g); }));
    // Per document: summed group scores, number of groups matched, facet.
    var docs = new Map();
    // Positions load with the postings, not after them.
    var positioned = slots.length || near.length ? this.positionsOf(expanded, parsed, slots, near) : null;
    // Every group's postings are fetched at once.
    var scored = await Promise.all(expanded.map(function (e) {
      return Promise.all(e.alts.map(function (a) { return self.altScores(a); }));
    }));
    var pageOf = this.pageOf(meta);
    // Per page: which groups any of its documents (the page's own, its sections) match.
    var pageGroups = new Map();
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
        var held = pageGroups.get(pageOf(doc)) || new Set();
        held.add(gi);
        pageGroups.set(pageOf(doc), held);
      });
    }
    var ranked = Array.from(docs.values());
    // A page is a candidate when its documents together match every word (a report's words
    // in different sections); documents that match every word alone still rank first.
    var all = ranked.filter(function (d) { return pageGroups.get(pageOf(d.doc)).size === expanded.length; });
    if (all.length) ranked = all;
    ranked.sort(function (a, b) {
      return b.groups - a.groups || b.score - a.score || a.doc - b.doc;
    });
    var passes = function (d) {
      var f = meta.facets[d.facet];
      return (!filters.typ || meta.types[f[0]][0] === filters.typ) &&
        (!filters.ar || String(f[1]) === String(filters.ar)) &&
        (!filters.organ || f[2].some(function (o) { return meta.organs[o] === filters.organ; }));
    };
    if (positioned) ranked = rankByPositions(ranked, await positioned, slots, near.length);
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
    var found = { total: filtered.length, complete: true, results: results, facets: facets, query: parsed };
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
   * The positions a query needs: {terms, termMaps, groupMaps}, the phrases' (`slots`) terms
   * with the positions maps of their exact entries, and those of the entries of each group of
   * `near` (indexes of groups; compound parts, which stand apart, do not count).
   */
  Engine.prototype.positionsOf = async function (expanded, parsed, slots, near) {
    var self = this;
    var exactOf = function (t) {
      var gi = parsed.groups.findIndex(function (g) { return g.text === t; });
      var alt = gi < 0 ? null : expanded[gi].alts.filter(function (a) { return a.weight === WEIGHTS.exact; })[0];
      return alt ? alt.entries : [];
    };
    var terms = [];
    slots.forEach(function (p) { p.forEach(function (s) { if (terms.indexOf(s[1]) < 0) terms.push(s[1]); }); });
    var nearEntries = near.map(function (gi) {
      return [].concat.apply([], expanded[gi].alts.filter(function (a) { return !a.parts; }).map(function (a) { return a.entries; }));
    });
    var load = function (entries) { return Promise.all(entries.map(function (e) { return self.positions(e); })); };
    var loaded = await Promise.all([Promise.all(terms.map(function (t) { return load(exactOf(t)); })), Promise.all(nearEntries.map(load))]);
    return { terms: terms, termMaps: loaded[0], groupMaps: loaded[1] };
  };

  /**
   * The ranked documents reranked by the positions of their words (`loaded`, positionsOf):
   * those that do not hold every phrase (`slots`, phraseSlots) are left out, a document whose
   * title holds every phrase counts TITLE_PHRASE times, and one where the `near` words (a
   * count, two or more, or none) stand close together counts up to twice (proximityFactor).
   * Every candidate is checked.
   */
  function rankByPositions(ranked, loaded, slots, near) {
    var terms = loaded.terms;
    var termMaps = loaded.termMaps;
    var groupMaps = loaded.groupMaps;
    // The positions of one document in one field (0 title, 1 body) from a list of maps.
    var inField = function (maps, doc, field) {
      var out = [];
      maps.forEach(function (m) {
        (m.get(doc) || []).forEach(function (v) { if ((v & 1) === field) out.push(v >> 1); });
      });
      return out.sort(function (a, b) { return a - b; });
    };
    var kept = [];
    ranked.forEach(function (d) {
      var score = d.score;
      if (slots.length) {
        // Per field, which phrases it holds.
        var held = [0, 1].map(function (field) {
          var of = {};
          terms.forEach(function (t, i) { of[t] = inField(termMaps[i], d.doc, field); });
          return slots.map(function (p) { return holdsPhrase(p, of); });
        });
        if (!slots.every(function (p, i) { return held[0][i] || held[1][i]; })) return;
        if (held[0].every(Boolean)) score *= TITLE_PHRASE;
      }
      if (near) {
        var span = null;
        [0, 1].forEach(function (field) {
          var s = minSpan(groupMaps.map(function (maps) { return inField(maps, d.doc, field); }));
          if (s !== null && (span === null || s < span)) span = s;
        });
        if (span !== null) score *= proximityFactor(near, span);
      }
      kept.push(score === d.score ? d : { doc: d.doc, score: score, groups: d.groups, facet: d.facet });
    });
    kept.sort(function (a, b) { return b.groups - a.groups || b.score - a.score || a.doc - b.doc; });
    return kept;
  }

  /**
   * The terms of a phrase that positions must place, as [offset, term] from the first: the
   * phrase without its gap terms, at the places they leave; null when fewer than two are left
   * (the phrase then asks no more than its words). As `phrase_slots` in src/search/query.rs.
   */
  function phraseSlots(phrase, isGap) {
    var kept = [];
    phrase.forEach(function (t, i) { if (!isGap(t)) kept.push([i, t]); });
    if (kept.length < 2) return null;
    var first = kept[0][0];
    return kept.map(function (s) { return [s[0] - first, s[1]]; });
  }

  /** Whether positions of one field (`of[term]`, sorted) hold the phrase `slots`. */
  function holdsPhrase(slots, of) {
    return of[slots[0][1]].some(function (p) {
      return slots.every(function (s) { return of[s[1]].indexOf(p + s[0]) >= 0; });
    });
  }

  /** The fewest consecutive positions holding one of every group's; null when one has none. */
  function minSpan(groups) {
    if (groups.some(function (g) { return !g.length; })) return null;
    var events = [];
    groups.forEach(function (list, g) { list.forEach(function (p) { events.push([p, g]); }); });
    events.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
    var counts = groups.map(function () { return 0; });
    var covered = 0;
    var best = Infinity;
    var start = 0;
    for (var end = 0; end < events.length; end++) {
      if (counts[events[end][1]]++ === 0) covered++;
      while (covered === groups.length) {
        best = Math.min(best, events[end][0] - events[start][0] + 1);
        if (--counts[events[start][1]] === 0) covered--;
        start++;
      }
    }
    return best;
  }

  /** Twice the score for words side by side, less the further apart, towards no change. */
  function proximityFactor(groups, span) {
    return 1 + Math.min(1, groups / Math.max(1, span));
  }

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
