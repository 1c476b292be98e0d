//! `/sok/`: the search page. Without JavaScript it explains the search and links to the
//! indexes; with it, `search.js` (inline, with `analyzer.js`) runs the query from the URL
//! against the static search files.

use serde::Serialize;

use super::{PageJob, Shared};
use crate::render::views::Link;
use crate::routes;

#[derive(Serialize)]
struct SearchPage {
    search: SearchView,
}

#[derive(Serialize)]
struct SearchView {
    /// Where the search form sends the query.
    action: String,
    /// The folder of the static search files.
    data: String,
    /// The site's index pages, for browsing instead of searching.
    indexes: Vec<Link>,
}

/// The index pages the search page links to.
const INDEXES: [(&str, &str); 7] = [
    ("Mål och planer", routes::PLANS),
    ("Mått", routes::MEASURES),
    ("Rapporter", routes::REPORTS),
    ("Protokoll och sammanträden", routes::MEETINGS),
    ("Ärenden (diarienummer)", routes::CASES),
    ("Politiker", routes::PERSONS),
    ("Politiska organ", routes::ORGANS),
];

pub(super) fn job(s: &Shared) -> PageJob {
    let urls = s.urls;
    let data = SearchPage {
        search: SearchView {
            action: urls.abs(routes::SEARCH),
            data: urls.abs(routes::SEARCH_DATA) + "/",
            indexes: INDEXES
                .iter()
                .map(|(label, path)| s.crumb(label, path))
                .collect(),
        },
    };
    let meta = s.meta("Sök", routes::SEARCH, "sok", s.crumbs(None), None);
    super::job(routes::SEARCH, "search.html", "themes".into(), &meta, &data)
}
