//! Open data for machines: the DCAT-AP-SE catalog parsed as RDF, every CSV file checked against
//! its table schema, schema.org JSON-LD in the pages, and what a site without catalog settings
//! gets; spreadsheet formulas and very large numbers in the files.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use oxrdf::vocab::rdf;
use oxrdf::{Graph, NamedNodeRef, NamedOrBlankNodeRef, TermRef};
use oxrdfxml::RdfXmlParser;
use serde_json::Value;

use common::*;

const ORIGIN: &str = "https://example.org";

fn dcat(name: &str) -> String {
    format!("http://www.w3.org/ns/dcat#{name}")
}
fn dcterms(name: &str) -> String {
    format!("http://purl.org/dc/terms/{name}")
}
fn foaf(name: &str) -> String {
    format!("http://xmlns.com/foaf/0.1/{name}")
}
fn vcard(name: &str) -> String {
    format!("http://www.w3.org/2006/vcard/ns#{name}")
}

/// The catalog as an RDF graph, with questions the tests ask of it.
struct Catalog(Graph);

impl Catalog {
    fn parse(path: &Path) -> Self {
        let bytes = std::fs::read(path).unwrap();
        let mut graph = Graph::new();
        for triple in RdfXmlParser::new().for_slice(&bytes) {
            graph.insert(&triple.unwrap_or_else(|e| panic!("{}: {e}", path.display())));
        }
        Catalog(graph)
    }

    fn objects<'a>(
        &'a self,
        subject: NamedOrBlankNodeRef<'a>,
        predicate: &str,
    ) -> Vec<TermRef<'a>> {
        self.0
            .objects_for_subject_predicate(subject, NamedNodeRef::new(predicate).unwrap())
            .collect()
    }

    /// The subjects of a type; each must be named by a URI (the portal refuses blank nodes).
    fn of_type(&self, class: &str) -> Vec<NamedOrBlankNodeRef<'_>> {
        let subjects: Vec<_> = self
            .0
            .subjects_for_predicate_object(rdf::TYPE, NamedNodeRef::new(class).unwrap())
            .collect();
        for s in &subjects {
            assert!(
                matches!(s, NamedOrBlankNodeRef::NamedNode(_)),
                "{class} {s} is a blank node"
            );
        }
        subjects
    }

    /// The one value of a property, which must be there.
    fn one<'a>(&'a self, subject: NamedOrBlankNodeRef<'a>, predicate: &str) -> TermRef<'a> {
        let objects = self.objects(subject, predicate);
        assert_eq!(
            objects.len(),
            1,
            "{subject} should have one {predicate}: {objects:?}"
        );
        objects[0]
    }

    /// A Swedish text the property must have.
    fn swedish<'a>(&'a self, subject: NamedOrBlankNodeRef<'a>, predicate: &str) -> &'a str {
        let texts: Vec<&str> = self
            .objects(subject, predicate)
            .into_iter()
            .filter_map(|o| match o {
                TermRef::Literal(l) if l.language() == Some("sv") && !l.value().is_empty() => {
                    Some(l.value())
                }
                _ => None,
            })
            .collect();
        assert!(!texts.is_empty(), "{subject} has no Swedish {predicate}");
        texts[0]
    }

    fn node<'a>(&self, term: TermRef<'a>) -> NamedOrBlankNodeRef<'a> {
        match term {
            TermRef::NamedNode(n) => n.into(),
            TermRef::BlankNode(b) => b.into(),
            other => panic!("{other} is not a node"),
        }
    }

    fn iri<'a>(&self, term: TermRef<'a>) -> &'a str {
        match term {
            TermRef::NamedNode(n) => n.as_str(),
            other => panic!("{other} is not a URI"),
        }
    }
}

/// The site path of an absolute URL of the site.
fn site_path(url: &str) -> &str {
    url.strip_prefix(ORIGIN)
        .and_then(|p| p.strip_prefix('/'))
        .unwrap_or_else(|| panic!("{url} is not on the site"))
}

/// Every file below `public/data/` with the given ending, as site paths.
fn data_files(public: &Path, ending: &str) -> BTreeSet<String> {
    tree(&public.join("data"))
        .into_keys()
        .filter(|p| p.ends_with(ending))
        .map(|p| format!("data/{p}"))
        .collect()
}

