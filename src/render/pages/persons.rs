//! Persons: `/personer/` lists the politicians by party, `/personer/<id>/` what each proposed,
//! reserved against, noted, and where they stood aside for jäv (from [`crate::indexes`]).

use std::collections::BTreeMap;

use serde::Serialize;

use super::{PageJob, Shared, job};
use crate::indexes::{Act, PersonActs};
use crate::model::Person;
use crate::render::views::Link;
use crate::routes;

#[derive(Serialize)]
struct Persons {
    parties: Vec<PartyView>,
}

#[derive(Serialize)]
struct PartyView {
    party: String,
    persons: Vec<Link>,
}

#[derive(Serialize)]
struct PersonPage<'a> {
    person: PersonView<'a>,
    proposals: Vec<ActView<'a>>,
    reservations: Vec<ActView<'a>>,
    notes: Vec<ActView<'a>>,
    recusals: Vec<ActView<'a>>,
}

#[derive(Serialize)]
struct PersonView<'a> {
    name: &'a str,
    party: Option<String>,
}

/// A statement of the person, with its §.
#[derive(Serialize)]
struct ActView<'a> {
    paragraph: Link,
    /// The organ and the meeting's date.
    meeting: String,
    text: &'a str,
}

/// The label of persons without a party.
const NO_PARTY: &str = "Utan parti";

/// `/personer/`: politicians by party, parties by name, persons without a party last.
pub(super) fn list(s: &Shared) -> PageJob {
    let site = s.site;
    let mut by_party: BTreeMap<Option<&str>, Vec<&Person>> = BTreeMap::new();
    for p in site.persons.values() {
        by_party.entry(p.party.as_deref()).or_default().push(p);
    }
    let mut parties: Vec<PartyView> = by_party
        .into_iter()
        .map(|(party, mut persons)| {
            persons.sort_by(|a, b| a.name.cmp(&b.name));
            PartyView {
                party: party
                    .and_then(|id| site.parties.get(id))
                    .map_or(NO_PARTY.to_string(), |p| {
                        format!("{} ({})", p.name, p.abbreviation)
                    }),
                persons: persons
                    .iter()
                    .map(|p| Link {
                        label: p.name.clone(),
                        url: s.urls.person(&p.id),
                    })
                    .collect(),
            }
        })
        .collect();
    parties.sort_by_key(|p| (p.party == NO_PARTY, p.party.clone()));
    let meta = s.meta(
        "Politiker",
        routes::PERSONS,
        "personer",
        s.crumbs(None),
        None,
    );
    let origin = routes::content::folder(routes::content::PERSONS);
    job(
        routes::PERSONS,
        "persons.html",
        origin,
        &meta,
        &Persons { parties },
    )
}

/// The path and content file of a person's page.
pub(super) fn page_of(p: &PersonActs) -> (String, String) {
    (
        routes::person(&p.person.id),
        routes::content::person_file(&p.person.id),
    )
}

/// The page of a person: what they proposed, reserved, noted and recused from.
pub(super) fn job_of(s: &Shared, p: &PersonActs) -> PageJob {
    let data = PersonPage {
        person: PersonView {
            name: &p.person.name,
            party: p.party.map(|p| format!("{} ({})", p.name, p.abbreviation)),
        },
        proposals: acts(s, &p.acts.proposals),
        reservations: acts(s, &p.acts.reservations),
        notes: acts(s, &p.acts.notes),
        recusals: acts(s, &p.acts.recusals),
    };
    let (path, origin) = page_of(p);
    let title = s.site.person_label(&p.person.id);
    let crumbs = s.crumbs(Some(("Politiker", routes::PERSONS)));
    let meta = s.meta(title, &path, "personer", crumbs, None);
    job(&path, "person.html", origin, &meta, &data)
}

fn acts<'a>(s: &Shared, list: &[Act<'a>]) -> Vec<ActView<'a>> {
    list.iter()
        .map(|a| ActView {
            paragraph: s.paragraph_link(a.organ, a.date, a.number, a.title),
            meeting: format!("{} {}", a.organ.name, a.date),
            text: a.text,
        })
        .collect()
}
