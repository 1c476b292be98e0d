//! Markdown to HTML with comrak: ASCII heading anchors, a table of contents, raw HTML
//! dropped unless the site config allows it (content is data, never markup), and
//! cross-reference links added to the text nodes of the parsed document (never inside links,
//! code or headings).

use std::collections::BTreeSet;
use std::fmt;
use std::sync::Mutex;

use std::ops::Range;

use comrak::adapters::{HeadingAdapter, HeadingMeta};
use comrak::nodes::{AstNode, NodeLink, NodeValue, Sourcepos};
use comrak::options::Plugins;
use comrak::{Arena, Options, format_html_with_plugins, parse_document};
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

/// Byte ranges of a text to link, with their URLs.
pub type Links = Vec<(Range<usize>, String)>;

/// Renders Markdown; `anchor_prefix` keeps ids unique when several texts share a page.
pub fn render(markdown: &str, allow_raw_html: bool, anchor_prefix: &str) -> Rendered {
    render_linked(markdown, allow_raw_html, anchor_prefix, &|_| Vec::new())
}

fn options(allow_raw_html: bool) -> Options<'static> {
    let mut options = Options::default();
    options.extension.table = true;
    options.extension.strikethrough = true;
    options.extension.autolink = true;
    options.extension.footnotes = true;
    options.render.r#unsafe = allow_raw_html;
    options
}

/// Whether a text node may get links: not inside a link, image, code or heading.
fn linkable<'a>(node: &'a AstNode<'a>) -> bool {
    matches!(node.data().value, NodeValue::Text(_))
        && node.ancestors().skip(1).all(|a| {
            !matches!(
                a.data().value,
                NodeValue::Link(_)
                    | NodeValue::Image(_)
                    | NodeValue::Heading(_)
                    | NodeValue::Code(_)
                    | NodeValue::CodeBlock(_)
                    | NodeValue::HtmlInline(_)
                    | NodeValue::HtmlBlock(_)
                    | NodeValue::WikiLink(_)
            )
        })
}

/// The texts of a Markdown document that may carry links, with the 1-based line each starts on.
pub fn text_runs(markdown: &str) -> Vec<(usize, String)> {
    let arena = Arena::new();
    let root = parse_document(&arena, markdown, &options(false));
    root.descendants()
        .filter(|n| linkable(n))
        .filter_map(|n| {
            let data = n.data();
            match &data.value {
                NodeValue::Text(t) => Some((data.sourcepos.start.line, t.to_string())),
                _ => None,
            }
        })
        .collect()
}

/// Renders Markdown like [`render`], turning the ranges `links` finds in each text node into
/// links. Comrak escapes the text and the URLs.
pub fn render_linked(
    markdown: &str,
    allow_raw_html: bool,
    anchor_prefix: &str,
    links: &dyn Fn(&str) -> Links,
) -> Rendered {
    if markdown.trim().is_empty() {
        return Rendered::default();
    }
    let options = options(allow_raw_html);
    let arena = Arena::new();
    let root = parse_document(&arena, markdown, &options);
    let texts: Vec<_> = root.descendants().filter(|n| linkable(n)).collect();
    for node in texts {
        let text = match &node.data().value {
            NodeValue::Text(t) => t.to_string(),
            _ => continue,
        };
        let found = links(&text);
        if found.is_empty() {
            continue;
        }
        let mut at = 0;
        for (range, url) in found {
            if range.start < at || range.end > text.len() {
                continue;
            }
            if range.start > at {
                node.insert_before(arena.alloc(text_node(&text[at..range.start])));
            }
            let link = arena.alloc(
                NodeValue::Link(Box::new(NodeLink {
                    url,
                    title: String::new(),
                }))
                .into(),
            );
            link.append(arena.alloc(text_node(&text[range.clone()])));
            node.insert_before(link);
            at = range.end;
        }
        node.data_mut().value = NodeValue::Text(text[at..].to_string().into());
    }
    let headings = Headings {
        seen: Mutex::new((BTreeSet::new(), Vec::new())),
        prefix: anchor_prefix.to_string(),
    };
    let mut plugins = Plugins::default();
    plugins.render.heading_adapter = Some(&headings);
    let mut html = String::new();
    format_html_with_plugins(root, &options, &mut html, &plugins).expect("writing to a String");
    let (_, toc) = headings.seen.into_inner().expect("heading state");
    Rendered { html, toc }
}

fn text_node<'a>(text: &str) -> AstNode<'a> {
    NodeValue::Text(text.to_string().into()).into()
}

/// Plain text as HTML, escaped, with the given ranges as links.
pub fn linked_text(text: &str, links: &Links) -> String {
    let mut html = String::with_capacity(text.len());
    let mut at = 0;
    for (range, url) in links {
        if range.start < at || range.end > text.len() {
            continue;
        }
        html.push_str(&escape(&text[at..range.start]));
        html.push_str(&format!(
            "<a href=\"{}\">{}</a>",
            escape(url),
            escape(&text[range.clone()])
        ));
        at = range.end;
    }
    html.push_str(&escape(&text[at..]));
    html
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link_dates(text: &str) -> Links {
        text.match_indices("2017-04-26")
            .map(|(i, m)| (i..i + m.len(), "/x/?a=1&b=2".to_string()))
            .collect()
    }

    #[test]
    fn links_go_into_text_but_never_into_links_code_or_headings() {
        let md = "## 2017-04-26\n\nSe 2017-04-26 & 1 < 2 [2017-04-26](/y/) `2017-04-26`.\n";
        let html = render_linked(md, false, "", &link_dates).html;
        assert_eq!(
            html.matches("<a href=\"/x/?a=1&amp;b=2\">2017-04-26</a>")
                .count(),
            1,
            "{html}"
        );
        assert!(
            html.contains("<h2 id=\"2017-04-26\">2017-04-26</h2>"),
            "{html}"
        );
        assert!(html.contains("<code>2017-04-26</code>"), "{html}");
        assert!(html.contains("&amp; 1 &lt; 2"), "{html}");
        let runs = text_runs(md);
        assert_eq!(runs[0], (3, "Se 2017-04-26 & 1 < 2 ".to_string()));
        assert!(
            runs.iter()
                .all(|(_, t)| !t.contains("2017-04-26") || t.starts_with("Se"))
        );
    }

    #[test]
    fn plain_text_is_escaped_around_links() {
        let html = linked_text("<b> 2017-04-26 & co", &link_dates("<b> 2017-04-26 & co"));
        assert_eq!(
            html,
            "&lt;b&gt; <a href=\"/x/?a=1&amp;b=2\">2017-04-26</a> &amp; co"
        );
    }

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
