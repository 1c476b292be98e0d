//! Atom feeds: `/flode/atom.xml` with every meeting and report, and `/flode/<organ>.xml` per
//! organ. Entries are newest first, their ids are the pages' absolute URLs, and every date comes
//! from the content (never the build time), so two builds give the same bytes.

use crate::config::Config;
use crate::model::*;

use super::views::Link;
use crate::output::OutputFile;
use crate::routes::{self, Urls};

/// Whether an organ has anything to put in a feed (meetings or reports of its own).
pub fn organ_has_feed(site: &Site, organ: &str) -> bool {
    site.meetings.iter().any(|m| m.organ == organ)
        || site
            .reports
            .values()
            .any(|r| r.organ.as_deref() == Some(organ))
}

/// The feed links a page's head announces: everything, plus the page's organ if it has one.
pub fn head_links(site: &Site, urls: &Urls, organ: Option<&Organ>) -> Vec<Link> {
    let mut links = vec![Link {
        label: "Nya protokoll och rapporter".into(),
        url: urls.abs(routes::FEED_ALL),
    }];
    if let Some(o) = organ.filter(|o| organ_has_feed(site, &o.id)) {
        links.push(Link {
            label: format!("Nya protokoll och rapporter från {}", o.name),
            url: urls.abs(&routes::organ_feed(&o.slug)),
        });
    }
    links
}

struct Entry {
    id: String,
    title: String,
    updated: String,
    summary: String,
    /// Organ id, if the entry belongs to one.
    organ: Option<String>,
}

/// The feed files of the site.
pub fn feed_files(site: &Site, config: &Config, urls: &Urls) -> Vec<OutputFile> {
    let origin = config.origin();
    let mut entries = Vec::new();
    for m in &site.meetings {
        let Some(organ) = site.organs.get(&m.organ) else {
            continue;
        };
        let titles: Vec<String> = m
            .paragraphs
            .iter()
            .map(|p| format!("§ {} {}", p.number, p.title))
            .collect();
        entries.push(Entry {
            id: format!("{origin}{}", urls.meeting(&organ.slug, &m.date)),
            title: format!("{} {}", organ.name, long_date(&m.date)),
            updated: format!("{}T00:00:00Z", m.date),
            summary: if titles.is_empty() {
                "Protokoll från sammanträdet.".into()
            } else {
                format!("Protokoll: {}.", titles.join("; "))
            },
            organ: Some(m.organ.clone()),
        });
    }
    for r in site.reports.values() {
        let date = r.date.clone().unwrap_or_else(|| period_end(r.period));
        entries.push(Entry {
            id: format!("{origin}{}", urls.report(&r.id)),
            title: r.title.clone(),
            updated: format!("{date}T00:00:00Z"),
            summary: format!("{}, {}.", r.kind.label(), r.period.label()),
            organ: r.organ.clone(),
        });
    }
    entries.sort_by(|a, b| b.updated.cmp(&a.updated).then(a.id.cmp(&b.id)));

    let author = &config.organisation.name;
    let mut files = vec![OutputFile {
        path: routes::FEED_ALL.into(),
        bytes: feed(
            &format!("{}: nya protokoll och rapporter", config.title),
            &format!("{origin}{}", urls.abs(routes::FEED_ALL)),
            &format!("{origin}{}", urls.abs(routes::HOME)),
            author,
            entries.iter(),
        )
        .into_bytes()
        .into(),
    }];
    for organ in site.organs.values() {
        if !organ_has_feed(site, &organ.id) {
            continue;
        }
        let path = routes::organ_feed(&organ.slug);
        files.push(OutputFile {
            bytes: feed(
                &format!("{}: {}", config.title, organ.name),
                &format!("{origin}{}", urls.abs(&path)),
                &format!("{origin}{}", urls.organ(&organ.slug)),
                author,
                entries
                    .iter()
                    .filter(|e| e.organ.as_deref() == Some(organ.id.as_str())),
            )
            .into_bytes()
            .into(),
            path,
        });
    }
    files
}

fn feed<'e>(
    title: &str,
    self_url: &str,
    alternate: &str,
    author: &str,
    entries: impl Iterator<Item = &'e Entry> + Clone,
) -> String {
    // A feed without entries is as old as the epoch: there is no content date to give it.
    let updated = entries
        .clone()
        .map(|e| e.updated.as_str())
        .max()
        .unwrap_or("1970-01-01T00:00:00Z");
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    xml.push_str("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"sv\">\n");
    xml.push_str(&format!("  <title>{}</title>\n", escape(title)));
    xml.push_str(&format!("  <id>{}</id>\n", escape(self_url)));
    xml.push_str(&format!(
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n",
        escape(self_url)
    ));
    xml.push_str(&format!(
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        escape(alternate)
    ));
    xml.push_str(&format!("  <updated>{updated}</updated>\n"));
    xml.push_str(&format!(
        "  <author><name>{}</name></author>\n",
        escape(author)
    ));
    for e in entries {
        xml.push_str("  <entry>\n");
        xml.push_str(&format!("    <id>{}</id>\n", escape(&e.id)));
        xml.push_str(&format!("    <title>{}</title>\n", escape(&e.title)));
        xml.push_str(&format!(
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
            escape(&e.id)
        ));
        xml.push_str(&format!("    <updated>{}</updated>\n", e.updated));
        xml.push_str(&format!(
            "    <summary type=\"text\">{}</summary>\n",
            escape(&e.summary)
        ));
        xml.push_str("  </entry>\n");
    }
    xml.push_str("</feed>\n");
    xml
}

/// The last day of a period (`2022-04` → `2022-04-30`, `2020` → `2020-12-31`): a report
/// without a publication date is dated by the end of the period it covers.
fn period_end(period: Period) -> String {
    let year = u32::from(period.year);
    match period.month {
        None => format!("{year}-12-31"),
        Some(m) => {
            let days = (28..=31)
                .rev()
                .find(|d| is_valid_date(&format!("{year}-{m:02}-{d:02}")))
                .unwrap_or(28);
            format!("{year}-{m:02}-{days:02}")
        }
    }
}

/// XML text and attribute escaping; characters XML 1.0 forbids are dropped.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_end_on_their_last_day() {
        assert_eq!(period_end(Period::parse("2022-04").unwrap()), "2022-04-30");
        assert_eq!(period_end(Period::parse("2024-02").unwrap()), "2024-02-29");
        assert_eq!(period_end(Period::parse("2020").unwrap()), "2020-12-31");
    }

    #[test]
    fn escaping_keeps_xml_well_formed() {
        assert_eq!(escape("a<b & \"c\"\u{1}"), "a&lt;b &amp; &quot;c&quot;");
    }
}
