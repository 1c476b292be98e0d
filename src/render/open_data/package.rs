//! The Frictionless data package (`data/datapackage.json`): every CSV file with its title and
//! its Table Schema (`data/schema/<table>.json`), so that tools can check and load the files
//! with their types.

use serde_json::{Value, json};

use super::table::SPREADSHEET_NOTE;
use super::{DataFile, FILES, MEASURES, relative};
use crate::config::Config;
use crate::model::Site;
use crate::routes::{self, Urls};
use crate::slug::slugify;

/// A table's Table Schema: its fields in file order; an empty field is a missing value.
pub fn table_schema(table: &DataFile) -> Value {
    let fields: Vec<Value> = (table.fields)().iter().map(|f| f.schema()).collect();
    json!({
        "fields": fields,
        "missingValues": [""],
    })
}

/// A CSV file of a table as a tabular data resource.
fn resource(name: &str, path: &str, title: &str, description: String, table: &DataFile) -> Value {
    json!({
        "name": name,
        "path": relative(path),
        "title": title,
        "description": description,
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": relative(&table.schema()),
    })
}

/// `data/datapackage.json`: every table's CSV file and each measure's own.
pub fn data_package(site: &Site, config: &Config, urls: &Urls) -> Value {
    let mut resources: Vec<Value> = FILES
        .iter()
        .map(|t| {
            let description = format!("{} {SPREADSHEET_NOTE}", t.description);
            resource(t.name(), t.csv, t.title, description, t)
        })
        .collect();
    resources.extend(site.measures.values().map(|m| {
        let description = format!(
            "Resultaten för måttet ”{}”, med samma kolumner som {}. {SPREADSHEET_NOTE}",
            m.name,
            relative(MEASURES.csv)
        );
        let name = format!("{}-{}", MEASURES.name(), m.id);
        resource(
            &name,
            &routes::measure_csv(&m.id),
            &m.name,
            description,
            MEASURES,
        )
    }));
    let mut package = json!({
        "profile": "tabular-data-package",
        "name": slugify(&config.title),
        "title": format!("Öppna data från {}", config.title),
        "description": format!(
            "Mått och resultat ur planer och uppföljningar samt sammanträden, paragrafer och beslut ur protokoll från {}.",
            config.organisation.name
        ),
        "homepage": format!("{}{}", config.origin(), urls.abs(routes::DATA)),
        "resources": resources,
    });
    if let Some(url) = &config.data.license_url {
        let mut license = json!({ "path": url });
        if let Some(title) = &config.data.license {
            license["title"] = title.as_str().into();
        }
        package["licenses"] = json!([license]);
    }
    package
}
