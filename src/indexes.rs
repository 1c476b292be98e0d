//! Derived indexes of the linked site: the cases per diary number and each person's acts in the
//! minutes. They are made once, right after linking and cross-reference resolution, from the
//! model and the resolver alone; the pages (and anything else that lists them) read them here
//! instead of scanning the minutes again.

use std::collections::BTreeMap;

use crate::model::{Organ, Party, Person, Site};
use crate::slug::case_slug;
use crate::xref::Resolver;

/// The indexes of one site, borrowing from it.
pub struct Indexes<'a> {
    /// Every diary number that a § has or mentions, in the order of their slugs.
    pub cases: Vec<Case<'a>>,
    /// Every person with their acts, in id order.
    pub persons: Vec<PersonActs<'a>>,
}

/// A diary number and the §§ that have it or mention it, in the order of the minutes.
pub struct Case<'a> {
    pub dnr: String,
    pub hits: Vec<CaseHit<'a>>,
}

/// A § that has or mentions a diary number.
pub struct CaseHit<'a> {
    pub organ: &'a Organ,
    pub date: &'a str,
    pub number: u32,
    pub title: &'a str,
    /// Whether the § has the number (rather than mentions it).
    pub own: bool,
}

/// A person with their party and their acts in the minutes.
pub struct PersonActs<'a> {
    pub person: &'a Person,
    pub party: Option<&'a Party>,
    pub acts: Acts<'a>,
}

/// A person's statements in the §§, by kind, each list in the order of the minutes.
#[derive(Default)]
pub struct Acts<'a> {
    pub proposals: Vec<Act<'a>>,
    pub reservations: Vec<Act<'a>>,
    pub notes: Vec<Act<'a>>,
    pub recusals: Vec<Act<'a>>,
}

/// A statement of a person in a §.
pub struct Act<'a> {
    pub organ: &'a Organ,
    pub date: &'a str,
    pub number: u32,
    pub title: &'a str,
    pub text: &'a str,
}

impl<'a> Acts<'a> {
    /// The list of the `kind`th kind, in the order of the fields (`lists` in [`persons`]).
    fn list(&mut self, kind: usize) -> &mut Vec<Act<'a>> {
        match kind {
            0 => &mut self.proposals,
            1 => &mut self.reservations,
            2 => &mut self.notes,
            _ => &mut self.recusals,
        }
    }
}

impl<'a> Indexes<'a> {
    pub fn new(site: &'a Site, xref: &Resolver<'a>) -> Self {
        Indexes {
            cases: cases(site, xref),
            persons: persons(site),
        }
    }
}

/// The cases from the diary numbers the resolver found in every §, one per slug (in slug
/// order), each with its number as the §s write it.
fn cases<'a>(site: &'a Site, xref: &Resolver<'a>) -> Vec<Case<'a>> {
    let mut cases: BTreeMap<String, Vec<CaseHit<'a>>> = BTreeMap::new();
    for (m, paragraph_cases) in xref.paragraph_cases() {
        let Some(organ) = site.organs.get(&m.organ) else {
            continue;
        };
        for (p, found) in m.paragraphs.iter().zip(paragraph_cases) {
            for (dnr, own) in found {
                cases.entry(case_slug(dnr)).or_default().push(CaseHit {
                    organ,
                    date: &m.date,
                    number: p.number,
                    title: &p.title,
                    own: *own,
                });
            }
        }
    }
    cases
        .into_iter()
        .map(|(slug, hits)| Case {
            dnr: xref.case_number(&slug).unwrap_or(slug.as_str()).to_string(),
            hits,
        })
        .collect()
}

/// Every person's acts, in one pass over the minutes (a scan per person is quadratic in a
/// large archive).
fn persons<'a>(site: &'a Site) -> Vec<PersonActs<'a>> {
    let mut acts_of: BTreeMap<&str, Acts<'a>> = BTreeMap::new();
    for m in &site.meetings {
        let Some(organ) = site.organs.get(&m.organ) else {
            continue;
        };
        for p in &m.paragraphs {
            // In the order of the fields of `Acts`.
            let lists = [&p.proposals, &p.reservations, &p.notes, &p.recusals];
            for (kind, list) in lists.into_iter().enumerate() {
                for s in list {
                    // A person named twice in one statement acts once.
                    let mut persons: Vec<&str> = s.persons.iter().map(String::as_str).collect();
                    persons.sort_unstable();
                    persons.dedup();
                    for id in persons {
                        acts_of.entry(id).or_default().list(kind).push(Act {
                            organ,
                            date: &m.date,
                            number: p.number,
                            title: &p.title,
                            text: &s.text,
                        });
                    }
                }
            }
        }
    }
    site.persons
        .values()
        .map(|person| PersonActs {
            person,
            party: person.party.as_ref().and_then(|p| site.parties.get(p)),
            acts: acts_of.remove(person.id.as_str()).unwrap_or_default(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Meeting, Paragraph, Statement};

    fn paragraph(number: u32, dnr: &[&str], body: &str, reservations: Vec<Statement>) -> Paragraph {
        let file = format!("content/protokoll/rs/2020-10-14/{number}.md");
        let title = format!("Ärende {number}");
        Paragraph {
            reservations,
            ..Paragraph::for_test(number, &title, dnr, body, file)
        }
    }

    fn site() -> Site {
        let mut site = Site::default();
        site.organs.insert(
            "rs".into(),
            Organ {
                id: "rs".into(),
                name: "Regionstyrelsen".into(),
                abbreviation: "RS".into(),
                slug: "regionstyrelsen".into(),
                body: String::new(),
            },
        );
        for id in ["anna", "bo"] {
            site.persons.insert(
                id.into(),
                Person {
                    id: id.into(),
                    name: id.into(),
                    party: None,
                },
            );
        }
        let reservation = Statement {
            persons: vec!["bo".into(), "bo".into()],
            parties: vec![],
            role: None,
            text: "Bo reserverar sig.".into(),
        };
        site.meetings.push(Meeting {
            organ: "rs".into(),
            date: "2020-10-14".into(),
            place: None,
            time: None,
            document_id: None,
            body: String::new(),
            paragraphs: vec![
                paragraph(1, &["2-2020"], "", vec![]),
                paragraph(2, &[], "Se dnr 2-2020 och 1-2020.", vec![reservation]),
            ],
            source: None,
        });
        site
    }

    #[test]
    fn cases_list_the_paragraphs_that_have_or_mention_them() {
        let site = site();
        let forms = crate::model::DiaryForms::default();
        let xref = Resolver::new(&site, &forms);
        let indexes = Indexes::new(&site, &xref);
        let cases: Vec<(&str, Vec<(u32, bool)>)> = indexes
            .cases
            .iter()
            .map(|c| {
                (
                    c.dnr.as_str(),
                    c.hits.iter().map(|h| (h.number, h.own)).collect(),
                )
            })
            .collect();
        assert_eq!(
            cases,
            [
                ("1-2020", vec![(2, false)]),
                ("2-2020", vec![(1, true), (2, false)])
            ]
        );
    }

    #[test]
    fn a_person_named_twice_in_a_statement_acts_once() {
        let site = site();
        let forms = crate::model::DiaryForms::default();
        let xref = Resolver::new(&site, &forms);
        let indexes = Indexes::new(&site, &xref);
        let acts: Vec<(&str, usize)> = indexes
            .persons
            .iter()
            .map(|p| (p.person.id.as_str(), p.acts.reservations.len()))
            .collect();
        assert_eq!(acts, [("anna", 0), ("bo", 1)]);
        assert_eq!(indexes.persons[1].acts.reservations[0].number, 2);
    }
}
