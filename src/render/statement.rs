//! The accessibility statement (tillgänglighetsredogörelse) at `/tillganglighet/`, in the form
//! of DIGG's model for Swedish public bodies. Contact details and dates come from the config's
//! `[accessibility]` section; what was tested is what `tests/browser.rs` checks on every build.

use serde::Serialize;

use crate::config::Config;
use crate::model::long_date;

pub const TITLE: &str = "Tillgänglighetsredogörelse";

/// How the site is tested: the checks of the browser test suite and the unit tests.
const TESTS: &[&str] = &[
    "Varje sida laddas i en riktig webbläsare (Chromium) och granskas automatiskt med axe-core mot WCAG 2.1 nivå A och AA, både i ljust och mörkt läge. Inga fel tillåts.",
    "Tangentbordet: från startsidan nås länken ”Hoppa till innehållet”, huvudmenyn, sökfältet och varje länk på en målsida med tabbtangenten, i läsordning och med synlig fokusmarkering.",
    "Varje sida visas i 320 pixlars bredd utan att man behöver rulla i sidled.",
    "En målsida visas i gråskala: varje bedömning skiljer sig fortfarande genom sin form (■ ● ▲ ◆) och sin text.",
    "Färgernas kontrast räknas ut i programmet: statusfärgerna når minst 4,5:1 mot bakgrunden i både ljust och mörkt läge, och diagrammens linjer minst 3:1.",
    "Sidorna fungerar utan JavaScript, och en målsida väger högst 100 kB.",
];

/// Known shortcomings, stated plainly so visitors know what to ask for; [`sources_shortcoming`]
/// comes first.
const SHORTCOMINGS: &[&str] = &[
    "Diagrammen visar bara de siffror som källorna redovisar. Resultat som källan skriver i ord (till exempel ”Öka”) finns bara i tabellerna.",
    "Webbplatsen har granskats med automatiska tester, men inte manuellt med skärmläsare eller av personer med funktionsnedsättning. Automatiska tester hittar inte alla brister.",
    "Källdokumenten i PDF-format publiceras inte här och har inte granskats för tillgänglighet.",
];

/// What the statement page shows besides the page's frame.
#[derive(Serialize)]
pub struct Statement {
    organisation: String,
    site_title: String,
    site_url: String,
    email: String,
    phone: Option<String>,
    response_time: Option<String>,
    published: String,
    reviewed: String,
    tests: &'static [&'static str],
    shortcomings: Vec<String>,
}

/// That the content comes from the organisation's PDFs (`genitive`: `regionens`).
fn sources_shortcoming(genitive: &str) -> String {
    format!(
        "Innehållet är hämtat ur {genitive} PDF-dokument. Där textversionen av ett dokument saknar {genitive} färgmarkeringar har Insyn räknat fram bedömningen ur mål och utfall; sådana bedömningar är märkta ”beräknad”."
    )
}

impl Statement {
    /// The statement, when the config has an `[accessibility]` section.
    pub fn from_config(config: &Config) -> Option<Self> {
        let a = config.accessibility.as_ref()?;
        Some(Statement {
            organisation: config.organisation.name.clone(),
            site_title: config.title.clone(),
            site_url: config.base_url.clone(),
            email: a.contact_email.clone(),
            phone: a.contact_phone.clone(),
            response_time: a.response_time.clone(),
            published: long_date(&a.published),
            reviewed: long_date(&a.reviewed),
            tests: TESTS,
            shortcomings: std::iter::once(sources_shortcoming(&config.terms.organisation.genitive))
                .chain(SHORTCOMINGS.iter().map(|s| s.to_string()))
                .collect(),
        })
    }
}