fn built_repo() -> TempSite {
    let site = TempSite::repo();
    site.build_ok();
    site
}

#[test]
fn the_catalog_lists_every_data_file_with_the_mandatory_properties() {
    let site = built_repo();
    let public = site.public();
    let catalog = Catalog::parse(&public.join("data/katalog.rdf"));

    let catalogs = catalog.of_type(&dcat("Catalog"));
    assert_eq!(catalogs.len(), 1);
    let cat = catalogs[0];
    catalog.swedish(cat, &dcterms("title"));
    catalog.swedish(cat, &dcterms("description"));
    assert_eq!(
        catalog.iri(catalog.one(cat, &dcterms("license"))),
        "http://creativecommons.org/publicdomain/zero/1.0/",
        "DCAT-AP-SE wants the catalog's own metadata under CC0"
    );
    assert_eq!(
        catalog.iri(catalog.one(cat, &foaf("homepage"))),
        "https://example.org/"
    );

    // The publisher: the organisation of the config, with its kind.
    let publisher = catalog.node(catalog.one(cat, &dcterms("publisher")));
    assert_eq!(catalog.of_type(&foaf("Agent")), vec![publisher]);
    assert_eq!(publisher.to_string(), "<https://www.norrbotten.se/>");
    assert_eq!(
        catalog.swedish(publisher, &foaf("name")),
        "Region Norrbotten"
    );
    assert_eq!(
        catalog.iri(catalog.one(publisher, &dcterms("type"))),
        "http://purl.org/adms/publishertype/RegionalAuthority"
    );

    let datasets: Vec<_> = catalog
        .objects(cat, &dcat("dataset"))
        .into_iter()
        .map(|d| catalog.node(d))
        .collect();
    assert_eq!(datasets.len(), 3, "measures, meetings and §§");
    let names = |nodes: &[NamedOrBlankNodeRef]| -> BTreeSet<String> {
        nodes.iter().map(ToString::to_string).collect()
    };
    assert_eq!(names(&datasets), names(&catalog.of_type(&dcat("Dataset"))));
    let mut downloads: BTreeMap<String, usize> = BTreeMap::new();
    let mut schemas = BTreeSet::new();
    for &dataset in &datasets {
        catalog.swedish(dataset, &dcterms("title"));
        catalog.swedish(dataset, &dcterms("description"));
        catalog.swedish(dataset, &dcat("keyword"));
        assert_eq!(
            catalog.node(catalog.one(dataset, &dcterms("publisher"))),
            publisher
        );
        for theme in catalog.objects(dataset, &dcat("theme")) {
            assert!(
                catalog
                    .iri(theme)
                    .starts_with("http://publications.europa.eu/resource/authority/data-theme/"),
                "{theme}"
            );
        }
        assert!(!catalog.objects(dataset, &dcat("theme")).is_empty());
        assert_eq!(
            catalog.iri(catalog.one(dataset, &dcterms("accrualPeriodicity"))),
            "http://publications.europa.eu/resource/authority/frequency/MONTHLY"
        );
        let period = catalog.node(catalog.one(dataset, &dcterms("temporal")));
        for bound in ["startDate", "endDate"] {
            let TermRef::Literal(date) = catalog.one(period, &dcat(bound)) else {
                panic!("{bound} is not a date");
            };
            assert_eq!(
                date.datatype().as_str(),
                "http://www.w3.org/2001/XMLSchema#date"
            );
        }

        // The contact point: an organisation with a name and the config's e-mail address.
        let contact = catalog.node(catalog.one(dataset, &dcat("contactPoint")));
        assert_ne!(
            contact, publisher,
            "the portal keeps contacts and publishers apart"
        );
        assert_eq!(
            catalog.iri(catalog.one(contact, rdf::TYPE.as_str())),
            vcard("Organization")
        );
        let TermRef::Literal(name) = catalog.one(contact, &vcard("fn")) else {
            panic!("the contact has no name");
        };
        assert_eq!(name.value(), "Region Norrbotten");
        assert_eq!(
            catalog.iri(catalog.one(contact, &vcard("hasEmail"))),
            "mailto:region@norrbotten.se"
        );

        let distributions = catalog.objects(dataset, &dcat("distribution"));
        assert!(!distributions.is_empty(), "{dataset} has no distribution");
        for d in distributions {
            let d = catalog.node(d);
            let access = catalog.iri(catalog.one(d, &dcat("accessURL")));
            let download = catalog.iri(catalog.one(d, &dcat("downloadURL")));
            assert_eq!(access, download);
            assert!(
                public.join(site_path(download)).is_file(),
                "{download} is not a file of the site"
            );
            let TermRef::Literal(format) = catalog.one(d, &dcterms("format")) else {
                panic!("{d} has no format");
            };
            let expected = if download.ends_with(".csv") {
                "text/csv"
            } else {
                "application/json"
            };
            assert_eq!(format.value(), expected, "{download}");
            assert_eq!(
                catalog.iri(catalog.one(d, &dcat("mediaType"))),
                format!("https://www.iana.org/assignments/media-types/{expected}")
            );
            assert_eq!(
                catalog.iri(catalog.one(d, &dcterms("license"))),
                "http://creativecommons.org/publicdomain/zero/1.0/",
                "the config's licence, as its canonical URI"
            );
            for schema in catalog.objects(d, &dcterms("conformsTo")) {
                let path = site_path(catalog.iri(schema));
                assert!(public.join(path).is_file(), "{path}");
                schemas.insert(path.to_string());
            }
            *downloads
                .entry(site_path(download).to_string())
                .or_default() += 1;
        }
    }

    // Every CSV and JSON file of the open data is a distribution (the JSON of the minutes in
    // both of its datasets); the table schemas are what the CSV distributions conform to.
    let csv = data_files(&public, ".csv");
    assert!(
        csv.len() > 100,
        "every measure's CSV is published: {}",
        csv.len()
    );
    let json: BTreeSet<String> = data_files(&public, ".json")
        .into_iter()
        .filter(|p| p != "data/datapackage.json" && !p.starts_with("data/schema/"))
        .collect();
    let listed: BTreeSet<String> = downloads.keys().cloned().collect();
    assert_eq!(listed, csv.union(&json).cloned().collect());
    assert_eq!(downloads["data/protokoll.json"], 2);
    assert_eq!(
        schemas,
        data_files(&public, ".json")
            .into_iter()
            .filter(|p| p.starts_with("data/schema/"))
            .collect()
    );

    // The /data/ page links the catalog, in its text and in its head.
    let page = site.page("data/index.html");
    assert!(select_attrs(&page, "main a", "href").contains(&"/data/katalog.rdf".to_string()));
    assert_eq!(
        select_attrs(&page, "head link[type=\"application/rdf+xml\"]", "href"),
        vec!["/data/katalog.rdf"]
    );
}

