//! Routes: the one place that knows every page's and file's path on the site and every
//! entity's content folder. Render, cross-references, search, feeds, the sitemap, open data
//! and `check` ask here; no other module spells a URL or a content folder, so a URL can change
//! in one line.
//!
//! Paths are relative to the site's root and written without a leading slash (`mal/2023-2025/`);
//! [`Urls`] turns them into the public URL under the base path (`/` or a sub-path such as
//! `/insyn/`). A page's path ends in `/` and is written to `<path>index.html`
//! ([`output_file`]); other files' paths name the file.

/// The start page.
pub const HOME: &str = "";
/// The list of plans and their goals.
pub const PLANS: &str = "mal/";
/// The list of measures.
pub const MEASURES: &str = "matt/";
/// The list of reports.
pub const REPORTS: &str = "rapporter/";
/// The list of meetings.
pub const MEETINGS: &str = "protokoll/";
/// The list of cases (diary numbers).
pub const CASES: &str = "arenden/";
/// The list of persons.
pub const PERSONS: &str = "personer/";
/// The list of organs.
pub const ORGANS: &str = "organ/";
/// The search page.
pub const SEARCH: &str = "sok/";
/// The folder of the static search files the search page's client fetches.
pub const SEARCH_DATA: &str = "sok/data";
/// The open-data page; the data files lie below it.
pub const DATA: &str = "data/";
/// The accessibility statement (tillgänglighetsredogörelse).
pub const STATEMENT: &str = "tillganglighet/";
/// The page a static host serves for a missing URL.
pub const NOT_FOUND: &str = "404.html";
/// The free page the site's "Om" link leads to (`content/sidor/om.md`).
pub const ABOUT_PAGE_ID: &str = "om";
pub const SITEMAP: &str = "sitemap.xml";
pub const ROBOTS: &str = "robots.txt";
/// The Atom feed with every meeting and report.
pub const FEED_ALL: &str = "flode/atom.xml";

/// The site's own pages at the top of the site, whose URLs no free page may take.
pub const SECTIONS: [&str; 10] = [
    PLANS, MEASURES, REPORTS, MEETINGS, CASES, PERSONS, ORGANS, SEARCH, DATA, STATEMENT,
];

/// Open-data files: every measure result, every meeting, every §, and meetings with their §§.
pub const DATA_MEASURES_CSV: &str = "data/matt.csv";
pub const DATA_MEASURES_JSON: &str = "data/matt.json";
pub const DATA_MEETINGS_CSV: &str = "data/sammantraden.csv";
pub const DATA_PARAGRAPHS_CSV: &str = "data/paragrafer.csv";
pub const DATA_MINUTES_JSON: &str = "data/protokoll.json";
/// The open data's descriptions for machines: the Frictionless data package (every CSV with
/// its table schema) and the DCAT-AP-SE catalog that Sweden's data portal harvests.
pub const DATA_PACKAGE: &str = "data/datapackage.json";
pub const DATA_CATALOG: &str = "data/katalog.rdf";

/// The table schema of the CSV files named `<name>.csv`.
pub fn data_schema(name: &str) -> String {
    format!("{DATA}schema/{name}.json")
}

pub fn plan(plan: &str) -> String {
    format!("{PLANS}{plan}/")
}

pub fn goal(plan: &str, goal: &str) -> String {
    format!("{PLANS}{plan}/{goal}/")
}

pub fn measure(id: &str) -> String {
    format!("{MEASURES}{id}/")
}

/// A measure's own CSV of results.
pub fn measure_csv(id: &str) -> String {
    format!("{DATA}matt/{id}.csv")
}

pub fn report(id: &str) -> String {
    format!("{REPORTS}{id}/")
}

/// An organ's page; organs' URLs use their slug, made from the name, not the content id.
pub fn organ(organ_slug: &str) -> String {
    format!("{ORGANS}{organ_slug}/")
}

/// An organ's Atom feed.
pub fn organ_feed(organ_slug: &str) -> String {
    format!("flode/{organ_slug}.xml")
}

pub fn meeting(organ_slug: &str, date: &str) -> String {
    format!("{MEETINGS}{organ_slug}/{date}/")
}

/// A § of a meeting: its permanent page.
pub fn paragraph(organ_slug: &str, date: &str, number: u32) -> String {
    format!("{MEETINGS}{organ_slug}/{date}/{number}/")
}

/// A case: everything that mentions a diary number, at the number's ASCII slug
/// ([`crate::slug::case_slug`]).
pub fn case(dnr: &str) -> String {
    format!("{CASES}{}/", crate::slug::case_slug(dnr))
}

pub fn person(id: &str) -> String {
    format!("{PERSONS}{id}/")
}

/// A free page (`content/sidor/<id>.md`).
pub fn free_page(id: &str) -> String {
    format!("{id}/")
}

