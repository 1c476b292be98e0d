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
        let mut state = self.seen.lock().expect("heading state");
        let (seen, toc) = &mut *state;
        let id = heading_anchor(&heading.content, &self.prefix, seen);
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

/// The anchor [`render`] gives a heading with this text: its ASCII slug, numbered (`-2`, …)
/// when an earlier heading of the text (the anchors in `seen`) has it.
fn heading_anchor(text: &str, prefix: &str, seen: &mut BTreeSet<String>) -> String {
    let base = slugify(text);
    let base = if base.is_empty() {
        "avsnitt".into()
    } else {
        base
    };
    let base = format!("{prefix}{base}");
    let mut id = base.clone();
    let mut n = 1;
    while !seen.insert(id.clone()) {
        n += 1;
        id = format!("{base}-{n}");
    }
    id
}

/// A heading of a Markdown text and the part of the text it heads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// The level as written (`##` is 2).
    pub level: u8,
    /// The anchor [`render`] gives the heading (without prefix).
    pub id: String,
    pub title: String,
    /// 1-based lines of the heading and of the last line before the next heading of the same
    /// or a higher level.
    pub lines: (usize, usize),
}

/// The headings of a Markdown text in order, with their anchors and the lines they head.
pub fn sections(markdown: &str) -> Vec<Section> {
    let arena = Arena::new();
    let root = parse_document(&arena, markdown, &options(false));
    let mut seen = BTreeSet::new();
    let mut out: Vec<Section> = Vec::new();
    for node in root.descendants() {
        let NodeValue::Heading(heading) = &node.data().value else {
            continue;
        };
        let title = node.collect_text();
        let id = heading_anchor(&title, "", &mut seen);
        out.push(Section {
            level: heading.level,
            id,
            title,
            lines: (node.data().sourcepos.start.line, 0),
        });
    }
    let last_line = markdown.lines().count();
    for i in 0..out.len() {
        let level = out[i].level;
        let end = out[i + 1..]
            .iter()
            .find(|s| s.level <= level)
            .map_or(last_line, |s| s.lines.0 - 1);
        out[i].lines.1 = end.max(out[i].lines.0);
    }
    out
}

/// The text under the heading `id` (without the heading), its sub-headings moved so that
/// the first level below the section is `top_level`; `None` when there is no such heading.
pub fn section_markdown(markdown: &str, id: &str, top_level: u8) -> Option<String> {
    let all = sections(markdown);
    let section = all.iter().find(|s| s.id == id)?;
    let (first, last) = section.lines;
    let shift = i16::from(top_level) - i16::from(section.level) - 1;
    let headings: BTreeSet<usize> = all
        .iter()
        .filter(|s| s.lines.0 > first && s.lines.0 <= last)
        .map(|s| s.lines.0)
        .collect();
    let mut out = String::new();
    for (i, line) in markdown.lines().enumerate().take(last).skip(first) {
        let hashes = line.len() - line.trim_start_matches('#').len();
        if headings.contains(&(i + 1)) && hashes > 0 {
            let level = (hashes as i16 + shift).clamp(1, 6) as usize;
            out.push_str(&"#".repeat(level));
            out.push_str(&line[hashes..]);
        } else {
            out.push_str(line);
        }
        out.push('\n');
    }
    Some(out.trim().to_string())
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

/// Whether a node is text (or a soft line break within text) that may get links: not inside
/// a link, image, code or heading.
fn linkable<'a>(node: &'a AstNode<'a>) -> bool {
    matches!(node.data().value, NodeValue::Text(_) | NodeValue::SoftBreak)
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

/// A stretch of text as a reader sees it: adjacent text nodes and soft line breaks (which read
/// as spaces), so that a reference wrapped over two source lines is still found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextRun {
    /// The 1-based line of the Markdown on which the run starts.
    pub line: usize,
    /// The text, each soft line break written as a space.
    pub text: String,
    /// Byte offsets of the soft line breaks in `text`.
    pub breaks: Vec<usize>,
}

