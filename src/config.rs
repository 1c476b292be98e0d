//! The site config (`insyn.toml`): what the site is called, where it is served, which theme.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diagnostics::{Diagnostic, SourceText};
use crate::model::{DecisionKind, DiaryForm, DiaryForms, MeasureKind};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub title: String,
    pub base_url: String,
    #[serde(default = "default_language")]
    pub language: String,
    #[serde(default = "default_theme")]
    pub theme: String,
    #[serde(default = "default_output")]
    pub output_dir: PathBuf,
    /// Raw HTML in Markdown is dropped unless this is on: content is data, never markup.
    #[serde(default)]
    pub allow_raw_html: bool,
    pub organisation: Organisation,
    /// Contact details and dates for the accessibility statement (`/tillganglighet/`); without
    /// this section the site has no statement page.
    pub accessibility: Option<Accessibility>,
    /// The open data under `/data/`.
    #[serde(default)]
    pub data: DataConfig,
    /// What the organisation calls its perspectives, goals, success factors and key measures.
    #[serde(default)]
    pub terms: Terms,
    /// How the organisation writes its diary numbers.
    #[serde(default)]
    pub diary_numbers: DiaryNumbers,
}

/// The organisation's diary-number forms (`[diary_numbers] forms = ["{number}-{year}"]`), for
/// finding numbers in running text and for `insyn check`'s warnings about mistyped ones.
/// Without the section, the common Swedish forms ([`crate::model::dnr::DEFAULT_FORMS`]).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DiaryNumbers {
    /// The forms as written in the config.
    #[serde(rename = "forms")]
    declared: Option<Vec<String>>,
    /// The forms, parsed by [`Config::load`].
    #[serde(skip)]
    pub forms: DiaryForms,
}

/// The organisation's own words for the parts of its plans (`[terms]`), in the Swedish forms
/// the site's pages need. A noun left out keeps Region Norrbotten's word.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Terms {
    /// The organisation as a noun (`regionen`, `kommunen`): "som regionen följer upp".
    pub organisation: OrganisationNoun,
    /// A plan's top level (`perspektiv`, `målområde`, `fokusområde`).
    pub perspective: Noun,
    /// A plan's goal (`strategiskt mål`, `mål`).
    pub goal: Noun,
    /// What a goal is broken into and measured by (`framgångsfaktor`, `delmål`).
    pub factor: Noun,
    /// The measures a goal is followed up by (`styrmått`, `indikator`); control measures
    /// and activities keep their names.
    pub measure: Noun,
    /// The assembly a board's proposals go to (`regionfullmäktige`, `kommunfullmäktige`):
    /// a decision of that kind is a "Förslag till regionfullmäktige".
    pub council: String,
}

/// A noun in the three forms the pages use.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Noun {
    /// `perspektiv`, `målområde`.
    pub singular: String,
    /// `perspektivet`, `målområdet`; its ending also says `detta` or `denna`.
    pub definite: String,
    /// `perspektiv`, `målområden`.
    pub plural: String,
}

/// The organisation as the pages speak of it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrganisationNoun {
    /// `regionen`, `kommunen`.
    pub definite: String,
    /// `regionens`, `kommunens`.
    pub genitive: String,
}

impl Noun {
    fn new(singular: &str, definite: &str, plural: &str) -> Self {
        Noun {
            singular: singular.into(),
            definite: definite.into(),
            plural: plural.into(),
        }
    }
}

impl Default for Terms {
    fn default() -> Self {
        Terms {
            organisation: OrganisationNoun {
                definite: "regionen".into(),
                genitive: "regionens".into(),
            },
            perspective: Noun::new("perspektiv", "perspektivet", "perspektiv"),
            goal: Noun::new("strategiskt mål", "målet", "strategiska mål"),
            factor: Noun::new("framgångsfaktor", "framgångsfaktorn", "framgångsfaktorer"),
            measure: Noun::new("styrmått", "styrmåttet", "styrmått"),
            council: "fullmäktige".into(),
        }
    }
}