/// A Table Schema field, as the checks below read it.
struct SchemaField {
    name: String,
    kind: String,
    format: Option<String>,
    required: bool,
    values: Option<Vec<String>>,
    pattern: Option<regex::Regex>,
}

impl SchemaField {
    fn from(field: &Value) -> Self {
        let constraints = &field["constraints"];
        SchemaField {
            name: field["name"].as_str().unwrap().to_string(),
            kind: field["type"].as_str().unwrap().to_string(),
            format: field["format"].as_str().map(str::to_string),
            required: constraints["required"].as_bool().unwrap_or(false),
            values: constraints["enum"].as_array().map(|values| {
                values
                    .iter()
                    .map(|v| v.as_str().unwrap().to_string())
                    .collect()
            }),
            pattern: constraints["pattern"].as_str().map(|p| {
                // Table Schema patterns are XML Schema expressions: they match the whole value.
                regex::Regex::new(&format!("^(?:{p})$")).unwrap()
            }),
        }
    }

    /// Why a cell does not fit the field, if it does not.
    fn problem(&self, cell: &str) -> Option<String> {
        if cell.is_empty() {
            return self.required.then(|| "is required".into());
        }
        let number = regex::Regex::new(r"^-?[0-9]+(\.[0-9]+)?$").unwrap();
        let fits = match self.kind.as_str() {
            "string" => match self.format.as_deref() {
                Some("uri") => cell.starts_with("https://") && !cell.contains(char::is_whitespace),
                _ => true,
            },
            // As the README says: decimal point, no thousands separator, no exponent.
            "number" => number.is_match(cell),
            "integer" => cell.parse::<u64>().is_ok(),
            "date" => insyn::model::is_valid_date(cell),
            other => return Some(format!("has an unknown type {other}")),
        };
        if !fits {
            return Some(format!("is not a {}", self.kind));
        }
        if let Some(values) = &self.values
            && !values.iter().any(|v| v == cell)
        {
            return Some(format!("is not one of {values:?}"));
        }
        if let Some(pattern) = &self.pattern
            && !pattern.is_match(cell)
        {
            return Some(format!("does not match {pattern}"));
        }
        None
    }
}