impl TextRun {
    /// The 1-based Markdown line of a byte offset of the run's text.
    pub fn line_of(&self, offset: usize) -> usize {
        self.line + self.breaks.iter().filter(|&&b| b < offset).count()
    }
}

/// Groups the linkable nodes of a document into runs of adjacent siblings.
fn runs<'a>(root: &'a AstNode<'a>) -> Vec<(Vec<&'a AstNode<'a>>, TextRun)> {
    let mut out = Vec::new();
    for node in root.descendants() {
        let starts_run = linkable(node) && node.previous_sibling().is_none_or(|p| !linkable(p));
        if !starts_run {
            continue;
        }
        let mut nodes = Vec::new();
        let mut run = TextRun {
            line: node.data().sourcepos.start.line,
            text: String::new(),
            breaks: Vec::new(),
        };
        let mut next = Some(node);
        while let Some(n) = next.filter(|n| linkable(n)) {
            match &n.data().value {
                NodeValue::Text(t) => run.text.push_str(t),
                _ => {
                    run.breaks.push(run.text.len());
                    run.text.push(' ');
                }
            }
            nodes.push(n);
            next = n.next_sibling();
        }
        if nodes.len() > run.breaks.len() {
            out.push((nodes, run));
        }
    }
    out
}

/// The texts of a Markdown document that may carry links.
pub fn text_runs(markdown: &str) -> Vec<TextRun> {
    let arena = Arena::new();
    let root = parse_document(&arena, markdown, &options(false));
    runs(root).into_iter().map(|(_, run)| run).collect()
}

/// The placeholder a report's text writes, as a paragraph of its own, where one of its data
/// tables goes: `{{ tabell: <id> }}`.
pub fn table_placeholder(id: &str) -> String {
    format!("{{{{ tabell: {id} }}}}")
}

/// A table placeholder as a text writes it, well or badly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrittenPlaceholder {
    /// 1-based line and column of its `{{` in the Markdown.
    pub line: usize,
    pub column: usize,
    /// As written, e.g. `{{tabell:x}}`.
    pub written: String,
    /// The table id it names.
    pub id: String,
    /// Whether it is [`table_placeholder`] alone in its paragraph, the only form the report
    /// page replaces with the table.
    pub exact: bool,
}

/// Every `{{ … }}` in the text of a Markdown document that starts with the word `tabell`
/// (any case), outside code, links and headings.
pub fn table_placeholders(markdown: &str) -> Vec<WrittenPlaceholder> {
    if !markdown.contains("{{") {
        return Vec::new();
    }
    let arena = Arena::new();
    let root = parse_document(&arena, markdown, &options(false));
    let lines: Vec<&str> = markdown.lines().collect();
    let mut found = Vec::new();
    for (nodes, run) in runs(root) {
        // The run is its paragraph's whole text.
        let whole = nodes[0].parent().is_some_and(|p| {
            matches!(p.data().value, NodeValue::Paragraph) && p.children().count() == nodes.len()
        });
        let mut from = 0;
        while let Some(start) = run.text[from..].find("{{").map(|i| from + i) {
            // Up to `}}`, or a single `}`, or the end of the text.
            let rest = &run.text[start..];
            let end = start
                + match (rest.find("}}"), rest.find('}')) {
                    (Some(i), _) => i + 2,
                    (None, Some(i)) => i + 1,
                    (None, None) => rest.len(),
                };
            from = end;
            let inner = run.text[start + 2..end].trim_end_matches('}').trim();
            let Some(after) = inner
                .get(..6)
                .filter(|w| w.eq_ignore_ascii_case("tabell"))
                .map(|_| &inner[6..])
                .filter(|a| !a.starts_with(char::is_alphanumeric))
            else {
                continue;
            };
            let id = after
                .trim_start()
                .trim_start_matches(':')
                .trim()
                .to_string();
            let written = run.text[start..end].to_string();
            let line = run.line_of(start);
            let column = lines
                .get(line - 1)
                .and_then(|l| l.find("{{").map(|i| l[..i].chars().count() + 1))
                .unwrap_or(1);
            found.push(WrittenPlaceholder {
                line,
                column,
                exact: whole && run.breaks.is_empty() && run.text == table_placeholder(&id),
                written,
                id,
            });
        }
    }
    found
}