impl Terms {
    /// Each form with its key path, for checking that none is empty.
    fn forms(&self) -> Vec<([&'static str; 3], &str)> {
        let o = &self.organisation;
        let mut forms = vec![
            (["terms", "organisation", "definite"], o.definite.as_str()),
            (["terms", "organisation", "genitive"], o.genitive.as_str()),
        ];
        for (name, noun) in [
            ("perspective", &self.perspective),
            ("goal", &self.goal),
            ("factor", &self.factor),
            ("measure", &self.measure),
        ] {
            forms.push((["terms", name, "singular"], noun.singular.as_str()));
            forms.push((["terms", name, "definite"], noun.definite.as_str()));
            forms.push((["terms", name, "plural"], noun.plural.as_str()));
        }
        forms
    }

    /// A measure kind's name on the pages and in search: key measures by the organisation's
    /// word for them.
    pub fn measure_kind(&self, kind: MeasureKind) -> String {
        match kind {
            MeasureKind::Styrmatt => capitalise(&self.measure.singular),
            _ => kind.label().to_string(),
        }
    }

    /// A decision kind's name on the pages and in search: a proposal names the assembly it
    /// goes to.
    pub fn decision_kind(&self, kind: DecisionKind) -> String {
        match kind {
            DecisionKind::Proposal => format!("Förslag till {}", self.council),
            _ => kind.label().to_string(),
        }
    }
}

/// The word with its first letter upper case; the rest is kept (`SDG-mål` stays).
pub fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The terms the open data is published under (the `/data/` page states them), and what its
/// DCAT-AP-SE catalog for Sweden's data portal needs that the site cannot know.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DataConfig {
    /// The licence's name, e.g. "CC0 1.0 Universell". Unset: the page says none is stated.
    pub license: Option<String>,
    /// Where the licence's text is.
    pub license_url: Option<String>,
    /// The publisher's URI in the catalog, e.g. `http://dataportal.se/organisation/SE<orgnr>`.
    /// With `publisher_type`, it asks for the catalog.
    pub publisher_uri: Option<String>,
    /// The publisher's kind, a code of the ADMS publisher types ([`PUBLISHER_TYPES`]).
    pub publisher_type: Option<String>,
    /// Where re-users ask about the data; unset, the accessibility contact is used.
    pub contact_email: Option<String>,
    /// How often the data is updated, a code of the EU frequency vocabulary ([`FREQUENCIES`]).
    pub update_frequency: Option<String>,
}

/// The ADMS publisher types (`http://purl.org/adms/publishertype/<code>`), which DCAT-AP-SE
/// requires of a publisher.
pub const PUBLISHER_TYPES: &[&str] = &[
    "Academia-ScientificOrganisation",
    "Company",
    "IndustryConsortium",
    "LocalAuthority",
    "NationalAuthority",
    "NonGovernmentalOrganisation",
    "NonProfitOrganisation",
    "PrivateIndividual(s)",
    "RegionalAuthority",
    "StandardisationBody",
    "SupraNationalAuthority",
];

/// The EU frequency vocabulary's codes
/// (`http://publications.europa.eu/resource/authority/frequency/<code>`) that DCAT-AP-SE lists.
pub const FREQUENCIES: &[&str] = &[
    "CONT",
    "UPDATE_CONT",
    "DAILY_2",
    "DAILY",
    "WEEKLY_3",
    "WEEKLY_2",
    "WEEKLY",
    "MONTHLY_3",
    "BIWEEKLY",
    "MONTHLY_2",
    "MONTHLY",
    "BIMONTHLY",
    "QUARTERLY",
    "ANNUAL_3",
    "ANNUAL_2",
    "ANNUAL",
    "BIENNIAL",
    "TRIENNIAL",
    "IRREG",
    "OTHER",
    "UNKNOWN",
    "NEVER",
];

/// What the data catalog is made from, when the config asks for one and has all of it.
#[derive(Debug, Clone, Copy)]
pub struct CatalogConfig<'a> {
    pub publisher_uri: &'a str,
    pub publisher_type: &'a str,
    pub contact_email: &'a str,
    pub license_url: &'a str,
    pub update_frequency: Option<&'a str>,
}

/// A catalog key the config lacks, with an example of what to write.
struct MissingKey {
    key: &'static str,
    example: String,
}