/// Checks every CSV file of the data package against its table schema; returns the rows checked.
fn validate_package(public: &Path) -> usize {
    let data = public.join("data");
    let package: Value =
        serde_json::from_slice(&std::fs::read(data.join("datapackage.json")).unwrap()).unwrap();
    let resources = package["resources"].as_array().unwrap();
    let paths: BTreeSet<String> = resources
        .iter()
        .map(|r| format!("data/{}", r["path"].as_str().unwrap()))
        .collect();
    assert_eq!(
        paths,
        data_files(public, ".csv"),
        "every CSV file is in the package"
    );

    let mut rows = 0;
    for resource in resources {
        let path = resource["path"].as_str().unwrap();
        let schema_path = resource["schema"].as_str().unwrap();
        let schema: Value =
            serde_json::from_slice(&std::fs::read(data.join(schema_path)).unwrap()).unwrap();
        assert_eq!(schema["missingValues"], serde_json::json!([""]));
        let fields: Vec<SchemaField> = schema["fields"]
            .as_array()
            .unwrap()
            .iter()
            .map(SchemaField::from)
            .collect();
        let mut reader = csv::Reader::from_path(data.join(path)).unwrap();
        let header: Vec<String> = reader
            .headers()
            .unwrap()
            .iter()
            .map(str::to_string)
            .collect();
        let names: Vec<String> = fields.iter().map(|f| f.name.clone()).collect();
        assert_eq!(header, names, "{path}: the header is the schema's fields");
        for (i, record) in reader.records().enumerate() {
            let record = record.unwrap();
            assert_eq!(record.len(), fields.len(), "{path} row {}", i + 2);
            for (cell, field) in record.iter().zip(&fields) {
                if let Some(problem) = field.problem(cell) {
                    panic!("{path} row {}: {} `{cell}` {problem}", i + 2, field.name);
                }
            }
            rows += 1;
        }
    }
    rows
}

#[test]
fn every_csv_file_validates_against_its_table_schema() {
    let site = built_repo();
    let rows = validate_package(&site.public());
    assert!(rows > 500, "only {rows} rows checked");

    // The /data/ page is made from the same fields: its column tables list the schema's.
    let page = site.page("data/index.html");
    let schema: Value = serde_json::from_slice(
        &std::fs::read(site.public().join("data/schema/matt.json")).unwrap(),
    )
    .unwrap();
    let names: Vec<String> = schema["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["name"].as_str().unwrap().to_string())
        .collect();
    let documented = select_texts(
        &page,
        "section[aria-labelledby=matt-och-resultat] tbody th[scope=row]",
    );
    assert_eq!(documented, names);
    assert!(text_of(&page).contains("delvis-uppnatt (Delvis uppnått)"));
}

/// The JSON-LD nodes of a page.
fn json_ld(html: &str) -> Vec<Value> {
    let scripts = select_texts(html, "script[type=\"application/ld+json\"]");
    assert!(scripts.len() <= 1, "{scripts:?}");
    scripts
        .iter()
        .flat_map(|s| {
            let doc: Value = serde_json::from_str(s).unwrap_or_else(|e| panic!("{e}: {s}"));
            assert_eq!(doc["@context"], "https://schema.org");
            doc["@graph"].as_array().unwrap().clone()
        })
        .collect()
}

fn node_of<'a>(nodes: &'a [Value], kind: &str) -> Option<&'a Value> {
    nodes.iter().find(|n| n["@type"] == kind)
}