/// A link or image whose target the page would drop: comrak writes an empty `href`/`src` for
/// `javascript:`, `vbscript:`, `file:` and most `data:` addresses, so the author's link would
/// silently lead nowhere.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DroppedLink {
    /// 1-based line and column of the link in the Markdown.
    pub line: usize,
    pub column: usize,
    pub url: String,
}

/// Every link and image in a Markdown document whose target the page would drop.
pub fn dropped_links(markdown: &str) -> Vec<DroppedLink> {
    // Every dropped scheme ends in a colon; most texts have none outside times and lists.
    if !markdown.contains(':') {
        return Vec::new();
    }
    let arena = Arena::new();
    let root = parse_document(&arena, markdown, &options(false));
    root.descendants()
        .filter_map(|node| {
            let data = node.data();
            match &data.value {
                NodeValue::Link(link) | NodeValue::Image(link)
                    if comrak::html::dangerous_url(&link.url) =>
                {
                    let Sourcepos { start, .. } = data.sourcepos;
                    // comrak counts bytes; a diagnostic's column counts characters.
                    let column = markdown
                        .lines()
                        .nth(start.line - 1)
                        .and_then(|l| l.get(..start.column - 1))
                        .map_or(start.column, |before| before.chars().count() + 1);
                    Some(DroppedLink {
                        line: start.line,
                        column,
                        url: link.url.clone(),
                    })
                }
                _ => None,
            }
        })
        .collect()
}

/// Text and soft-break nodes for a byte range of a run.
fn pieces<'a>(arena: &'a Arena<'a>, run: &TextRun, range: Range<usize>) -> Vec<&'a AstNode<'a>> {
    let mut nodes = Vec::new();
    let mut at = range.start;
    for &b in run.breaks.iter().filter(|&&b| range.contains(&b)) {
        if b > at {
            nodes.push(&*arena.alloc(text_node(&run.text[at..b])));
        }
        nodes.push(&*arena.alloc(NodeValue::SoftBreak.into()));
        at = b + 1;
    }
    if range.end > at {
        nodes.push(&*arena.alloc(text_node(&run.text[at..range.end])));
    }
    nodes
}

/// Renders Markdown like [`render`], turning the ranges `links` finds in each run of text into
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
    for (nodes, run) in runs(root) {
        let found = links(&run.text);
        if found.is_empty() {
            continue;
        }
        let anchor = nodes[0];
        let mut at = 0;
        for (range, url) in found {
            if range.start < at || range.end > run.text.len() {
                continue;
            }
            for piece in pieces(&arena, &run, at..range.start) {
                anchor.insert_before(piece);
            }
            let link = arena.alloc(
                NodeValue::Link(Box::new(NodeLink {
                    url,
                    title: String::new(),
                }))
                .into(),
            );
            for piece in pieces(&arena, &run, range.clone()) {
                link.append(piece);
            }
            anchor.insert_before(link);
            at = range.end;
        }
        for piece in pieces(&arena, &run, at..run.text.len()) {
            anchor.insert_before(piece);
        }
        for node in nodes {
            node.detach();
        }
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
        html.push_str(&escape_html(&text[at..range.start]));
        html.push_str(&format!(
            "<a href=\"{}\">{}</a>",
            escape_html(url),
            escape_html(&text[range.clone()])
        ));
        at = range.end;
    }
    html.push_str(&escape_html(&text[at..]));
    html
}