impl Config {
    /// The data catalog's settings, when `[data]` names the publisher (it asks for a catalog)
    /// and nothing the catalog needs is missing ([`Config::load`] reports what is).
    pub fn catalog(&self) -> Option<CatalogConfig<'_>> {
        let data = &self.data;
        Some(CatalogConfig {
            publisher_uri: data.publisher_uri.as_deref()?,
            publisher_type: data.publisher_type.as_deref()?,
            contact_email: self.data_contact()?,
            license_url: data.license_url.as_deref()?,
            update_frequency: data.update_frequency.as_deref(),
        })
    }

    /// A warning for a config that does not ask for a data catalog: what to add to `[data]` to
    /// publish one. `None` when it asks for one.
    pub fn catalog_warning(&self) -> Option<String> {
        if self.asks_for_catalog() {
            return None;
        }
        let keys: Vec<String> = self
            .missing_catalog_keys()
            .into_iter()
            .map(|m| format!("{} = {}", m.key, m.example))
            .collect();
        Some(format!(
            "no data catalog (DCAT-AP-SE) is written, so Sweden's data portal cannot list the open data\n  hint: add to [data]: {}; see the README section \"Publishing to the data portal\"",
            keys.join(", ")
        ))
    }

    fn asks_for_catalog(&self) -> bool {
        self.data.publisher_uri.is_some() || self.data.publisher_type.is_some()
    }

    /// Where re-users ask about the data: `[data] contact_email`, else the accessibility one.
    fn data_contact(&self) -> Option<&str> {
        self.data.contact_email.as_deref().or(self
            .accessibility
            .as_ref()
            .map(|a| a.contact_email.as_str()))
    }

    fn missing_catalog_keys(&self) -> Vec<MissingKey> {
        let data = &self.data;
        let mut missing = Vec::new();
        if data.publisher_uri.is_none() {
            missing.push(MissingKey {
                key: "publisher_uri",
                example: "\"http://dataportal.se/organisation/SE<organisationsnummer>\"".into(),
            });
        }
        if data.publisher_type.is_none() {
            missing.push(MissingKey {
                key: "publisher_type",
                example: format!(
                    "\"RegionalAuthority\" (one of {})",
                    PUBLISHER_TYPES.join(", ")
                ),
            });
        }
        if data.license_url.is_none() {
            missing.push(MissingKey {
                key: "license_url",
                example: "\"https://creativecommons.org/publicdomain/zero/1.0/\"".into(),
            });
        }
        if self.data_contact().is_none() {
            missing.push(MissingKey {
                key: "contact_email",
                example: "\"oppnadata@example.se\" (or an [accessibility] contact_email)".into(),
            });
        }
        missing
    }

    /// Problems with the data catalog's keys: a value that is not what the key takes, and,
    /// when the config asks for a catalog, each key it still lacks.
    fn data_errors(&self, source: &SourceText) -> Vec<Diagnostic> {
        let data = &self.data;
        // A missing key is located at its table.
        let at = |key: &str| match value_offset(&source.text, &["data", key]) {
            0 => source.text.find("[data]").unwrap_or(0),
            offset => offset,
        };
        let mut errors = Vec::new();
        if let Some(uri) = &data.publisher_uri
            && (!is_web_url(uri) || oxrdf::NamedNode::new(uri.as_str()).is_err())
        {
            errors.push(source.error_at(
                at("publisher_uri"),
                format!("publisher_uri `{uri}` is not an http(s) URI"),
                Some("write the publisher's URI, e.g. \"http://dataportal.se/organisation/SE2321000000\" (SE and the 10-digit organisation number)".into()),
            ));
        }
        if let Some(kind) = &data.publisher_type
            && !PUBLISHER_TYPES.contains(&kind.as_str())
        {
            errors.push(source.error_at(
                at("publisher_type"),
                format!("publisher_type `{kind}` is not an ADMS publisher type"),
                Some(format!("use one of: {}", PUBLISHER_TYPES.join(", "))),
            ));
        }
        if let Some(email) = &data.contact_email
            && !is_email(email)
        {
            errors.push(source.error_at(
                at("contact_email"),
                format!("contact_email `{email}` is not an e-mail address"),
                Some("write an address such as \"oppnadata@example.se\"".into()),
            ));
        }
        if let Some(frequency) = &data.update_frequency
            && !FREQUENCIES.contains(&frequency.as_str())
        {
            errors.push(source.error_at(
                at("update_frequency"),
                format!(
                    "update_frequency `{frequency}` is not a code of the EU frequency vocabulary"
                ),
                Some(format!("use one of: {}", FREQUENCIES.join(", "))),
            ));
        }
        if self.asks_for_catalog() {
            for m in self.missing_catalog_keys() {
                errors.push(source.error_at(
                    at("[data]"),
                    format!("[data] names a publisher, so a data catalog is written, but it lacks `{}`", m.key),
                    Some(format!("add {} = {} to [data], or remove publisher_uri and publisher_type to publish no catalog", m.key, m.example)),
                ));
            }
        }
        errors
    }
}

