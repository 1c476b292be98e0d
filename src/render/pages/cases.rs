//! Cases: `/arenden/` lists the diary numbers, `/arenden/<dnr>/` every § that has the number
//! or mentions it, in date order (from [`crate::indexes`]).

use serde::Serialize;

use super::{PageJob, Shared, job};
use crate::indexes::Case;
use crate::model::long_date;
use crate::render::views::Link;
use crate::routes;

#[derive(Serialize)]
struct Cases {
    cases: Vec<Link>,
}

#[derive(Serialize)]
struct CasePage<'a> {
    dnr: &'a str,
    hits: Vec<HitView<'a>>,
}

/// A § on a case's page.
#[derive(Serialize)]
struct HitView<'a> {
    paragraph: Link,
    /// The organ and the meeting's date in words.
    meeting: String,
    date: &'a str,
    /// Whether the § has the number (rather than mentions it).
    own: bool,
}

/// `/arenden/`: every diary number.
pub(super) fn list(s: &Shared) -> PageJob {
    let cases = s
        .indexes
        .cases
        .iter()
        .map(|c| Link {
            label: c.dnr.clone(),
            url: s.urls.case(&c.dnr),
        })
        .collect();
    let meta = s.meta("Ärenden", routes::CASES, "arenden", s.crumbs(None), None);
    let origin = routes::content::folder(routes::content::MEETINGS);
    job(routes::CASES, "cases.html", origin, &meta, &Cases { cases })
}

/// The path and content file of a case's page.
pub(super) fn page_of(case: &Case) -> (String, String) {
    (
        routes::case(&case.dnr),
        routes::content::folder(routes::content::MEETINGS),
    )
}

/// The page of a case.
pub(super) fn job_of(s: &Shared, case: &Case) -> PageJob {
    let hits = case
        .hits
        .iter()
        .map(|h| HitView {
            paragraph: s.paragraph_link(h.organ, h.date, h.number, h.title),
            meeting: format!("{} {}", h.organ.name, long_date(h.date)),
            date: h.date,
            own: h.own,
        })
        .collect();
    let (path, origin) = page_of(case);
    let crumbs = s.crumbs(Some(("Ärenden", routes::CASES)));
    let meta = s.meta(
        format!("Ärende {}", case.dnr),
        &path,
        "arenden",
        crumbs,
        None,
    );
    let data = CasePage {
        dnr: &case.dnr,
        hits,
    };
    job(&path, "case.html", origin, &meta, &data)
}