/// Escapes text for HTML element content and attribute values (the one escape the
/// renderer's hand-built HTML uses).
pub fn escape_html(text: &str) -> String {
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

    #[test]
    fn sections_have_the_anchors_render_gives_and_end_at_the_next_heading_of_their_level() {
        let text = "## Samhälle\n\nText.\n\n### Mål *ett*\n\nA.\n\n#### Palliativ vård\n\nB.\n\n### Mål två\n\n#### Palliativ vård\n\nC.\n\n## Ekonomi\n";
        let found = sections(text);
        let rendered = render(text, false, "");
        let ids: Vec<&str> = found.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(
            ids,
            rendered
                .toc
                .iter()
                .map(|t| t.id.as_str())
                .collect::<Vec<_>>()
        );
        assert_eq!(ids[4], "palliativ-vard-2");
        assert_eq!(found[1].lines, (5, 12));
        assert_eq!(found[0].lines, (1, 18));
        assert_eq!(
            section_markdown(text, "mal-ett", 4).unwrap(),
            "A.\n\n#### Palliativ vård\n\nB."
        );
        assert_eq!(section_markdown(text, "saknas", 4), None);
    }

    #[test]
    fn table_placeholders_are_found_well_or_badly_written() {
        let text = "Intro\n\n{{ tabell: budget }}\n\nText {{ tabell: mitt }} i stycket\n\n{{Tabell:x}}\n\n{{ tabellen }} och `{{ tabell: kod }}`\n\n{{ tabell: oavslutad }\n";
        assert_eq!(
            table_placeholders(text)
                .into_iter()
                .map(|p| (p.line, p.column, p.written, p.id, p.exact))
                .collect::<Vec<_>>(),
            vec![
                (3, 1, "{{ tabell: budget }}".into(), "budget".into(), true),
                (5, 6, "{{ tabell: mitt }}".into(), "mitt".into(), false),
                (7, 1, "{{Tabell:x}}".into(), "x".into(), false),
                (
                    11,
                    1,
                    "{{ tabell: oavslutad }".into(),
                    "oavslutad".into(),
                    false
                ),
            ]
        );
        assert!(table_placeholders("Inga {klamrar}").is_empty());
    }

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
        assert_eq!(runs[0].line, 3);
        assert_eq!(runs[0].text, "Se 2017-04-26 & 1 < 2 ");
        assert!(
            runs.iter()
                .all(|r| !r.text.contains("2017-04-26") || r.text.starts_with("Se"))
        );
    }

    #[test]
    fn references_wrapped_over_lines_are_found_and_keep_their_line_break() {
        let md = "Intro\nvi 2017-\n\nText före\nse 2017-04-26\noch 2017-04-26 slut.\n";
        let runs = text_runs(md);
        assert_eq!(runs[1].text, "Text före se 2017-04-26 och 2017-04-26 slut.");
        assert_eq!(runs[1].line_of(runs[1].text.rfind("2017").unwrap()), 6);
        let html = render_linked(md, false, "", &link_dates).html;
        assert_eq!(
            html,
            "<p>Intro\nvi 2017-</p>\n<p>Text före\nse <a href=\"/x/?a=1&amp;b=2\">2017-04-26</a>\noch <a href=\"/x/?a=1&amp;b=2\">2017-04-26</a> slut.</p>\n"
        );
        let across = |t: &str| -> Links {
            t.find("före se")
                .map(|i| vec![(i..i + "före se".len(), "/y/".to_string())])
                .unwrap_or_default()
        };
        let html = render_linked(md, false, "", &across).html;
        assert!(
            html.contains("Text <a href=\"/y/\">före\nse</a> 2017-04-26"),
            "{html}"
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
    fn links_the_page_would_drop_are_found_with_their_place() {
        let text = "Intro\n\nSå [här](javascript:alert(1)) och [oss](https://example.org/).\n\n![bild](DATA:text/html,x)\n";
        let found = dropped_links(text);
        assert_eq!(
            found,
            vec![
                DroppedLink {
                    line: 3,
                    column: 4,
                    url: "javascript:alert(1)".into()
                },
                DroppedLink {
                    line: 5,
                    column: 1,
                    url: "DATA:text/html,x".into()
                },
            ]
        );
        assert!(render(text, false, "").html.contains("href=\"\""));
        assert!(
            dropped_links("[a](/sida/) [b](mailto:a@b.se) [c](data:image/png;base64,AA)")
                .is_empty()
        );
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
