/*
 * Insyn's Swedish text analyzer for the browser search client: the twin of
 * src/search/analyzer.rs, which documents the rules. Both must give identical terms for the
 * same input; tests/analyzer_conformance.rs checks that on the whole corpus vocabulary.
 *
 * Plain ES2017, no dependencies, no build step. In a browser it defines the global
 * `InsynAnalyzer`; in node it is `module.exports`.
 *
 * Differences from the Rust API, by design: token offsets (`start`, `end`) are UTF-16 code
 * unit indices into the JavaScript string (what `String.prototype.slice` and DOM ranges use),
 * where the Rust analyzer gives UTF-8 byte offsets. Names are camelCase.
 */
(function (root, factory) {
  'use strict';
  var api = factory();
  if (typeof module === 'object' && module && module.exports) {
    module.exports = api;
  } else {
    root.InsynAnalyzer = api;
  }
})(typeof self !== 'undefined' ? self : this, function () {
  'use strict';

  var WORD_START = /[\p{Alphabetic}\p{N}]/u;
  var WORD_CHAR = /[\p{Alphabetic}\p{N}\p{M}]/u;
  var ALPHABETIC = /^\p{Alphabetic}$/u;
  var LOWERCASE = /^\p{Lowercase}$/u;
  var MARKS = /\p{M}/gu;
  var ASCII_DIGIT = /^[0-9]$/;

  function isWordStart(c) { return c !== undefined && WORD_START.test(c); }
  function isWordChar(c) { return c !== undefined && WORD_CHAR.test(c); }
  function isHspace(c) {
    return c === ' ' || c === '\t' || c === '\u00a0' || c === '\u2009' || c === '\u202f';
  }
  function isDnrDash(c) { return c === '-' || c === '\u2010' || c === '\u2011' || c === '\u2013'; }
  function isJoinHyphen(c) { return c === '-' || c === '\u2010' || c === '\u2011'; }
  function isDigit(c) { return c !== undefined && ASCII_DIGIT.test(c); }
  function isLowerLetter(c) { return c !== undefined && ALPHABETIC.test(c) && LOWERCASE.test(c); }
  function isAlphabetic(c) { return ALPHABETIC.test(c); }

  /** NFC, full lower-casing, NFC again: the `word` form of a token. */
  function normalizeWord(s) {
    return s.normalize('NFC').toLowerCase().normalize('NFC');
  }

  var FOLD_SPECIAL = {
    'ø': 'o', 'Ø': 'O', 'æ': 'ae', 'Æ': 'AE', 'œ': 'oe', 'Œ': 'OE', 'ß': 'ss', 'ẞ': 'SS',
    'ł': 'l', 'Ł': 'L', 'đ': 'd', 'ð': 'd', 'Đ': 'D', 'Ð': 'D', 'þ': 'th', 'Þ': 'TH', 'ı': 'i'
  };

  /** Removes diacritics: NFD, drop combining marks, then a few letters without a decomposition. */
  function fold(s) {
    var stripped = s.normalize('NFD').replace(MARKS, '');
    var out = '';
    for (var i = 0; i < stripped.length; i++) {
      var c = stripped[i];
      out += Object.prototype.hasOwnProperty.call(FOLD_SPECIAL, c) ? FOLD_SPECIAL[c] : c;
    }
    return out;
  }

  // ---- Snowball Swedish stemmer, ported by hand from the published algorithm ----
  // (snowballstem.org, "Swedish stemming algorithm"): R1, then main suffix, consonant pair and
  // other suffix, each searching suffixes inside R1.

  var VOWELS = 'aeiouyäåö';
  var S_ENDING = 'bcdfghjklmnoprtvy';
  var MAIN_SUFFIXES = [
    'a', 'arna', 'erna', 'heterna', 'orna', 'ad', 'e', 'ade', 'ande', 'arne', 'are', 'aste',
    'en', 'anden', 'aren', 'heten', 'ern', 'ar', 'er', 'heter', 'or', 'as', 'arnas', 'ernas',
    'ornas', 'es', 'ades', 'andes', 'ens', 'arens', 'hetens', 'erns', 'at', 'andet', 'het',
    'ast', 's'
  ];
  var CONSONANT_PAIRS = ['dd', 'gd', 'nn', 'dt', 'gt', 'kt', 'tt'];
  var OTHER_SUFFIXES = ['lig', 'ig', 'els', 'löst', 'fullt'];

  function isVowel(c) { return VOWELS.indexOf(c) >= 0; }

  /** Start of R1: after the first non-vowel that follows a vowel, but at least 3. */
  function regionR1(w) {
    if (w.length < 3) return w.length;
    var i = 0;
    while (i < w.length && !isVowel(w[i])) i++;
    while (i < w.length && isVowel(w[i])) i++;
    if (i >= w.length) return w.length;
    return Math.max(i + 1, 3);
  }

  function endsWith(w, suffix) {
    var s = Array.from(suffix);
    if (s.length > w.length) return false;
    for (var i = 0; i < s.length; i++) {
      if (w[w.length - s.length + i] !== s[i]) return false;
    }
    return true;
  }

  /** The longest suffix of `w` from `list` that lies wholly in R1 (at or after `p1`). */
  function longestInRegion(w, p1, list) {
    var best = null;
    var bestLength = 0;
    for (var i = 0; i < list.length; i++) {
      var length = Array.from(list[i]).length;
      if (length > bestLength && w.length - length >= p1 && endsWith(w, list[i])) {
        best = list[i];
        bestLength = length;
      }
    }
    return best;
  }

  /** The Snowball Swedish stem of a word that is already lower-case (normalizeWord). */
  function stem(word) {
    var w = Array.from(word);
    var p1 = regionR1(w);
    var main = longestInRegion(w, p1, MAIN_SUFFIXES);
    if (main === 's') {
      // The letter before the s need not be in R1.
      if (w.length >= 2 && S_ENDING.indexOf(w[w.length - 2]) >= 0) w.length -= 1;
    } else if (main !== null) {
      w.length -= Array.from(main).length;
    }
    if (longestInRegion(w, p1, CONSONANT_PAIRS) !== null) w.length -= 1;
    var other = longestInRegion(w, p1, OTHER_SUFFIXES);
    if (other === 'löst' || other === 'fullt') {
      w.length -= 1;
    } else if (other !== null) {
      w.length -= Array.from(other).length;
    }
    return w.join('');
  }

  /** The folded key of a lower-case word: fold first, then stem. */
  function foldedKey(word) {
    return stem(fold(word));
  }

  // ---- Tokenizer ----

  function Scanner(text) {
    this.text = text;
    this.chars = Array.from(text);
    this.offsets = new Array(this.chars.length + 1);
    var offset = 0;
    for (var i = 0; i < this.chars.length; i++) {
      this.offsets[i] = offset;
      offset += this.chars[i].length;
    }
    this.offsets[this.chars.length] = offset;
    this.tokens = [];
  }

  Scanner.prototype.runEnd = function (i) {
    var j = i;
    while (isWordChar(this.chars[j])) j++;
    return j;
  };

  Scanner.prototype.digitsEnd = function (i) {
    var j = i;
    while (isDigit(this.chars[j])) j++;
    return j;
  };

  Scanner.prototype.wholeNumber = function (i, min, max) {
    var j = this.digitsEnd(i);
    var length = j - i;
    return length >= min && length <= max && this.runEnd(i) === j ? j : -1;
  };

  Scanner.prototype.slice = function (i, j) {
    return this.text.slice(this.offsets[i], this.offsets[j]);
  };

  Scanner.prototype.push = function (kind, word, text, folded, i, j) {
    this.tokens.push({
      text: text, folded: folded, word: word,
      start: this.offsets[i], end: this.offsets[j], kind: kind
    });
  };

  Scanner.prototype.pushIdentifier = function (kind, id, i, j) {
    this.push(kind, id, id, fold(id), i, j);
  };

  Scanner.prototype.pushWord = function (kind, word, i, j) {
    this.push(kind, word, stem(word), foldedKey(word), i, j);
  };

  Scanner.prototype.run = function () {
    var i = 0;
    while (i < this.chars.length) {
      var c = this.chars[i];
      if (c === '§') {
        var end = this.section(i);
        i = end >= 0 ? end : i + 1;
      } else if (isWordStart(c)) {
        var next = this.prefixedSfs(i);
        if (next < 0) next = this.sfs(i, 'identifier');
        if (next < 0) next = this.diaryNumber(i);
        if (next < 0) next = this.wordGroup(i);
        i = next;
      } else {
        i += 1;
      }
    }
    return this.tokens;
  };

  Scanner.prototype.section = function (i) {
    var k = i + 1;
    while (isHspace(this.chars[k])) k++;
    var j = this.wholeNumber(k, 1, 4);
    if (j < 0) return -1;
    var number = this.slice(k, j);
    this.pushIdentifier('identifier', '§' + number, i, j);
    this.pushIdentifier('identifier_part', number, k, j);
    return j;
  };

  Scanner.prototype.sfs = function (i, kind) {
    var shape = this.sfsShape(i);
    if (shape === null) return -1;
    var colon = shape[0];
    var j = shape[1];
    var year = this.slice(i, colon);
    var serial = this.slice(colon + 1, j);
    this.pushIdentifier(kind, year + ':' + serial, i, j);
    this.pushIdentifier('identifier_part', year, i, colon);
    this.pushIdentifier('identifier_part', serial, colon + 1, j);
    return j;
  };

  Scanner.prototype.sfsShape = function (i) {
    var colon = this.digitsEnd(i);
    if (colon - i !== 4 || this.chars[colon] !== ':') return null;
    var j = this.wholeNumber(colon + 1, 1, 4);
    return j < 0 ? null : [colon, j];
  };

  Scanner.prototype.prefixedSfs = function (i) {
    var e = this.runEnd(i);
    var prefix = asciiLower(this.slice(i, e));
    if (prefix !== 'sou' && prefix !== 'ds') return -1;
    var k = e;
    while (isHspace(this.chars[k])) k++;
    if (k === e) return -1;
    var shape = this.sfsShape(k);
    if (shape === null) return -1;
    this.pushIdentifier('identifier', prefix + this.slice(k, shape[1]), i, shape[1]);
    this.pushIdentifier('identifier_part', prefix, i, e);
    return this.sfs(k, 'identifier_part');
  };

  Scanner.prototype.diaryNumber = function (i) {
    var dash = this.digitsEnd(i);
    var length = dash - i;
    if (length < 1 || length > 5 || !isDnrDash(this.chars[dash])) return -1;
    var j = this.wholeNumber(dash + 1, 4, 4);
    if (j < 0) return -1;
    var year = this.slice(dash + 1, j);
    if (year.indexOf('19') !== 0 && year.indexOf('20') !== 0) return -1;
    var number = this.slice(i, dash);
    this.pushIdentifier('identifier', number + '-' + year, i, j);
    this.pushIdentifier('identifier_part', number, i, dash);
    this.pushIdentifier('identifier_part', year, dash + 1, j);
    return j;
  };

  Scanner.prototype.wordGroup = function (i) {
    var runs = [[i, this.runEnd(i)]];
    var j = runs[0][1];
    while (isJoinHyphen(this.chars[j]) && isWordStart(this.chars[j + 1])) {
      var e = this.runEnd(j + 1);
      runs.push([j + 1, e]);
      j = e;
    }
    // A genitive after a colon (`EU:s`) belongs to the last word's span but not its term.
    var end = j;
    if (this.chars[j] === ':') {
      var k = j + 1;
      while (isLowerLetter(this.chars[k])) k++;
      var length = k - j - 1;
      if (length >= 1 && length <= 3 && this.runEnd(j + 1) === k) end = k;
    }
    var self = this;
    var words = runs.map(function (run) { return normalizeWord(self.slice(run[0], run[1])); });
    if (words.length > 1 && words.every(hasLetter)) {
      this.pushWord('joined', words.join(''), i, end);
    }
    for (var n = 0; n < runs.length; n++) {
      this.pushWord('word', words[n], runs[n][0], n === runs.length - 1 ? end : runs[n][1]);
    }
    return end;
  };

  function hasLetter(word) {
    return Array.from(word).some(isAlphabetic);
  }

  function asciiLower(s) {
    return s.replace(/[A-Z]/g, function (c) { return c.toLowerCase(); });
  }

  /**
   * Splits text into tokens {text, folded, word, start, end, kind}; kind is one of 'word',
   * 'identifier', 'identifier_part', 'joined'. Offsets are UTF-16 indices.
   */
  function tokenize(text) {
    return new Scanner(text).run();
  }

  /** Analyses a search query exactly like document text. */
  function normalizeQuery(query) {
    return tokenize(query);
  }

  /** Whether a token kind only duplicates text covered by a primary token. */
  function isSecondary(kind) {
    return kind === 'identifier_part' || kind === 'joined';
  }

  // ---- Typo tolerance ----

  /**
   * True when a and b are equal or, both having at least 6 characters, one substitution,
   * insertion, deletion or adjacent transposition apart.
   */
  function withinOneEdit(a, b) {
    if (a === b) return true;
    var x = Array.from(a);
    var y = Array.from(b);
    if (Math.min(x.length, y.length) < 6 || Math.abs(x.length - y.length) > 1) return false;
    var prefix = 0;
    while (prefix < x.length && prefix < y.length && x[prefix] === y[prefix]) prefix++;
    x = x.slice(prefix);
    y = y.slice(prefix);
    var suffix = 0;
    while (suffix < x.length && suffix < y.length &&
        x[x.length - 1 - suffix] === y[y.length - 1 - suffix]) suffix++;
    x = x.slice(0, x.length - suffix);
    y = y.slice(0, y.length - suffix);
    if (x.length + y.length === 1 || (x.length === 1 && y.length === 1)) return true;
    return x.length === 2 && y.length === 2 && x[0] === y[1] && x[1] === y[0];
  }

  // ---- Compound splitting ----

  var MIN_PART = 3;
  var MIN_HEAD = 4;
  var MIN_PART_OF_THREE = 4;
  var MIN_FAMILY = 2;
  var FAMILY_RATIO = 8;

  function wordSet(list) {
    var set = Object.create(null);
    list.forEach(function (w) { set[w] = true; });
    return set;
  }

  var MODIFIER_STOP = wordSet([
    'all', 'alla', 'allt', 'andra', 'annan', 'annat', 'ans', 'att', 'bakom', 'bland', 'bort',
    'bör', 'där', 'den', 'det', 'dess', 'efter', 'egen', 'eget', 'enligt', 'ett', 'fler', 'fram',
    'från', 'för', 'före', 'genom', 'hela', 'hem', 'hos', 'här', 'icke', 'inne', 'inom', 'inte',
    'inter', 'kan', 'kring', 'kvar', 'med', 'mellan', 'mer', 'mot', 'när', 'ned', 'ner', 'och',
    'olika', 'per', 'sam', 'samman', 'samt', 'ser', 'sin', 'ska', 'som', 'till', 'under', 'upp',
    'uti', 'utan', 'utom', 'var', 'vid', 'vis', 'åter', 'över'
  ]);
  var HEAD_STOP = wordSet([
    'anden', 'andet', 'arna', 'aste', 'bara', 'else', 'elser', 'ende', 'erna', 'gare', 'heten',
    'heter', 'igen', 'ingar', 'ingen', 'inget', 'inga', 'ionen', 'liga', 'ligt', 'lighet',
    'ligheten', 'ning', 'ningar', 'ningarna', 'ningen', 'ningens', 'orna', 'relse', 'samhet',
    'samheten', 'samma', 'talet', 'tion', 'tionen', 'tiva', 'tivt'
  ]);
  var NO_SPLIT = wordSet([
    'deltagare', 'deltagit', 'deltar', 'fastställa', 'fastställer', 'fastställs', 'godkänd',
    'godkänt', 'ledamot', 'ledamöter', 'ledamöterna', 'möjliggöra', 'säkerställa', 'tydliggöra'
  ]);

  function has(set, key) { return set[key] === true; }

  /**
   * Splits Swedish compounds into parts attested in a vocabulary: an array of corpus words,
   * repeated words counting as occurrences.
   */
  function CompoundSplitter(vocabulary) {
    var words = new Map();
    vocabulary.forEach(function (raw) {
      var w = normalizeWord(raw);
      if (w.length > 0 && Array.from(w).every(isAlphabetic)) {
        words.set(w, (words.get(w) || 0) + 1);
      }
    });
    var families = new Map();
    words.forEach(function (count, w) {
      var s = stem(w);
      var family = families.get(s);
      if (!family) {
        family = { occurrences: 0, forms: 0 };
        families.set(s, family);
      }
      family.occurrences += count;
      family.forms += 1;
    });
    this.words = words;
    this.families = families;
  }

  CompoundSplitter.prototype.family = function (word) {
    var f = this.families.get(stem(word));
    return f ? f.occurrences : 0;
  };

  CompoundSplitter.prototype.inflectedStem = function (s) {
    var f = this.families.get(s);
    return f && f.forms >= 2 ? f.occurrences : -1;
  };

  CompoundSplitter.prototype.modifier = function (seg) {
    if (seg.length < MIN_PART) return null;
    var s = seg.join('');
    if (has(MODIFIER_STOP, s)) return null;
    var last = seg[seg.length - 1];
    var init = seg.slice(0, seg.length - 1);
    var base = init.join('');
    var baseOk = init.length >= MIN_PART && !has(MODIFIER_STOP, base);
    if (last === 's' && has(MODIFIER_STOP, base)) return null;
    if (last === 's' && baseOk) {
      if (this.words.has(base)) return [base, this.family(base)];
      var f = this.inflectedStem(base);
      if (f >= 0) return [base, f];
    }
    if (this.words.has(s)) return [s, this.family(s)];
    if ((last === 'e' || last === 'u' || last === 'o') && baseOk) {
      var withA = base + 'a';
      if (this.words.has(withA)) return [withA, this.family(withA)];
    }
    var g = this.inflectedStem(s);
    return g >= 0 ? [s, g] : null;
  };

  CompoundSplitter.prototype.head = function (seg) {
    var s = seg.join('');
    if (seg.length < MIN_HEAD || has(HEAD_STOP, s) || !this.words.has(s)) return null;
    return [s, this.family(s)];
  };

  /** How often `word` (lower-case) occurs in the vocabulary. */
  CompoundSplitter.prototype.count = function (word) {
    return this.words.get(word) || 0;
  };

  /** Splits a lower-case word into 2 or 3 parts, or returns null. */
  CompoundSplitter.prototype.split = function (word) {
    var chars = Array.from(word);
    var n = chars.length;
    if (n < MIN_PART + MIN_HEAD || !chars.every(isAlphabetic) || has(NO_SPLIT, word)) return null;
    var whole = this.family(word);
    var best = null;
    var bestKey = null;
    function consider(segments, parts) {
      var i;
      for (i = 0; i < parts.length; i++) {
        if (parts[i][1] < MIN_FAMILY) return;
      }
      var product = 1;
      var power = 1;
      for (i = 0; i < parts.length; i++) {
        product *= parts[i][1] * FAMILY_RATIO;
        power *= whole;
      }
      if (product < power) return;
      var key = [parts.length, Math.min.apply(null, segments), segments[segments.length - 1]];
      var better = bestKey === null || key[0] < bestKey[0] ||
        (key[0] === bestKey[0] && (key[1] > bestKey[1] || (key[1] === bestKey[1] && key[2] > bestKey[2])));
      if (better) {
        bestKey = key;
        best = parts.map(function (p) { return p[0]; });
      }
    }
    for (var c1 = MIN_PART; c1 <= n - MIN_HEAD; c1++) {
      var first = this.modifier(chars.slice(0, c1));
      if (first === null) continue;
      var head = this.head(chars.slice(c1));
      if (head !== null) consider([c1, n - c1], [first, head]);
      if (c1 < MIN_PART_OF_THREE) continue;
      for (var c2 = c1 + MIN_PART_OF_THREE; c2 <= n - MIN_HEAD; c2++) {
        var middle = this.modifier(chars.slice(c1, c2));
        if (middle === null) continue;
        var last = this.head(chars.slice(c2));
        if (last === null) continue;
        if (Array.from(first[0]).length >= MIN_PART_OF_THREE &&
            Array.from(middle[0]).length >= MIN_PART_OF_THREE) {
          consider([c1, c2 - c1, n - c2], [first, middle, last]);
        }
      }
    }
    return best;
  };

  return {
    tokenize: tokenize,
    normalizeQuery: normalizeQuery,
    normalizeWord: normalizeWord,
    stem: stem,
    fold: fold,
    foldedKey: foldedKey,
    isSecondary: isSecondary,
    withinOneEdit: withinOneEdit,
    CompoundSplitter: CompoundSplitter
  };
});
