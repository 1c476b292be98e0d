//! The DCAT-AP-SE catalog (`data/katalog.rdf`): the catalog, one dataset per published table
//! and a distribution per file, in RDF/XML as Sweden's data portal (dataportal.se) harvests it.
//! What the site cannot know (publisher URI and type, contact, licence) comes from the config;
//! the catalog is written only when all of it is there. Titles and descriptions are Swedish,
//! as the site is.

use oxrdf::vocab::{rdf, xsd};
use oxrdf::{BlankNode, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, Term, Triple};
use oxrdfxml::RdfXmlSerializer;

use super::{DataFile, FILES, MEASURES, relative};
use crate::config::{CatalogConfig, Config};
use crate::diagnostics::Diagnostic;
use crate::model::{Period, Site, is_valid_date};
use crate::routes::{self, Urls};
use crate::slug::slugify;

/// The vocabularies' namespaces, with the prefixes the file declares.
const PREFIXES: &[(&str, &str)] = &[
    ("dcat", "http://www.w3.org/ns/dcat#"),
    ("dcterms", "http://purl.org/dc/terms/"),
    ("foaf", "http://xmlns.com/foaf/0.1/"),
    ("vcard", "http://www.w3.org/2006/vcard/ns#"),
];

const fn term(iri: &'static str) -> NamedNodeRef<'static> {
    NamedNodeRef::new_unchecked(iri)
}

const CATALOG: NamedNodeRef = term("http://www.w3.org/ns/dcat#Catalog");
const DATASET: NamedNodeRef = term("http://www.w3.org/ns/dcat#Dataset");
const DISTRIBUTION: NamedNodeRef = term("http://www.w3.org/ns/dcat#Distribution");
const HAS_DATASET: NamedNodeRef = term("http://www.w3.org/ns/dcat#dataset");
const HAS_DISTRIBUTION: NamedNodeRef = term("http://www.w3.org/ns/dcat#distribution");
const CONTACT_POINT: NamedNodeRef = term("http://www.w3.org/ns/dcat#contactPoint");
const KEYWORD: NamedNodeRef = term("http://www.w3.org/ns/dcat#keyword");
const THEME: NamedNodeRef = term("http://www.w3.org/ns/dcat#theme");
const THEME_TAXONOMY: NamedNodeRef = term("http://www.w3.org/ns/dcat#themeTaxonomy");
const LANDING_PAGE: NamedNodeRef = term("http://www.w3.org/ns/dcat#landingPage");
const ACCESS_URL: NamedNodeRef = term("http://www.w3.org/ns/dcat#accessURL");
const DOWNLOAD_URL: NamedNodeRef = term("http://www.w3.org/ns/dcat#downloadURL");
const MEDIA_TYPE: NamedNodeRef = term("http://www.w3.org/ns/dcat#mediaType");
const START_DATE: NamedNodeRef = term("http://www.w3.org/ns/dcat#startDate");
const END_DATE: NamedNodeRef = term("http://www.w3.org/ns/dcat#endDate");
const TITLE: NamedNodeRef = term("http://purl.org/dc/terms/title");
const DESCRIPTION: NamedNodeRef = term("http://purl.org/dc/terms/description");
const PUBLISHER: NamedNodeRef = term("http://purl.org/dc/terms/publisher");
const LANGUAGE: NamedNodeRef = term("http://purl.org/dc/terms/language");
const LICENSE: NamedNodeRef = term("http://purl.org/dc/terms/license");
const FORMAT: NamedNodeRef = term("http://purl.org/dc/terms/format");
const CONFORMS_TO: NamedNodeRef = term("http://purl.org/dc/terms/conformsTo");
const TEMPORAL: NamedNodeRef = term("http://purl.org/dc/terms/temporal");
const PERIOD_OF_TIME: NamedNodeRef = term("http://purl.org/dc/terms/PeriodOfTime");
const ACCRUAL_PERIODICITY: NamedNodeRef = term("http://purl.org/dc/terms/accrualPeriodicity");
const ACCESS_RIGHTS: NamedNodeRef = term("http://purl.org/dc/terms/accessRights");
const TYPE: NamedNodeRef = term("http://purl.org/dc/terms/type");
const AGENT: NamedNodeRef = term("http://xmlns.com/foaf/0.1/Agent");
const NAME: NamedNodeRef = term("http://xmlns.com/foaf/0.1/name");
const HOMEPAGE: NamedNodeRef = term("http://xmlns.com/foaf/0.1/homepage");
const VCARD_ORGANIZATION: NamedNodeRef = term("http://www.w3.org/2006/vcard/ns#Organization");
const FN: NamedNodeRef = term("http://www.w3.org/2006/vcard/ns#fn");
const HAS_EMAIL: NamedNodeRef = term("http://www.w3.org/2006/vcard/ns#hasEmail");

/// DCAT-AP-SE requires the catalog's own metadata to be CC0, with this URI.
const METADATA_LICENSE: NamedNodeRef = term("http://creativecommons.org/publicdomain/zero/1.0/");
/// The EU vocabularies the catalog's values come from.
const DATA_THEMES: &str = "http://publications.europa.eu/resource/authority/data-theme";
const SWEDISH: NamedNodeRef = term("http://publications.europa.eu/resource/authority/language/SWE");
const PUBLIC: NamedNodeRef =
    term("http://publications.europa.eu/resource/authority/access-right/PUBLIC");
const FREQUENCY: &str = "http://publications.europa.eu/resource/authority/frequency/";
const PUBLISHER_TYPE: &str = "http://purl.org/adms/publishertype/";
const MEDIA_TYPES: &str = "https://www.iana.org/assignments/media-types/";

/// The themes of the EU data-theme vocabulary the tables belong to: government and public
/// sector, regions and cities.
const THEMES: &[&str] = &["GOVE", "REGI"];

/// The metadata text's language.
const SV: &str = "sv";

/// A file of a dataset: where it is, what it is and which table schema its rows follow.
struct Distribution {
    path: String,
    title: String,
    description: String,
    media_type: &'static str,
    schema: Option<String>,
}

/// The catalog's triples, built subject by subject.
struct Graph {
    triples: Vec<Triple>,
    /// The absolute URL of a site path, e.g. `https://example.org/data/`.
    base: String,
}

impl Graph {
    fn add(
        &mut self,
        subject: &NamedOrBlankNode,
        predicate: NamedNodeRef,
        object: impl Into<Term>,
    ) {
        self.triples
            .push(Triple::new(subject.clone(), predicate, object));
    }

    fn text(&mut self, subject: &NamedOrBlankNode, predicate: NamedNodeRef, text: &str) {
        let literal = Literal::new_language_tagged_literal_unchecked(text, SV);
        self.add(subject, predicate, literal);
    }

    /// The absolute URL of a site path.
    fn url(&self, path: &str) -> Result<NamedNode, Diagnostic> {
        iri(format!("{}{}", self.base, path))
    }
}

fn iri(text: String) -> Result<NamedNode, Diagnostic> {
    NamedNode::new(text.as_str()).map_err(|e| Diagnostic {
        path: "insyn.toml".into(),
        line: 1,
        column: 1,
        message: format!("the data catalog cannot use `{text}` as a URI: {e}"),
        hint: Some("check base_url and the [data] URLs".into()),
    })
}

/// DCAT-AP-SE knows a Creative Commons licence by its canonical URI
/// (`http://creativecommons.org/licenses/by/4.0/`), not by a deed or legal code page.
fn license_uri(url: &str) -> String {
    let rest = url
        .strip_prefix("https://creativecommons.org/")
        .or_else(|| url.strip_prefix("http://creativecommons.org/"));
    if let Some(rest) = rest {
        let parts: Vec<&str> = rest.split('/').filter(|p| !p.is_empty()).collect();
        if let [kind @ ("licenses" | "publicdomain"), name, version, ..] = parts[..] {
            return format!("http://creativecommons.org/{kind}/{name}/{version}/");
        }
    }
    url.to_string()
}

/// The first and last day a table's rows cover, as `YYYY-MM-DD`.
fn coverage(site: &Site, table: &DataFile) -> Option<(String, String)> {
    if table.is_measures() {
        let periods = site
            .measures
            .values()
            .flat_map(|m| &m.results)
            .map(|r| r.period);
        let (first, last) = min_max(periods)?;
        Some((format!("{}-01-01", first.year), last_day(last)))
    } else {
        let (first, last) = min_max(site.meetings.iter().map(|m| m.date.as_str()))?;
        Some((first.to_string(), last.to_string()))
    }
}

fn min_max<T: Ord + Copy>(values: impl Iterator<Item = T>) -> Option<(T, T)> {
    values.fold(None, |acc, v| match acc {
        None => Some((v, v)),
        Some((lo, hi)) => Some((lo.min(v), hi.max(v))),
    })
}

/// The last day of a period: `2022-04` → `2022-04-30`, `2020` → `2020-12-31`.
fn last_day(period: Period) -> String {
    let Some(month) = period.month else {
        return format!("{}-12-31", period.year);
    };
    let days = (28..=31)
        .rev()
        .find(|d| is_valid_date(&format!("{}-{month:02}-{d:02}", period.year)))
        .unwrap_or(28);
    format!("{}-{month:02}-{days:02}", period.year)
}

/// A table's files: its CSV and JSON, and for the measures each measure's own CSV.
fn distributions(site: &Site, table: &DataFile) -> Vec<Distribution> {
    let csv = |path: &str, title: String, description: String| Distribution {
        path: path.to_string(),
        title,
        description,
        media_type: "text/csv",
        schema: Some(table.schema()),
    };
    let mut list = vec![
        csv(
            table.csv,
            format!("{} (CSV)", table.title),
            format!("{} Kolumnerna beskrivs i tabellschemat.", table.description),
        ),
        Distribution {
            path: table.json.to_string(),
            title: format!("{} (JSON)", table.title),
            description: format!(
                "{} Samma fält som CSV-filen, i JSON-filens lista {}.",
                table.description, table.json_key
            ),
            media_type: "application/json",
            schema: None,
        },
    ];
    if table.is_measures() {
        list.extend(site.measures.values().map(|m| {
            csv(
                &routes::measure_csv(&m.id),
                format!("{} (CSV)", m.name),
                format!(
                    "Resultaten för måttet ”{}”, med samma kolumner som {}.",
                    m.name,
                    relative(MEASURES.csv)
                ),
            )
        }));
    }
    list
}

/// `data/katalog.rdf`.
pub fn catalog(
    site: &Site,
    config: &Config,
    settings: &CatalogConfig,
    urls: &Urls,
) -> Result<Vec<u8>, Diagnostic> {
    let mut g = Graph {
        triples: Vec::new(),
        base: format!("{}{}", config.origin(), urls.abs("")),
    };
    let catalog_url = g.url(routes::DATA_CATALOG)?;
    // Every resource the catalog describes is named by a fragment of the catalog's own URL.
    let node = |fragment: &str| -> Result<NamedOrBlankNode, Diagnostic> {
        Ok(iri(format!("{}#{fragment}", catalog_url.as_str()))?.into())
    };
    let organisation = &config.organisation.name;
    let publisher: NamedOrBlankNode = iri(settings.publisher_uri.to_string())?.into();
    let contact = node("kontakt")?;
    let license = iri(license_uri(settings.license_url))?;
    let data_page = g.url(routes::DATA)?;

    let cat = node("katalog")?;
    g.add(&cat, rdf::TYPE, CATALOG);
    g.text(&cat, TITLE, &format!("Öppna data från {}", config.title));
    g.text(
        &cat,
        DESCRIPTION,
        &format!(
            "Mått och resultat ur planer och uppföljningar samt sammanträden, paragrafer och beslut ur protokoll från {organisation}, som de publiceras på {}.",
            config.title
        ),
    );
    g.add(&cat, PUBLISHER, publisher.clone());
    g.add(&cat, HOMEPAGE, g.url("")?);
    g.add(&cat, LANGUAGE, SWEDISH);
    g.add(&cat, LICENSE, METADATA_LICENSE);
    g.add(&cat, THEME_TAXONOMY, iri(DATA_THEMES.into())?);
    let datasets: Vec<NamedOrBlankNode> = FILES
        .iter()
        .map(|t| node(t.name()))
        .collect::<Result<_, _>>()?;
    for dataset in &datasets {
        g.add(&cat, HAS_DATASET, dataset.clone());
    }

    g.add(&publisher, rdf::TYPE, AGENT);
    g.text(&publisher, NAME, organisation);
    g.add(
        &publisher,
        TYPE,
        iri(format!("{PUBLISHER_TYPE}{}", settings.publisher_type))?,
    );
    if let Some(url) = &config.organisation.url {
        g.add(&publisher, HOMEPAGE, iri(url.clone())?);
    }

    g.add(&contact, rdf::TYPE, VCARD_ORGANIZATION);
    g.add(&contact, FN, Literal::new_simple_literal(organisation));
    g.add(
        &contact,
        HAS_EMAIL,
        iri(format!("mailto:{}", settings.contact_email))?,
    );

    for (table, dataset) in FILES.iter().zip(&datasets) {
        g.add(dataset, rdf::TYPE, DATASET);
        g.text(dataset, TITLE, &format!("{} – {organisation}", table.title));
        g.text(dataset, DESCRIPTION, table.description);
        for keyword in (table.keywords)(&config.terms) {
            g.text(dataset, KEYWORD, &keyword);
        }
        for theme in THEMES {
            g.add(dataset, THEME, iri(format!("{DATA_THEMES}/{theme}"))?);
        }
        g.add(dataset, PUBLISHER, publisher.clone());
        g.add(dataset, CONTACT_POINT, contact.clone());
        g.add(
            dataset,
            LANDING_PAGE,
            iri(format!("{}#{}", data_page.as_str(), slugify(table.title)))?,
        );
        g.add(dataset, ACCESS_RIGHTS, PUBLIC);
        g.add(dataset, LANGUAGE, SWEDISH);
        if let Some(frequency) = settings.update_frequency {
            g.add(
                dataset,
                ACCRUAL_PERIODICITY,
                iri(format!("{FREQUENCY}{frequency}"))?,
            );
        }
        if let Some((start, end)) = coverage(site, table) {
            let period: NamedOrBlankNode =
                BlankNode::new_unchecked(format!("period-{}", table.name())).into();
            g.add(dataset, TEMPORAL, period.clone());
            g.add(&period, rdf::TYPE, PERIOD_OF_TIME);
            g.add(
                &period,
                START_DATE,
                Literal::new_typed_literal(start, xsd::DATE),
            );
            g.add(
                &period,
                END_DATE,
                Literal::new_typed_literal(end, xsd::DATE),
            );
        }
        let files = distributions(site, table);
        let nodes: Vec<NamedOrBlankNode> = files
            .iter()
            .map(|f| node(&format!("{}/{}", table.name(), relative(&f.path))))
            .collect::<Result<_, _>>()?;
        for node in &nodes {
            g.add(dataset, HAS_DISTRIBUTION, node.clone());
        }
        for (file, node) in files.iter().zip(&nodes) {
            let url = g.url(&file.path)?;
            g.add(node, rdf::TYPE, DISTRIBUTION);
            g.text(node, TITLE, &file.title);
            g.text(node, DESCRIPTION, &file.description);
            g.add(node, ACCESS_URL, url.clone());
            g.add(node, DOWNLOAD_URL, url);
            g.add(node, FORMAT, Literal::new_simple_literal(file.media_type));
            g.add(
                node,
                MEDIA_TYPE,
                iri(format!("{MEDIA_TYPES}{}", file.media_type))?,
            );
            g.add(node, LICENSE, license.clone());
            if let Some(schema) = &file.schema {
                g.add(node, CONFORMS_TO, g.url(schema)?);
            }
        }
    }
    Ok(rdf_xml(&g.triples))
}

fn rdf_xml(triples: &[Triple]) -> Vec<u8> {
    let mut serializer = RdfXmlSerializer::new();
    for (prefix, namespace) in PREFIXES {
        serializer = serializer
            .with_prefix(*prefix, *namespace)
            .expect("the namespaces are IRIs");
    }
    let mut writer = serializer.for_writer(Vec::new());
    for triple in triples {
        writer.serialize_triple(triple).expect("writing to memory");
    }
    let mut bytes = writer.finish().expect("writing to memory");
    bytes.push(b'\n');
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn creative_commons_licences_get_their_canonical_uri() {
        for url in [
            "https://creativecommons.org/publicdomain/zero/1.0/deed.sv",
            "https://creativecommons.org/publicdomain/zero/1.0/",
            "http://creativecommons.org/publicdomain/zero/1.0/legalcode",
            "https://creativecommons.org/publicdomain/zero/1.0",
        ] {
            assert_eq!(
                license_uri(url),
                "http://creativecommons.org/publicdomain/zero/1.0/",
                "{url}"
            );
        }
        assert_eq!(
            license_uri("https://creativecommons.org/licenses/by/4.0/deed.sv"),
            "http://creativecommons.org/licenses/by/4.0/"
        );
        assert_eq!(
            license_uri("https://data.norge.no/nlod/no/2.0"),
            "https://data.norge.no/nlod/no/2.0"
        );
    }

    #[test]
    fn a_period_ends_on_its_last_day() {
        let p = |year, month| Period { year, month };
        assert_eq!(last_day(p(2022, Some(4))), "2022-04-30");
        assert_eq!(last_day(p(2024, Some(2))), "2024-02-29");
        assert_eq!(last_day(p(2023, Some(2))), "2023-02-28");
        assert_eq!(last_day(p(2020, None)), "2020-12-31");
    }
}
