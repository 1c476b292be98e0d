//! The word lists that keep compound splitting from false splits: modifiers that are function
//! words or particles, heads that are endings or fragments, and lexicalised words that are
//! never split. `analyzer.js` holds the same lists; here they are sorted by bytes for binary
//! search (`tests.rs` checks the order).

/// Modifiers (non-final parts) that are function words or particles. As prefixes they form
/// lexicalised words whose head alone means something else (`medarbetare` is not `arbetare`,
/// `uppföljning` not `följning`), so a split there would only add false matches.
pub(super) const MODIFIER_STOP: &[&str] = &[
    "all", "alla", "allt", "andra", "annan", "annat", "ans", "att", "bakom", "bland", "bort",
    "bör", "den", "dess", "det", "där", "efter", "egen", "eget", "enligt", "ett", "fler", "fram",
    "från", "för", "före", "genom", "hela", "hem", "hos", "här", "icke", "inne", "inom", "inte",
    "inter", "kan", "kring", "kvar", "med", "mellan", "mer", "mot", "ned", "ner", "när", "och",
    "olika", "per", "sam", "samman", "samt", "ser", "sin", "ska", "som", "till", "under", "upp",
    "utan", "uti", "utom", "var", "vid", "vis", "åter", "över",
];

/// Heads (final parts) that are endings, function words or frequent fragments of words.
/// PDF text leaves pieces of words in a vocabulary, and a derivational ending after a verb
/// stem (`bedöm` + `ningen`, `utveckl` + `ingen`) is not a compound.
pub(super) const HEAD_STOP: &[&str] = &[
    "anden", "andet", "arna", "aste", "bara", "else", "elser", "ende", "erna", "gare", "heten",
    "heter", "igen", "inga", "ingar", "ingen", "inget", "ionen", "liga", "lighet", "ligheten",
    "ligt", "ning", "ningar", "ningarna", "ningen", "ningens", "orna", "relse", "samhet",
    "samheten", "samma", "talet", "tion", "tionen", "tiva", "tivt",
];

/// Lexicalised words with a split that passes the guards but means something else
/// (`deltar` is not `del` + `tar`).
pub(super) const NO_SPLIT: &[&str] = &[
    "deltagare",
    "deltagit",
    "deltar",
    "fastställa",
    "fastställer",
    "fastställs",
    "godkänd",
    "godkänt",
    "ledamot",
    "ledamöter",
    "ledamöterna",
    "möjliggöra",
    "säkerställa",
    "tydliggöra",
];

/// Whether `word` is in `list`, which is sorted by bytes (checked by a test).
pub(super) fn listed(list: &[&str], word: &str) -> bool {
    list.binary_search(&word).is_ok()
}