/// The file a path is written to: `mal/` → `mal/index.html`; a file's path as it is.
pub fn output_file(path: &str) -> String {
    if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_string()
    }
}

/// The path of the page an output file holds: `mal/index.html` → `mal/`.
pub fn page_of_output(output: &str) -> &str {
    output.strip_suffix("index.html").unwrap_or(output)
}

/// The folder of the site's themes, beside its content folder.
pub const THEMES: &str = "themes";

/// Content folders and files, relative to the site root: where each entity is written, for
/// the loader's messages and for pointing a page's problems at the file it comes from.
pub mod content {
    /// The content folder below the site root.
    pub const ROOT: &str = "content";
    pub const ORGANS: &str = "organ";
    pub const PARTIES: &str = "partier";
    pub const PERSONS: &str = "personer";
    pub const PLANS: &str = "planer";
    pub const MEASURES: &str = "matt";
    pub const REPORTS: &str = "rapporter";
    pub const MEETINGS: &str = "protokoll";
    pub const PAGES: &str = "sidor";
    /// Importers' corrections and layout profiles; the loader skips it.
    pub const IMPORT: &str = "_import";
    /// The file of a folder's own entity (a plan, a meeting).
    pub const INDEX: &str = "_index.md";

    /// A folder below `content/`, as messages name it.
    pub fn folder(folder: &str) -> String {
        format!("{ROOT}/{folder}")
    }

    pub fn plan_folder(plan: &str) -> String {
        format!("{ROOT}/{PLANS}/{plan}")
    }

    pub fn plan_file(plan: &str) -> String {
        format!("{ROOT}/{PLANS}/{plan}/{INDEX}")
    }

    pub fn meeting_folder(organ: &str, date: &str) -> String {
        format!("{ROOT}/{MEETINGS}/{organ}/{date}")
    }

    pub fn meeting_file(organ: &str, date: &str) -> String {
        format!("{}/{INDEX}", meeting_folder(organ, date))
    }

    pub fn paragraph_file(organ: &str, date: &str, number: u32) -> String {
        format!("{}/{number}.md", meeting_folder(organ, date))
    }

    pub fn person_file(id: &str) -> String {
        format!("{ROOT}/{PERSONS}/{id}.md")
    }

    pub fn measure_file(id: &str) -> String {
        format!("{ROOT}/{MEASURES}/{id}.md")
    }
}

/// Builds the site's public URLs under its base path (`/` or a sub-path such as `/insyn/`).
#[derive(Debug, Clone)]
pub struct Urls {
    base: String,
}

impl Urls {
    pub fn new(base_path: &str) -> Self {
        Urls {
            base: base_path.to_string(),
        }
    }

    /// The public URL of a site path such as `mal/2023-2025/`.
    pub fn abs(&self, path: &str) -> String {
        format!("{}{}", self.base, path.trim_start_matches('/'))
    }

    pub fn plan(&self, plan: &str) -> String {
        self.abs(&self::plan(plan))
    }
    pub fn goal(&self, plan: &str, goal: &str) -> String {
        self.abs(&self::goal(plan, goal))
    }
    pub fn measure(&self, id: &str) -> String {
        self.abs(&self::measure(id))
    }
    pub fn report(&self, id: &str) -> String {
        self.abs(&self::report(id))
    }
    pub fn organ(&self, organ_slug: &str) -> String {
        self.abs(&self::organ(organ_slug))
    }
    pub fn meeting(&self, organ_slug: &str, date: &str) -> String {
        self.abs(&self::meeting(organ_slug, date))
    }
    pub fn person(&self, id: &str) -> String {
        self.abs(&self::person(id))
    }
    pub fn case(&self, dnr: &str) -> String {
        self.abs(&self::case(dnr))
    }
    pub fn paragraph(&self, organ_slug: &str, date: &str, number: u32) -> String {
        self.abs(&self::paragraph(organ_slug, date, number))
    }
    pub fn free_page(&self, id: &str) -> String {
        self.abs(&self::free_page(id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_written_to_their_index_file() {
        assert_eq!(output_file(HOME), "index.html");
        assert_eq!(output_file(&plan("2023-2025")), "mal/2023-2025/index.html");
        assert_eq!(output_file(NOT_FOUND), "404.html");
        assert_eq!(output_file(FEED_ALL), "flode/atom.xml");
        assert_eq!(page_of_output("mal/index.html"), "mal/");
        assert_eq!(page_of_output("index.html"), "");
    }

    #[test]
    fn urls_live_under_the_base_path() {
        let urls = Urls::new("/insyn/");
        assert_eq!(urls.case("1351-2020"), "/insyn/arenden/1351-2020/");
        assert_eq!(urls.case("KS 2018/124"), "/insyn/arenden/ks-2018-124/");
        assert_eq!(urls.abs(HOME), "/insyn/");
        assert_eq!(urls.abs(&measure_csv("x")), "/insyn/data/matt/x.csv");
    }
}