impl DiaryNumbers {
    /// The declared forms, each error at its line in the config.
    fn parse(&self, source: &SourceText) -> Result<DiaryForms, Vec<Diagnostic>> {
        let Some(declared) = &self.declared else {
            return Ok(DiaryForms::default());
        };
        let key = ["diary_numbers", "forms"];
        let hint = || {
            let placeholders: Vec<String> = crate::model::dnr::PLACEHOLDERS
                .iter()
                .map(|(p, what)| format!("{p} ({what})"))
                .collect();
            format!(
                "write each form with the placeholders {} and the characters between them, e.g. \"{{number}}-{{year}}\" or \"KS {{year}}/{{number}}\"; see the README section \"Site config\"",
                placeholders.join(", ")
            )
        };
        if declared.is_empty() {
            return Err(vec![source.error_at(
                value_offset(&source.text, &key),
                "[diary_numbers] forms is empty, so no diary number in running text would be found",
                Some(hint()),
            )]);
        }
        let mut forms = Vec::new();
        let mut errors = Vec::new();
        for (i, written) in declared.iter().enumerate() {
            match DiaryForm::parse(written) {
                Ok(form) => forms.push(form),
                Err(message) => errors.push(source.error_at(
                    element_offset(&source.text, &key, i),
                    message,
                    Some(hint()),
                )),
            }
        }
        if errors.is_empty() {
            Ok(DiaryForms::new(forms))
        } else {
            Err(errors)
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Organisation {
    pub name: String,
    pub url: Option<String>,
    #[serde(default = "default_accent")]
    pub accent_color: String,
    /// A logo image (SVG, PNG, JPEG or WebP) relative to the site folder, shown in the header.
    pub logo: Option<PathBuf>,
}

/// What the accessibility statement (tillgänglighetsredogörelse) needs besides the tests.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Accessibility {
    /// Where visitors report problems and ask for content in another format.
    pub contact_email: String,
    pub contact_phone: Option<String>,
    /// Expected answer time, e.g. "två arbetsdagar".
    pub response_time: Option<String>,
    /// When the statement was first written and last reviewed (`YYYY-MM-DD`).
    pub published: String,
    pub reviewed: String,
}

fn default_language() -> String {
    "sv".into()
}
fn default_theme() -> String {
    "default".into()
}
fn default_output() -> PathBuf {
    "public".into()
}
fn default_accent() -> String {
    "#005a8c".into()
}

impl Config {
    /// Reads and checks the config; problems come back as diagnostics on the config file.
    pub fn load(path: &Path) -> Result<Config, Vec<Diagnostic>> {
        let display = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| {
            vec![Diagnostic {
                path: display.clone(),
                line: 1,
                column: 1,
                message: format!("cannot read the site config: {e}"),
                hint: Some("run insyn in the site's folder or pass --config PATH".into()),
            }]
        })?;
        let source = SourceText::new(display, text);
        let config: Config = toml::from_str(&source.text).map_err(|e| {
            vec![source.error_at(
                e.span().map_or(0, |s| s.start),
                e.message().trim().to_string(),
                Some("see the README section \"Site config\" for the keys".into()),
            )]
        })?;
        // An error at the value of a key, with its hint.
        let problem = |key: &[&str], message: String, hint: &str| {
            source.error_at(value_offset(&source.text, key), message, Some(hint.into()))
        };
        let mut errors = Vec::new();
        if base_path(&config.base_url).is_none() {
            errors.push(problem(
                &["base_url"],
                format!("base_url `{}` is not an http(s) URL", config.base_url),
                "write it like \"https://example.org/\" or \"https://example.org/insyn/\"",
            ));
        }
        if let Some(url) = &config.organisation.url
            && !is_web_url(url)
        {
            errors.push(problem(
                &["organisation", "url"],
                format!("organisation.url `{url}` is not an http(s) URL"),
                "write the organisation's web address, e.g. \"https://www.example.se/\"; every page's footer links to it",
            ));
        }
        if !is_hex_color(&config.organisation.accent_color) {
            errors.push(problem(
                &["organisation", "accent_color"],
                format!(
                    "accent_color `{}` is not a colour",
                    config.organisation.accent_color
                ),
                "write a hex colour such as \"#005a8c\"",
            ));
        }
        // The theme puts white text on the accent colour and uses it for links.
        if let Some(accent) = crate::palette::Rgb::parse(&config.organisation.accent_color)
            && !crate::palette::accent_is_readable(accent)
        {
            errors.push(problem(
                &["organisation", "accent_color"],
                format!(
                    "accent_color `{}` is too light: white text on it, and it as link colour, would not reach 4.5:1 contrast",
                    config.organisation.accent_color
                ),
                "choose a darker colour, such as \"#005a8c\"",
            ));
        }
        if let Some(a) = &config.accessibility {
            for (key, date) in [("published", &a.published), ("reviewed", &a.reviewed)] {
                if !crate::model::is_valid_date(date) {
                    errors.push(problem(
                        &["accessibility", key],
                        format!("accessibility.{key} `{date}` is not a date"),
                        "write it as YYYY-MM-DD",
                    ));
                }
            }
            if !is_email(&a.contact_email) {
                errors.push(problem(
                    &["accessibility", "contact_email"],
                    format!(
                        "contact_email `{}` is not an e-mail address",
                        a.contact_email
                    ),
                    "write one address such as \"webb@example.se\" (the page links to it with mailto:)",
                ));
            }
        }
        if let Some(url) = &config.data.license_url
            && !is_web_url(url)
        {
            errors.push(problem(
                &["data", "license_url"],
                format!("license_url `{url}` is not an http(s) URL"),
                "write the licence's address, e.g. \"https://creativecommons.org/publicdomain/zero/1.0/deed.sv\"",
            ));
        }
        errors.extend(config.data_errors(&source));
        for (key, form) in config.terms.forms() {
            if form.trim().is_empty() {
                errors.push(problem(
                    &key,
                    format!("{} is empty", key.join(".")),
                    "write the organisation's word, e.g. singular = \"målområde\", definite = \"målområdet\", plural = \"målområden\" (see README, \"Site config\")",
                ));
            }
        }
        if config.terms.council.trim().is_empty() {
            errors.push(problem(
                &["terms", "council"],
                "terms.council is empty".into(),
                "write the assembly the boards' proposals go to, e.g. council = \"kommunfullmäktige\" (see README, \"Site config\")",
            ));
        }
        let mut config = config;
        match config.diary_numbers.parse(&source) {
            Ok(forms) => config.diary_numbers.forms = forms,
            Err(problems) => errors.extend(problems),
        }
        if errors.is_empty() {
            Ok(config)
        } else {
            Err(errors)
        }
    }

    /// Scheme and host of the base URL, e.g. `https://example.org`.
    pub fn origin(&self) -> String {
        let scheme_end = self.base_url.find("://").map_or(0, |i| i + 3);
        let host_end = self.base_url[scheme_end..]
            .find('/')
            .map_or(self.base_url.len(), |i| scheme_end + i);
        self.base_url[..host_end].to_string()
    }

    /// The path part of the base URL, always starting and ending with `/`.
    pub fn base_path(&self) -> String {
        base_path(&self.base_url).unwrap_or_else(|| "/".into())
    }
}

/// `https://example.org/insyn` → `/insyn/`; `None` for anything but an http(s) URL.
pub fn base_path(base_url: &str) -> Option<String> {
    if !is_web_url(base_url) {
        return None;
    }
    let rest = base_url
        .strip_prefix("https://")
        .or_else(|| base_url.strip_prefix("http://"))?;
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    if host.is_empty() || path.contains(['?', '#', ' ']) {
        return None;
    }
    let path = path.trim_matches('/');
    Some(if path.is_empty() {
        "/".into()
    } else {
        format!("/{path}/")
    })
}

/// Whether `url` is an absolute http(s) URL with a host, written without spaces: the only
/// kind of address the config may put in a link (never `javascript:` or `data:`).
pub fn is_web_url(url: &str) -> bool {
    !url.chars().any(|c| c.is_whitespace() || c.is_control())
        && url::Url::parse(url).is_ok_and(|u| {
            matches!(u.scheme(), "http" | "https") && u.host_str().is_some_and(|h| !h.is_empty())
        })
}

/// Whether `address` is one plain e-mail address (`name@example.se`), safe after `mailto:`:
/// nothing that would add recipients, headers or another scheme.
fn is_email(address: &str) -> bool {
    let Some((local, domain)) = address.split_once('@') else {
        return false;
    };
    let local_ok = !local.is_empty()
        && local
            .chars()
            .all(|c| c.is_alphanumeric() || ".!$'*+-=^_`{|}~".contains(c));
    let domain_ok = domain.contains('.')
        && domain.split('.').all(|label| {
            !label.is_empty() && label.chars().all(|c| c.is_alphanumeric() || c == '-')
        });
    local_ok && domain_ok
}

/// Byte offset of the value at a key path (`["organisation", "url"]`) in a TOML text, for
/// pointing an error at its line; 0 when it cannot be found.
fn value_offset(text: &str, key: &[&str]) -> usize {
    let Ok(root) = toml::de::DeTable::parse(text) else {
        return 0;
    };
    let mut table = root.get_ref();
    for (i, part) in key.iter().enumerate() {
        let Some(value) = table.get(*part) else {
            return 0;
        };
        if i + 1 == key.len() {
            return value.span().start;
        }
        match value.get_ref() {
            toml::de::DeValue::Table(inner) => table = inner,
            _ => return 0,
        }
    }
    0
}

/// Byte offset of the `index`th element of the array at a key path, for pointing an error at
/// its line; the array's offset when the element cannot be found.
fn element_offset(text: &str, key: &[&str], index: usize) -> usize {
    let array = value_offset(text, key);
    let Ok(root) = toml::de::DeTable::parse(text) else {
        return array;
    };
    let mut value = None;
    let mut table = root.get_ref();
    for part in key {
        let Some(v) = table.get(*part) else {
            return array;
        };
        if let toml::de::DeValue::Table(inner) = v.get_ref() {
            table = inner;
        }
        value = Some(v);
    }
    match value.map(|v| v.get_ref()) {
        Some(toml::de::DeValue::Array(items)) => items.get(index).map_or(array, |e| e.span().start),
        _ => array,
    }
}

fn is_hex_color(color: &str) -> bool {
    color
        .strip_prefix('#')
        .is_some_and(|hex| matches!(hex.len(), 3 | 6) && hex.bytes().all(|b| b.is_ascii_hexdigit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_path_from_url() {
        assert_eq!(base_path("https://example.org/").as_deref(), Some("/"));
        assert_eq!(base_path("https://example.org").as_deref(), Some("/"));
        assert_eq!(
            base_path("https://example.org/insyn/").as_deref(),
            Some("/insyn/")
        );
        assert_eq!(base_path("http://x.se/a/b").as_deref(), Some("/a/b/"));
        assert_eq!(base_path("example.org"), None);
    }

    #[test]
    fn data_licence_is_read_and_its_url_checked() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("insyn.toml");
        let base =
            "title = \"T\"\nbase_url = \"https://example.org/\"\n[organisation]\nname = \"R\"\n";
        std::fs::write(&path, base).unwrap();
        assert!(Config::load(&path).unwrap().data.license.is_none());
        std::fs::write(
            &path,
            format!("{base}[data]\nlicense = \"CC0 1.0\"\nlicense_url = \"https://creativecommons.org/publicdomain/zero/1.0/\"\n"),
        )
        .unwrap();
        assert_eq!(
            Config::load(&path).unwrap().data.license.as_deref(),
            Some("CC0 1.0")
        );
        std::fs::write(&path, format!("{base}[data]\nlicense_url = \"cc0\"\n")).unwrap();
        let errors = Config::load(&path).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert!(
            errors[0].message.contains("license_url `cc0`"),
            "{:?}",
            errors[0]
        );
        assert_eq!(errors[0].line, 6);
    }

    #[test]
    fn the_catalog_needs_a_publisher_and_takes_the_accessibility_contact() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("insyn.toml");
        let base = "title = \"T\"\nbase_url = \"https://example.org/\"\n[organisation]\nname = \"R\"\n[accessibility]\ncontact_email = \"a@r.se\"\npublished = \"2026-01-01\"\nreviewed = \"2026-01-01\"\n[data]\nlicense_url = \"https://creativecommons.org/publicdomain/zero/1.0/\"\n";
        std::fs::write(&path, base).unwrap();
        let config = Config::load(&path).unwrap();
        assert!(config.catalog().is_none());
        let warning = config.catalog_warning().unwrap();
        assert!(warning.contains("publisher_uri") && warning.contains("publisher_type"));
        assert!(!warning.contains("contact_email"), "{warning}");

        let publisher = "publisher_uri = \"http://dataportal.se/organisation/SE2321000000\"\npublisher_type = \"RegionalAuthority\"\n";
        std::fs::write(&path, format!("{base}{publisher}")).unwrap();
        let config = Config::load(&path).unwrap();
        assert_eq!(config.catalog_warning(), None);
        let catalog = config.catalog().unwrap();
        assert_eq!(catalog.contact_email, "a@r.se");
        assert_eq!(catalog.update_frequency, None);

        std::fs::write(
            &path,
            format!("{base}{publisher}update_frequency = \"monthly\"\ncontact_email = \"ingen\"\n"),
        )
        .unwrap();
        let errors = Config::load(&path).unwrap_err();
        let messages: Vec<&str> = errors.iter().map(|e| e.message.as_str()).collect();
        assert_eq!(messages.len(), 2, "{messages:?}");
        assert!(
            messages[0].contains("contact_email `ingen`"),
            "{messages:?}"
        );
        assert!(
            messages[1].contains("update_frequency `monthly`"),
            "{messages:?}"
        );
        assert_eq!(errors[1].line, 13);
    }

    #[test]
    fn only_web_addresses_are_linked() {
        assert!(is_web_url("https://www.example.se/"));
        assert!(is_web_url("http://x.se/a?b=1#c"));
        for bad in [
            "javascript:alert(1)",
            "JavaScript://x.se/%0aalert(1)",
            "data:text/html,<script>",
            "//x.se/",
            "https://",
            "https://x.se/a b",
            "x.se",
        ] {
            assert!(!is_web_url(bad), "{bad}");
        }
        assert_eq!(base_path("javascript://x.se/"), None);
    }

    #[test]
    fn e_mail_addresses_are_plain() {
        assert!(is_email("webb@example.se"));
        assert!(is_email("åsa.ek@region.se"));
        for bad in [
            "webb",
            "javascript:alert(1)//@x.se",
            "a@x.se?cc=b@y.se",
            "a@x.se,b@y.se",
            "a b@x.se",
            "a@localhost",
            "@x.se",
        ] {
            assert!(!is_email(bad), "{bad}");
        }
    }

    #[test]
    fn errors_point_at_the_key_in_its_table() {
        let text = "title = \"url\"\n[organisation]\nname = \"R\"\nurl = \"x\"\n";
        assert_eq!(
            value_offset(text, &["organisation", "url"]),
            text.rfind("\"x\"").unwrap()
        );
        assert_eq!(value_offset(text, &["data", "license_url"]), 0);
    }

    #[test]
    fn colours_are_checked() {
        assert!(is_hex_color("#005a8c"));
        assert!(!is_hex_color("red;}"));
    }
}
