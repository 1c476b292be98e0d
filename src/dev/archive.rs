//! The synthetic archive in memory: organs, parties, persons, reports, plans with goals and
//! measures, and meetings with their §, drawn from a seeded ChaCha8 generator and a text
//! `Corpus`. Generation is sized so that the built site has the asked number of pages; the
//! writers (`generate` for Insyn, `hugo` for the comparable Hugo corpus) only lay it out.

use std::collections::BTreeSet;

use rand_chacha::ChaCha8Rng;
use rand_core::{RngCore, SeedableRng};

use super::corpus::Corpus;
use crate::slug::slugify;

/// The seeded random source. ChaCha8 is specified and portable, so a seed gives the same
/// archive on every platform and with every version of `rand_chacha` 0.3.
pub struct Rng(ChaCha8Rng);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(ChaCha8Rng::seed_from_u64(seed))
    }

    /// A number in `0..n` (`n > 0`). The modulo bias is irrelevant for test data.
    pub fn below(&mut self, n: usize) -> usize {
        (self.0.next_u64() % n as u64) as usize
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// True with a probability of `percent` in 100.
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

pub struct Organ {
    pub id: &'static str,
    pub name: &'static str,
    pub abbreviation: &'static str,
    pub description: &'static str,
}

pub const ORGANS: [Organ; 6] = [
    Organ {
        id: "rf",
        name: "Regionfullmäktige",
        abbreviation: "RF",
        description: "Fullmäktige är det förtroendeorgan som utövar den högsta beslutanderätten i regionen.",
    },
    Organ {
        id: "rs",
        name: "Regionstyrelsen",
        abbreviation: "RS",
        description: "Regionstyrelsen leder och samordnar regionens verksamhet.",
    },
    Organ {
        id: "hsn",
        name: "Hälso- och sjukvårdsnämnden",
        abbreviation: "HSN",
        description: "Nämnden ansvarar för hälso- och sjukvården i regionen.",
    },
    Organ {
        id: "run",
        name: "Regionala utvecklingsnämnden",
        abbreviation: "RUN",
        description: "Nämnden ansvarar för det regionala utvecklingsarbetet.",
    },
    Organ {
        id: "pn",
        name: "Patientnämnden",
        abbreviation: "PN",
        description: "Patientnämnden tar emot synpunkter och klagomål på vården.",
    },
    Organ {
        id: "ib",
        name: "Internationella beredningen",
        abbreviation: "IB",
        description: "Beredningen bereder internationella frågor åt regionstyrelsen.",
    },
];

/// (id, name, abbreviation, weight in seats).
pub const PARTIES: [(&str, &str, &str, usize); 9] = [
    ("s", "Socialdemokraterna", "S", 30),
    ("m", "Moderaterna", "M", 14),
    ("sjvp", "Sjukvårdspartiet", "SJVP", 12),
    ("v", "Vänsterpartiet", "V", 10),
    ("sd", "Sverigedemokraterna", "SD", 12),
    ("c", "Centerpartiet", "C", 8),
    ("l", "Liberalerna", "L", 5),
    ("kd", "Kristdemokraterna", "KD", 5),
    ("mp", "Miljöpartiet", "MP", 4),
];

pub const PERSPECTIVES: [(&str, &str); 5] = [
    ("samhalle", "Samhälle"),
    ("medborgare", "Medborgare"),
    ("verksamhet", "Verksamhet"),
    ("medarbetare", "Medarbetare"),
    ("ekonomi", "Ekonomi"),
];

pub struct Person {
    pub id: String,
    pub name: String,
    /// Index into `PARTIES`.
    pub party: usize,
}

pub struct Report {
    pub id: String,
    pub title: String,
    pub kind: &'static str,
    pub period: String,
    pub date: String,
    pub year: u16,
    pub body: String,
}

pub struct Plan {
    pub id: String,
    pub title: String,
    pub start: u16,
    pub end: u16,
    pub vision: String,
    pub assignments: Vec<(String, Vec<&'static str>)>,
    pub goals: Vec<Goal>,
    pub intro: String,
}

pub struct Goal {
    pub id: String,
    pub title: String,
    pub perspective: &'static str,
    pub order: u32,
    pub organs: Vec<&'static str>,
    /// (report id, status key, text)
    pub assessments: Vec<(String, &'static str, String)>,
    pub factors: Vec<Factor>,
    pub body: String,
}

pub struct Factor {
    pub id: String,
    pub title: String,
    /// Indices into `Archive::measures`.
    pub measures: Vec<usize>,
}

pub struct Measure {
    pub id: String,
    pub name: String,
    pub kind: &'static str,
    pub organ: &'static str,
    pub unit: &'static str,
    pub direction: &'static str,
    pub by_sex: bool,
    pub rows: Vec<ResultRow>,
    pub definition: String,
}

pub struct ResultRow {
    pub report: String,
    pub group: &'static str,
    pub baseline: String,
    pub target: String,
    pub outcome: String,
    pub status: &'static str,
    pub trend: &'static str,
}

pub struct Meeting {
    /// Index into `ORGANS`.
    pub organ: usize,
    pub date: String,
    pub place: &'static str,
    pub time: String,
    pub document_id: String,
    pub paragraphs: Vec<Paragraph>,
}

/// A statement (proposal, reservation, note, recusal): by persons (indices into
/// `Archive::persons`) or by parties (indices into `PARTIES`), with its text.
pub struct Statement {
    pub persons: Vec<usize>,
    pub parties: Vec<usize>,
    pub text: String,
}

/// A vote count: yes, no, abstained.
pub type Votes = (u32, u32, u32);

pub struct Paragraph {
    pub number: u32,
    pub title: String,
    pub dnr: Vec<String>,
    /// Diary numbers the body mentions (`dnr 12-2020`) besides its own.
    pub mentions: Vec<String>,
    pub decision_kind: &'static str,
    pub decision: String,
    pub proposals: Vec<Statement>,
    pub steps: Vec<(String, Option<Votes>)>,
    pub reservations: Vec<Statement>,
    pub notes: Vec<Statement>,
    pub recusals: Vec<Statement>,
    pub attachments: Vec<String>,
    pub distribution: Vec<String>,
    /// (kind, text)
    pub references: Vec<(&'static str, String)>,
    pub body: String,
}

pub struct Archive {
    pub persons: Vec<Person>,
    pub reports: Vec<Report>,
    pub plans: Vec<Plan>,
    pub measures: Vec<Measure>,
    pub meetings: Vec<Meeting>,
    pub about: String,
    /// Every diary number that gets a case page (given on a § or mentioned in its text).
    pub cases: BTreeSet<String>,
    /// The number of HTML pages an Insyn build of this archive makes.
    pub pages: usize,
}

/// Pages every site has: home, the seven list pages, the 404 page, the about page, the open
/// data page and the search page.
const FIXED_PAGES: usize = 12;
const LAST_YEAR: u16 = 2025;
const MONTHS: [u32; 10] = [2, 3, 4, 5, 6, 8, 9, 10, 11, 12];
const PLACES: [&str; 6] = [
    "Regionhuset, Luleå",
    "Sammanträdesrum Lule älv, Regionhuset, Luleå",
    "Kulturens hus, Luleå",
    "Stadshotellet, Piteå",
    "Folkets hus, Kiruna",
    "Digitalt sammanträde",
];
const DISTRIBUTION: [&str; 5] = [
    "Regiondirektören",
    "Ekonomidirektören",
    "Hälso- och sjukvårdsdirektören",
    "Regionala utvecklingsdirektören",
    "Kommunikationsdirektören",
];
const LAWS: [&str; 4] = [
    "Kommunallagen (2017:725)",
    "Hälso- och sjukvårdslagen (2017:30)",
    "Offentlighets- och sekretesslagen (2009:400)",
    "Lag (2010:630) om regionalt utvecklingsansvar",
];

/// Builds an archive whose site has about `pages` pages.
pub fn build(pages: usize, seed: u64, corpus: &Corpus) -> Archive {
    let mut g = Gen {
        rng: Rng::new(seed),
        corpus,
    };
    let persons = g.persons((pages / 250).clamp(20, 400));
    // About 60 meetings a year with 20 § each and a case page for every second §.
    let years = (pages / 1800).max(1) as u16;
    let first_year = LAST_YEAR + 1 - years;
    let reports = g.reports(first_year);
    let mut measures = Vec::new();
    let plans: Vec<Plan> = (first_year..=LAST_YEAR)
        .step_by(3)
        .map(|start| g.plan(start, &reports, &mut measures))
        .collect();
    let goals: usize = plans.iter().map(|p| p.goals.len()).sum();
    let mut archive = Archive {
        pages: FIXED_PAGES
            + ORGANS.len()
            + persons.len()
            + reports.len()
            + plans.len()
            + goals
            + measures.len(),
        persons,
        reports,
        plans,
        measures,
        meetings: Vec::new(),
        about: g.paragraphs(3, 3),
        cases: BTreeSet::new(),
    };
    g.meetings(&mut archive, pages, first_year);
    archive
}

struct Gen<'c> {
    rng: Rng,
    corpus: &'c Corpus,
}

impl Gen<'_> {
    fn sentence(&mut self) -> String {
        self.rng.pick(&self.corpus.sentences).clone()
    }

    /// `count` Markdown paragraphs of 2 to `max_sentences` sentences.
    fn paragraphs(&mut self, count: usize, max_sentences: usize) -> String {
        let mut out = Vec::with_capacity(count);
        for _ in 0..count {
            let n = self.rng.range(2, max_sentences.max(2));
            let para: Vec<String> = (0..n).map(|_| self.sentence()).collect();
            out.push(para.join(" "));
        }
        out.join("\n\n")
    }

    fn persons(&mut self, count: usize) -> Vec<Person> {
        let weights: usize = PARTIES.iter().map(|p| p.3).sum();
        let mut ids = BTreeSet::new();
        let mut persons = Vec::with_capacity(count);
        while persons.len() < count {
            let name = format!(
                "{} {}",
                self.rng.pick(&self.corpus.first_names),
                self.rng.pick(&self.corpus.last_names)
            );
            let mut id = slugify(&name);
            let mut k = 2;
            while ids.contains(&id) {
                id = format!("{}-{k}", slugify(&name));
                k += 1;
            }
            ids.insert(id.clone());
            let mut w = self.rng.below(weights);
            let party = PARTIES
                .iter()
                .position(|p| {
                    if w < p.3 {
                        true
                    } else {
                        w -= p.3;
                        false
                    }
                })
                .expect("weights add up");
            persons.push(Person { id, name, party });
        }
        persons
    }

    fn reports(&mut self, first_year: u16) -> Vec<Report> {
        let mut reports = Vec::new();
        for year in first_year..=LAST_YEAR {
            let body = format!(
                "## Inledning\n\n{}\n\n## Mål och måluppfyllelse\n\n{}",
                self.paragraphs(2, 5),
                self.paragraphs(2, 5)
            );
            reports.push(Report {
                id: format!("delarsrapport-april-{year}"),
                title: format!("Delårsrapport per april {year} – Mål och måluppfyllelse"),
                kind: "delarsrapport",
                period: format!("{year}-04"),
                date: format!("{year}-05-25"),
                year,
                body,
            });
            let body = format!(
                "## Inledning\n\n{}\n\n## Årets resultat\n\n{}\n\n## Framtiden\n\n{}",
                self.paragraphs(2, 5),
                self.paragraphs(3, 5),
                self.paragraphs(1, 4)
            );
            reports.push(Report {
                id: format!("arsredovisning-{year}"),
                title: format!("Årsredovisning {year}"),
                kind: "arsredovisning",
                period: year.to_string(),
                date: format!("{}-04-20", year + 1),
                year,
                body,
            });
        }
        reports
    }

    fn plan(&mut self, start: u16, reports: &[Report], measures: &mut Vec<Measure>) -> Plan {
        let end = start + 2;
        let id = format!("{start}-{end}");
        let plan_reports: Vec<&Report> = reports
            .iter()
            .filter(|r| (start..=end).contains(&r.year))
            .collect();
        let mut titles = self.corpus.goal_titles.clone();
        let mut goals = Vec::new();
        let mut goal_ids = BTreeSet::new();
        for i in 0..6 {
            let title = if titles.is_empty() {
                format!("{} {}", self.rng.pick(&self.corpus.goal_titles), i + 1)
            } else {
                titles.remove(self.rng.below(titles.len()))
            };
            let mut goal_id = slugify(&title);
            if !goal_ids.insert(goal_id.clone()) {
                goal_id = format!("{goal_id}-{}", i + 1);
                goal_ids.insert(goal_id.clone());
            }
            let organs = if self.rng.chance(40) {
                vec!["rs", ORGANS[self.rng.range(2, 4)].id]
            } else {
                vec!["rs"]
            };
            let assessments = plan_reports
                .iter()
                .map(|r| {
                    let status = *self.rng.pick(&[
                        "uppnatt",
                        "delvis-uppnatt",
                        "delvis-uppnatt",
                        "ej-uppnatt",
                    ]);
                    (r.id.clone(), status, self.sentence())
                })
                .collect();
            let mut factors = Vec::new();
            for f in 0..3 {
                let title = self.factor_title();
                let factor_id = format!("{}-{}", slugify(&title), f + 1);
                let ids = (0..2)
                    .map(|_| {
                        measures.push(self.measure(&id, &plan_reports, measures.len()));
                        measures.len() - 1
                    })
                    .collect();
                factors.push(Factor {
                    id: factor_id,
                    title,
                    measures: ids,
                });
            }
            goals.push(Goal {
                id: goal_id,
                title,
                perspective: PERSPECTIVES[i % PERSPECTIVES.len()].0,
                order: i as u32 + 1,
                organs,
                assessments,
                factors,
                body: self.paragraphs(2, 6),
            });
        }
        let assignments = (0..3)
            .map(|_| (self.sentence(), vec!["rs", ORGANS[self.rng.range(2, 4)].id]))
            .collect();
        Plan {
            id,
            title: format!("Strategisk plan {start}–{end}"),
            start,
            end,
            vision: "Tillsammans för Norrbotten – bästa livet, bästa hälsan".into(),
            assignments,
            goals,
            intro: self.paragraphs(2, 4),
        }
    }

    /// A success factor's title: the first words of a sentence.
    fn factor_title(&mut self) -> String {
        let sentence = self.sentence();
        let words: Vec<&str> = sentence.split_whitespace().take(5).collect();
        words
            .join(" ")
            .trim_end_matches([',', '.', ':', ';'])
            .to_string()
    }

    fn measure(&mut self, plan: &str, reports: &[&Report], n: usize) -> Measure {
        let name = self.rng.pick(&self.corpus.measure_names).clone();
        let id = format!("{}-{plan}-{}", slugify(&name), n + 1);
        let activity = self.rng.chance(20);
        let by_sex = !activity && self.rng.chance(25);
        let direction = if self.rng.chance(80) {
            "hogre"
        } else {
            "lagre"
        };
        let groups: &[&'static str] = if by_sex {
            &["totalt", "kvinnor", "man"]
        } else {
            &["totalt"]
        };
        let mut rows = Vec::new();
        let mut value = self.rng.range(20, 20_000);
        let baseline = value;
        let target = if direction == "hogre" {
            value + value / 5 + 1
        } else {
            value - value / 5
        };
        for r in reports {
            let before = value;
            value = (value as i64 + self.rng.range(0, value / 5 + 2) as i64 - (value / 10) as i64)
                .max(1) as usize;
            for &group in groups {
                let (outcome, status, target_text, trend) = if activity {
                    let (status, outcome) = *self.rng.pick(&[
                        ("slutford", "Genomförd"),
                        ("paborjad", "Pågår"),
                        ("ej-paborjad", "Ej påbörjad"),
                    ]);
                    (
                        outcome.to_string(),
                        status,
                        "Genomföra aktiviteten".to_string(),
                        "",
                    )
                } else {
                    let share = if group == "totalt" {
                        value
                    } else {
                        value / 2 + self.rng.below(value / 10 + 1)
                    };
                    let reached = if direction == "hogre" {
                        share >= target
                    } else {
                        share <= target
                    };
                    let status = if reached {
                        "uppnatt"
                    } else if self.rng.chance(50) {
                        "delvis-uppnatt"
                    } else {
                        "ej-uppnatt"
                    };
                    let better = (value > before) == (direction == "hogre");
                    let trend = match value.cmp(&before) {
                        std::cmp::Ordering::Equal => "oforandrat",
                        _ if better => "forbattring",
                        _ => "forsamring",
                    };
                    (swedish(share), status, swedish(target), trend)
                };
                rows.push(ResultRow {
                    report: r.id.clone(),
                    group,
                    baseline: if activity {
                        String::new()
                    } else {
                        swedish(baseline)
                    },
                    target: target_text,
                    outcome,
                    status,
                    trend,
                });
            }
        }
        Measure {
            id,
            name,
            kind: if activity { "aktivitet" } else { "styrmatt" },
            organ: ORGANS[self.rng.range(1, 4)].id,
            unit: if activity { "" } else { "antal" },
            direction,
            by_sex,
            rows,
            definition: self.paragraphs(1, 3),
        }
    }

    /// Adds meetings, oldest first, until the site has `target` pages.
    fn meetings(&mut self, archive: &mut Archive, target: usize, first_year: u16) {
        let mut recent_dnr: Vec<String> = Vec::new();
        // (organ, date, number) of earlier §, for references to them.
        let mut recent_paragraphs: Vec<(usize, String, u32)> = Vec::new();
        let mut year = first_year;
        'years: loop {
            let mut next_dnr = self.rng.range(1, 60);
            let mut numbers = [0u32; ORGANS.len()];
            for month in MONTHS {
                for (o, organ) in ORGANS.iter().enumerate() {
                    if archive.pages >= target {
                        break 'years;
                    }
                    // The assembly meets every other month, the others monthly.
                    if o == 0 && month % 2 == 1 {
                        continue;
                    }
                    let date = format!("{year}-{month:02}-{:02}", 3 + 3 * o as u32 + month % 2);
                    archive.pages += 1;
                    let mut meeting = Meeting {
                        organ: o,
                        date: date.clone(),
                        place: PLACES[self.rng.below(PLACES.len())],
                        time: format!("09.00–{}.00", self.rng.range(11, 17)),
                        document_id: format!(
                            "ARBGRP{}-{}-{}",
                            self.rng.range(100, 999),
                            self.rng.range(1_000_000_000, 2_000_000_000),
                            self.rng.range(1, 200)
                        ),
                        paragraphs: Vec::new(),
                    };
                    let count = self.rng.range(8, 32);
                    for _ in 0..count {
                        if archive.pages >= target {
                            break;
                        }
                        numbers[o] += 1;
                        let mut dnr = Vec::new();
                        if self.rng.chance(70) {
                            if recent_dnr.is_empty() || self.rng.chance(65) {
                                next_dnr += self.rng.range(1, 8);
                                dnr.push(format!("{next_dnr}-{year}"));
                            } else {
                                dnr.push(self.rng.pick(&recent_dnr).clone());
                            }
                        }
                        let mentioned = (!recent_dnr.is_empty() && self.rng.chance(10))
                            .then(|| self.rng.pick(&recent_dnr).clone())
                            .filter(|d| !dnr.contains(d));
                        let reference = (!recent_paragraphs.is_empty() && self.rng.chance(25))
                            .then(|| self.rng.pick(&recent_paragraphs).clone());
                        let p = self.paragraph(
                            organ,
                            numbers[o],
                            dnr,
                            mentioned.as_deref(),
                            reference,
                            &archive.persons,
                        );
                        archive.pages += 1;
                        for d in p.dnr.iter().chain(&p.mentions) {
                            if archive.cases.insert(d.clone()) {
                                archive.pages += 1;
                            }
                            recent_dnr.push(d.clone());
                        }
                        if recent_dnr.len() > 60 {
                            recent_dnr.drain(..20);
                        }
                        recent_paragraphs.push((o, date.clone(), p.number));
                        if recent_paragraphs.len() > 200 {
                            recent_paragraphs.drain(..100);
                        }
                        meeting.paragraphs.push(p);
                    }
                    archive.meetings.push(meeting);
                }
            }
            year += 1;
        }
    }

    fn names(&self, persons: &[Person], ids: &[usize]) -> String {
        let names: Vec<String> = ids
            .iter()
            .map(|&i| format!("{} ({})", persons[i].name, PARTIES[persons[i].party].2))
            .collect();
        match names.split_last() {
            Some((last, [])) => last.clone(),
            Some((last, rest)) => format!("{} och {last}", rest.join(", ")),
            None => String::new(),
        }
    }

    fn some_persons(&mut self, persons: &[Person], max: usize) -> Vec<usize> {
        let mut ids: Vec<usize> = Vec::new();
        for _ in 0..self.rng.range(1, max) {
            let i = self.rng.below(persons.len());
            if !ids.contains(&i) {
                ids.push(i);
            }
        }
        ids
    }

    fn paragraph(
        &mut self,
        organ: &Organ,
        number: u32,
        dnr: Vec<String>,
        mentioned: Option<&str>,
        reference: Option<(usize, String, u32)>,
        persons: &[Person],
    ) -> Paragraph {
        let title = self.rng.pick(&self.corpus.paragraph_titles).clone();
        let decision_kind = *self.rng.pick(&[
            "beslut", "beslut", "beslut", "beslut", "forslag", "forslag", "anmalan", "anmalan",
            "yttrande",
        ]);
        let decision = format!(
            "{}{}",
            organ.name,
            self.rng.pick(&self.corpus.decision_tails)
        );
        let mut proposals = Vec::new();
        let mut steps = Vec::new();
        let mut reservations = Vec::new();
        if self.rng.chance(35) {
            let first = self.some_persons(persons, 2);
            proposals.push(Statement {
                text: format!(
                    "{} yrkar bifall till arbetsutskottets förslag.",
                    self.names(persons, &first)
                ),
                persons: first,
                parties: Vec::new(),
            });
            if self.rng.chance(50) {
                let second = self.some_persons(persons, 3);
                let names = self.names(persons, &second);
                let verb = *self
                    .rng
                    .pick(&["att ärendet återremitteras", "avslag på förslaget"]);
                proposals.push(Statement {
                    text: format!("{names} yrkar {verb}."),
                    persons: second.clone(),
                    parties: Vec::new(),
                });
                let votes = self.rng.chance(30).then(|| {
                    let yes = self.rng.range(8, 40) as u32;
                    (
                        yes,
                        self.rng.range(1, yes as usize - 1) as u32,
                        self.rng.range(0, 3) as u32,
                    )
                });
                steps.push((
                    format!(
                        "Ordföranden ställer förslagen mot varandra och finner att {} beslutat enligt arbetsutskottets förslag.",
                        organ.name.to_lowercase()
                    ),
                    votes,
                ));
                if self.rng.chance(60) {
                    reservations.push(Statement {
                        text: format!("{names} reserverar sig mot beslutet."),
                        persons: second,
                        parties: Vec::new(),
                    });
                }
            }
        }
        let notes = if self.rng.chance(4) {
            let party = self.rng.below(PARTIES.len());
            vec![Statement {
                text: format!(
                    "{} lämnar följande protokollsanteckning: {}",
                    PARTIES[party].1,
                    self.sentence()
                ),
                persons: Vec::new(),
                parties: vec![party],
            }]
        } else {
            Vec::new()
        };
        let recusals = if self.rng.chance(3) {
            let who = vec![self.rng.below(persons.len())];
            vec![Statement {
                text: format!(
                    "{} anmäler jäv och deltar inte i handläggningen av ärendet.",
                    self.names(persons, &who)
                ),
                persons: who,
                parties: Vec::new(),
            }]
        } else {
            Vec::new()
        };
        let mut references = Vec::new();
        let mut body = format!("## Sammanfattning\n\n{}", self.paragraphs(1, 4));
        if let Some((o, date, n)) = &reference {
            let name = ORGANS[*o].name;
            references.push(("protokoll", format!("{name}s protokoll {date} § {n}")));
            body.push_str(&format!(
                "\n\nÄrendet har tidigare behandlats av {} den {date}, § {n}.",
                name.to_lowercase()
            ));
        }
        if self.rng.chance(10) {
            references.push(("lag", self.rng.pick(&LAWS).to_string()));
        }
        let count = self.rng.range(1, 3);
        body.push_str(&format!("\n\n## Ärendet\n\n{}", self.paragraphs(count, 5)));
        if let Some(d) = mentioned {
            body.push_str(&format!(" Ärendet hänger samman med dnr {d}."));
        }
        if self.rng.chance(40) {
            body.push_str(&format!(
                "\n\n## Beslutsförslagets påverkan avseende jämställdhet\n\n{}",
                self.sentence()
            ));
        }
        let attachments = if self.rng.chance(20) {
            (0..self.rng.range(1, 3))
                .map(|_| self.rng.pick(&self.corpus.paragraph_titles).clone())
                .collect()
        } else {
            Vec::new()
        };
        let distribution = if self.rng.chance(30) {
            vec![self.rng.pick(&DISTRIBUTION).to_string()]
        } else {
            Vec::new()
        };
        Paragraph {
            number,
            title,
            dnr,
            mentions: mentioned.map(str::to_string).into_iter().collect(),
            decision_kind,
            decision,
            proposals,
            steps,
            reservations,
            notes,
            recusals,
            attachments,
            distribution,
            references,
            body,
        }
    }
}

/// A whole number as Swedish documents write it: `18 464`.
pub fn swedish(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swedish_numbers_group_thousands() {
        assert_eq!(swedish(7), "7");
        assert_eq!(swedish(18464), "18 464");
        assert_eq!(swedish(1234567), "1 234 567");
    }

    #[test]
    fn the_same_seed_gives_the_same_numbers() {
        let mut a = Rng::new(7);
        let mut b = Rng::new(7);
        let xs: Vec<usize> = (0..50).map(|_| a.below(1000)).collect();
        let ys: Vec<usize> = (0..50).map(|_| b.below(1000)).collect();
        assert_eq!(xs, ys);
        // ChaCha8 is a fixed algorithm: the first draws of seed 7 never change.
        assert_eq!(&xs[..4], &[635, 994, 745, 443]);
    }
}