#[test]
fn measure_pages_carry_a_dataset_that_links_their_csv() {
    let site = built_repo();
    let public = site.public();
    let measures: Vec<String> = std::fs::read_dir(public.join("matt"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| public.join("matt").join(name).is_dir())
        .collect();
    assert!(measures.len() > 100);
    for id in &measures {
        let html = site.page(&format!("matt/{id}/index.html"));
        let nodes = json_ld(&html);
        let dataset = node_of(&nodes, "Dataset").unwrap_or_else(|| panic!("{id}: no Dataset"));
        assert_eq!(
            dataset["name"].as_str(),
            select_texts(&html, "h1").first().map(String::as_str)
        );
        assert!(dataset["description"].as_str().unwrap().len() >= 50);
        let csv = format!("{ORIGIN}/data/matt/{id}.csv");
        let download = &dataset["distribution"][0];
        assert_eq!(download["@type"], "DataDownload");
        assert_eq!(download["encodingFormat"], "text/csv");
        assert_eq!(download["contentUrl"], csv.as_str(), "{id}");
        assert!(public.join(site_path(&csv)).is_file());
        assert_eq!(dataset["publisher"]["@type"], "GovernmentOrganization");
        assert_eq!(dataset["publisher"]["name"], "Region Norrbotten");
        assert!(
            dataset["license"]
                .as_str()
                .unwrap()
                .contains("creativecommons.org")
        );
        let crumbs = node_of(&nodes, "BreadcrumbList").unwrap();
        let items = crumbs["itemListElement"].as_array().unwrap();
        assert_eq!(
            items.last().unwrap()["item"],
            format!("{ORIGIN}/matt/{id}/").as_str()
        );
    }
    let triage = site.page("matt/antal-slutforda-triage-digitalen/index.html");
    assert_eq!(
        node_of(&json_ld(&triage), "Dataset").unwrap()["temporalCoverage"],
        "2022-04"
    );

    // The start page names the publisher; every page's JSON-LD parses.
    let home = json_ld(&site.page("index.html"));
    let org = node_of(&home, "GovernmentOrganization").unwrap();
    assert_eq!(org["url"], "https://www.norrbotten.se/");
    for (path, bytes) in tree(&public) {
        if path.ends_with(".html") {
            json_ld(&String::from_utf8(bytes).unwrap());
        }
    }
}

#[test]
fn json_ld_escapes_content_that_could_end_its_script() {
    let site = TempSite::fixture();
    let name = "Triage </script><script>alert(1)</script> & <!-- mer";
    site.edit(
        "content/matt/antal-slutforda-triage.md",
        "name = \"Antal slutförda triage",
        &format!("name = \"{name} Antal slutförda triage"),
    );
    site.build_ok();
    let html = site.page("matt/antal-slutforda-triage/index.html");
    let head = &html[..html.find("</head>").unwrap()];
    assert!(!head.contains("<script>alert"), "{head}");
    assert_eq!(head.matches("</script>").count(), 1, "{head}");
    let dataset = node_of(&json_ld(&html), "Dataset").cloned().unwrap();
    assert!(
        dataset["name"].as_str().unwrap().starts_with(name),
        "{}",
        dataset["name"]
    );
}

#[test]
fn a_site_without_catalog_settings_builds_warns_once_and_writes_no_catalog() {
    let site = TempSite::fixture();
    let out = site.build(&[]);
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.matches("warning:").count(), 1, "{stderr}");
    assert!(
        stderr.contains("insyn.toml: warning: no data catalog"),
        "{stderr}"
    );
    for key in ["publisher_uri", "publisher_type", "contact_email"] {
        assert!(
            stderr.contains(key),
            "the warning should name {key}: {stderr}"
        );
    }
    assert!(!site.public().join("data/katalog.rdf").exists());
    let page = site.page("data/index.html");
    assert!(!page.contains("katalog.rdf"), "the page links no catalog");
    // The rest of the open data is there, and valid.
    assert!(validate_package(&site.public()) > 0);

    // --quiet says nothing.
    let quiet = site.build(&["--quiet"]);
    assert!(quiet.status.success() && quiet.stderr.is_empty());
}

