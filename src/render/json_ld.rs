//! schema.org structured data (JSON-LD) for search engines: the publisher as a
//! GovernmentOrganization, a measure as a Dataset with its CSV file, and every page's
//! breadcrumbs. The JSON goes into a `<script>` element, escaped so that no content can end it.

use serde::Serialize;
use serde_json::value::{RawValue, to_raw_value};
use serde_json::{Value, json};

use super::views::Link;
use crate::config::Config;
use crate::model::Measure;

/// A node of a page's graph, serialized.
pub type Node = Box<RawValue>;

fn node(value: &impl Serialize) -> Node {
    to_raw_value(value).expect("JSON of plain data")
}

/// A page's structured data: its nodes in one graph, as the text of a
/// `<script type="application/ld+json">` element; `None` without nodes.
pub fn script(nodes: Vec<Node>) -> Option<String> {
    #[derive(Serialize)]
    struct Document {
        #[serde(rename = "@context")]
        context: &'static str,
        #[serde(rename = "@graph")]
        graph: Vec<Node>,
    }
    if nodes.is_empty() {
        return None;
    }
    let document = Document {
        context: "https://schema.org",
        graph: nodes,
    };
    let json = serde_json::to_string(&document).expect("JSON of plain data");
    Some(script_safe(json))
}

/// JSON that cannot end the `<script>` element it is in, nor open a comment or markup:
/// `<`, `>` and `&` (which JSON has only inside strings) are written as `\u003c`, `\u003e`
/// and `\u0026`, which read back as the same characters.
fn script_safe(json: String) -> String {
    if !json.contains(['<', '>', '&']) {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            c => out.push(c),
        }
    }
    out
}

/// The organisation that publishes the site, identified as in the data catalog when the config
/// gives its URI.
pub fn organization(config: &Config) -> Node {
    node(&organization_value(config))
}

fn organization_value(config: &Config) -> Value {
    let org = &config.organisation;
    let mut node = json!({ "@type": "GovernmentOrganization", "name": org.name });
    if let Some(id) = config.data.publisher_uri.as_ref().or(org.url.as_ref()) {
        node["@id"] = id.as_str().into();
    }
    if let Some(url) = &org.url {
        node["url"] = url.as_str().into();
    }
    node
}

/// A page's breadcrumbs, ending with the page itself; `origin` makes the URLs absolute.
pub fn breadcrumbs(origin: &str, crumbs: &[Link], title: &str, url: &str) -> Node {
    #[derive(Serialize)]
    struct BreadcrumbList<'a> {
        #[serde(rename = "@type")]
        kind: &'static str,
        #[serde(rename = "itemListElement")]
        items: Vec<ListItem<'a>>,
    }
    #[derive(Serialize)]
    struct ListItem<'a> {
        #[serde(rename = "@type")]
        kind: &'static str,
        position: usize,
        name: &'a str,
        item: String,
    }
    let items = crumbs
        .iter()
        .map(|c| (c.label.as_str(), c.url.as_str()))
        .chain(std::iter::once((title, url)))
        .enumerate()
        .map(|(i, (name, url))| ListItem {
            kind: "ListItem",
            position: i + 1,
            name,
            item: format!("{origin}{url}"),
        })
        .collect();
    node(&BreadcrumbList {
        kind: "BreadcrumbList",
        items,
    })
}

/// What a measure's Dataset says besides the measure itself (absolute URLs).
pub struct MeasureDataset<'a> {
    pub measure: &'a Measure,
    /// The measure's page.
    pub url: String,
    /// Its CSV file.
    pub csv: String,
    /// The open-data page, which describes the CSV's columns.
    pub catalog: String,
    /// The definition as plain text.
    pub definition: String,
    /// The kind and the responsible organs, as words to find the measure by.
    pub keywords: Vec<String>,
}

/// A measure as a schema.org Dataset, with its CSV file as distribution.
pub fn measure_dataset(config: &Config, d: &MeasureDataset) -> Node {
    let m = d.measure;
    let mut description = format!(
        "Resultaten för måttet ”{}” från {}: mål, utfall, måluppfyllelse och utveckling för varje rapport, med källa.",
        m.name, config.organisation.name
    );
    if !d.definition.is_empty() {
        description.push(' ');
        description.push_str(&d.definition);
    }
    let publisher = organization_value(config);
    let mut node = json!({
        "@type": "Dataset",
        "@id": format!("{}#dataset", d.url),
        "name": m.name,
        "description": description,
        "url": d.url,
        "inLanguage": config.language,
        "keywords": d.keywords,
        "isAccessibleForFree": true,
        "creator": publisher,
        "publisher": publisher,
        "includedInDataCatalog": {
            "@type": "DataCatalog",
            "name": format!("Öppna data från {}", config.title),
            "url": d.catalog,
        },
        "distribution": [{
            "@type": "DataDownload",
            "encodingFormat": "text/csv",
            "contentUrl": d.csv,
        }],
    });
    if let Some(license) = &config.data.license_url {
        node["license"] = license.as_str().into();
    }
    if let Some(coverage) = temporal_coverage(m) {
        node["temporalCoverage"] = coverage.into();
    }
    self::node(&node)
}

/// The periods a measure's results cover, as an ISO 8601 interval (`2020/2022-04`).
fn temporal_coverage(m: &Measure) -> Option<String> {
    let periods = m.results.iter().map(|r| r.period);
    let first = periods.clone().min()?;
    let last = periods.max()?;
    Some(if first == last {
        first.key()
    } else {
        format!("{}/{}", first.key(), last.key())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_text_cannot_end_the_script() {
        let name = json!({ "name": "</script><script>alert(1)</script> & <!--" });
        let text = script(vec![node(&name)]).unwrap();
        assert!(
            !text.contains('<') && !text.contains('>') && !text.contains('&'),
            "{text}"
        );
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(
            back["@graph"][0]["name"],
            "</script><script>alert(1)</script> & <!--"
        );
    }

    #[test]
    fn breadcrumbs_end_with_the_page() {
        let crumbs = [Link {
            label: "Start".into(),
            url: "/".into(),
        }];
        let list: Value = serde_json::from_str(
            breadcrumbs("https://example.org", &crumbs, "Mått", "/matt/").get(),
        )
        .unwrap();
        let items = list["itemListElement"].as_array().unwrap();
        assert_eq!(items.len(), 2);
        assert_eq!(items[1]["position"], 2);
        assert_eq!(items[1]["item"], "https://example.org/matt/");
    }
}
