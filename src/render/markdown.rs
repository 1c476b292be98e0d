//! Markdown to HTML with comrak: ASCII heading anchors, a table of contents, and raw HTML
//! dropped unless the site config allows it (content is data, never markup).

use std::collections::BTreeSet;
use std::fmt;
use std::sync::Mutex;

use comrak::adapters::{HeadingAdapter, HeadingMeta};
use comrak::nodes::Sourcepos;
use comrak::options::Plugins;
use comrak::{Options, markdown_to_html_with_plugins};
use serde::Serialize;

use crate::slug::slugify;

/// One heading of a rendered text, for the table of contents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub title: String,
}

/// Rendered Markdown.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Rendered {
    pub html: String,
    pub toc: Vec<TocEntry>,
}

/// Writes headings with unique ASCII ids; headings start at h2 because the page owns the h1.
struct Headings {
    seen: Mutex<(BTreeSet<String>, Vec<TocEntry>)>,
    prefix: String,
}

impl HeadingAdapter for Headings {
    fn enter(
        &self,
        output: &mut dyn fmt::Write,
        heading: &HeadingMeta,
        _: Option<Sourcepos>,
    ) -> fmt::Result {
        let level = heading.level.max(2);
        let mut base = slugify(&heading.content);
        if base.is_empty() {
            base = "avsnitt".into();
        }
        let base = format!("{}{base}", self.prefix);
        let mut state = self.seen.lock().expect("heading state");
        let (seen, toc) = &mut *state;
        let mut id = base.clone();
        let mut n = 1;
        while !seen.insert(id.clone()) {
            n += 1;
            id = format!("{base}-{n}");
        }
        toc.push(TocEntry {
            level,
            id: id.clone(),
            title: heading.content.clone(),
        });
        write!(output, "<h{level} id=\"{id}\">")
    }

    fn exit(&self, output: &mut dyn fmt::Write, heading: &HeadingMeta) -> fmt::Result {
        write!(output, "</h{}>", heading.level.max(2))
    }
}

/// Renders Markdown; `anchor_prefix` keeps ids unique when several texts share a page.
pub fn render(markdown: &str, allow_raw_html: bool, anchor_prefix: &str) -> Rendered {
    if markdown.trim().is_empty() {
        return Rendered::default();
    }
    let mut options = Options::default();
    options.extension.table = true;
    options.extension.strikethrough = true;
    options.extension.autolink = true;
    options.extension.footnotes = true;
    options.render.r#unsafe = allow_raw_html;
    let headings = Headings {
        seen: Mutex::new((BTreeSet::new(), Vec::new())),
        prefix: anchor_prefix.to_string(),
    };
    let mut plugins = Plugins::default();
    plugins.render.heading_adapter = Some(&headings);
    let html = markdown_to_html_with_plugins(markdown, &options, &plugins);
    let (_, toc) = headings.seen.into_inner().expect("heading state");
    Rendered { html, toc }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_get_ascii_anchors_and_a_toc() {
        let r = render(
            "## Ärendet\n\nText.\n\n## Ärendet\n\n### Beslutsunderlag\n",
            false,
            "",
        );
        assert!(r.html.contains("<h2 id=\"arendet\">Ärendet</h2>"));
        assert!(r.html.contains("<h2 id=\"arendet-2\">"));
        assert_eq!(r.toc.len(), 3);
        assert_eq!(
            r.toc[2],
            TocEntry {
                level: 3,
                id: "beslutsunderlag".into(),
                title: "Beslutsunderlag".into()
            }
        );
    }

    #[test]
    fn raw_html_is_dropped_unless_allowed() {
        let md = "Hej <script>alert(1)</script>\n\n<div onclick=\"x\">a</div>\n";
        let safe = render(md, false, "");
        assert!(!safe.html.contains("<script>"));
        assert!(!safe.html.contains("onclick"));
        let raw = render(md, true, "");
        assert!(raw.html.contains("<script>"));
    }

    #[test]
    fn h1_is_demoted() {
        assert!(
            render("# Titel\n", false, "")
                .html
                .contains("<h2 id=\"titel\">")
        );
    }
}