#[test]
fn catalog_settings_that_lack_a_key_are_an_error_naming_it() {
    let site = TempSite::fixture();
    site.build_ok();
    let config = site.read_source("insyn.toml");
    site.write(
        "insyn.toml",
        &format!("{config}publisher_uri = \"http://dataportal.se/organisation/SE2321000000\"\n"),
    );
    let out = site.build(&[]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    let data_line = config.lines().position(|l| l == "[data]").unwrap() + 1;
    for key in ["publisher_type", "contact_email"] {
        assert!(
            stderr.contains(&format!(
                "insyn.toml:{data_line}:1: error: [data] names a publisher, so a data catalog is written, but it lacks `{key}`"
            )),
            "{stderr}"
        );
    }
    assert!(
        stderr.contains("hint: add publisher_type = \"RegionalAuthority\""),
        "{stderr}"
    );
    assert!(!site.public().join("data/katalog.rdf").exists());

    site.write(
        "insyn.toml",
        &format!(
            "{config}publisher_uri = \"http://dataportal.se/organisation/SE2321000000\"\npublisher_type = \"Region\"\ncontact_email = \"data@example.se\"\n"
        ),
    );
    let stderr = String::from_utf8_lossy(&site.build(&[]).stderr).into_owned();
    assert!(
        stderr.contains("publisher_type `Region` is not an ADMS publisher type"),
        "{stderr}"
    );
}

/// The rows of a CSV file of the site, by column name.
fn read_csv(path: &Path) -> Vec<BTreeMap<String, String>> {
    let mut reader = csv::Reader::from_path(path).unwrap();
    reader.deserialize().map(|r| r.unwrap()).collect()
}

#[test]
fn spreadsheet_formulas_in_texts_are_written_as_text_and_numbers_stay_numbers() {
    let site = TempSite::fixture();
    site.edit(
        "content/matt/antal-slutforda-triage.csv",
        ";18 464;;beraknad;forbattring;Utfallet avser januari–april.;",
        ";-3,5;;;forbattring;\"=HYPERLINK(\"\"http://evil.example/\"\",\"\"x\"\")\";",
    );
    site.build_ok();
    let public = site.public();
    for file in ["data/matt.csv", "data/matt/antal-slutforda-triage.csv"] {
        let rows = read_csv(&public.join(file));
        let row = rows
            .iter()
            .find(|r| r["measure"] == "antal-slutforda-triage")
            .unwrap();
        assert_eq!(
            row["comment"], "'=HYPERLINK(\"http://evil.example/\",\"x\")",
            "{file}"
        );
        assert_eq!(
            row["outcome"], "-3,5",
            "a number in a text column stays as written"
        );
        assert_eq!(
            row["outcome_value"], "-3.5",
            "a number column is never quoted"
        );
    }
    // JSON is not opened by spreadsheets: it keeps the text as written.
    let json: Value =
        serde_json::from_slice(&std::fs::read(public.join("data/matt.json")).unwrap()).unwrap();
    let result = json["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["measure"] == "antal-slutforda-triage")
        .unwrap();
    assert_eq!(
        result["comment"],
        "=HYPERLINK(\"http://evil.example/\",\"x\")"
    );
    assert!(validate_package(&public) > 0);
}

#[test]
fn very_large_numbers_are_written_without_an_exponent() {
    let site = TempSite::fixture();
    site.edit(
        "content/matt/antal-slutforda-triage.csv",
        ";18 464;",
        ";12 345 678 901 234 567 890 123 456;",
    );
    site.build_ok();
    let public = site.public();
    let rows = read_csv(&public.join("data/matt.csv"));
    let row = rows
        .iter()
        .find(|r| r["measure"] == "antal-slutforda-triage")
        .unwrap();
    assert_eq!(row["outcome_value"], "12345678901234568000000000");
    let json = std::fs::read_to_string(public.join("data/matt.json")).unwrap();
    assert!(
        json.contains("\"outcome_value\": 12345678901234568000000000"),
        "{json}"
    );
    assert!(!json.contains("e25"));
    assert!(validate_package(&public) > 0);
}
