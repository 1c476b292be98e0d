//! The Markdown body of a §: the sections that are not front matter, each under a `## `
//! heading, with lists, subheadings and footnotes, escaped so that content stays data.

use crate::import::clean::{Block, BlockKind};

use super::extract::is_numbered;
use super::layout::{Entry, is_url};

/// Backslash-escapes what Markdown would read as markup; content is data.
/// A footnote whose marker stands in the § being written.
pub(super) struct FootnoteMark {
    pub(super) number: u32,
    pub(super) text: String,
    /// The cleaned line up to where the marker was.
    pub(super) before: String,
}

pub(super) fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '~') {
            out.push('\\');
        }
        out.push(c);
    }
    if out.starts_with(['#', '+', '=', '|']) {
        out.insert(0, '\\');
    }
    out
}

#[derive(Default)]
pub(super) struct Markdown {
    parts: Vec<String>,
}

fn first_word(text: &str) -> &str {
    text.split_whitespace().next().unwrap_or("")
}

/// A list item that ends in a dnr is complete; words after it on the same block are the next
/// subheading, glued on when the PDF lost the line's indentation (§ 163:
/// `…, dnr 1296-2020 Divisionschefer närsjukvård`).
fn split_glued_subheadings(blocks: &[Block]) -> Vec<Block> {
    let mut out = Vec::with_capacity(blocks.len());
    for b in blocks {
        if b.kind == BlockKind::ListItem
            && let Some((item, rest)) = split_after_last_dnr(&b.text)
        {
            out.push(Block {
                text: item.to_string(),
                ..b.clone()
            });
            out.push(Block {
                kind: BlockKind::Heading,
                text: rest.to_string(),
                ..b.clone()
            });
        } else {
            out.push(b.clone());
        }
    }
    out
}

/// Splits `…, dnr 1296-2020 Divisionschefer närsjukvård` after the dnr when a short phrase
/// without a final period, starting in upper case, follows it.
fn split_after_last_dnr(text: &str) -> Option<(&str, &str)> {
    let at = text.rfind("dnr ")?;
    let after = &text[at + 4..];
    let number_len = after
        .find(|c: char| !(c.is_ascii_digit() || c == '-'))
        .unwrap_or(after.len());
    let number = &after[..number_len];
    let (serial, year) = number.split_once('-')?;
    if serial.is_empty() || year.len() != 4 {
        return None;
    }
    let rest = after[number_len..].trim();
    let words = rest.split_whitespace().count();
    let starts_upper = rest.chars().next().is_some_and(char::is_uppercase);
    if !starts_upper || words == 0 || words > 6 || rest.ends_with('.') {
        return None;
    }
    let item_end = at + 4 + number_len;
    Some((text[..item_end].trim_end(), rest))
}

impl Markdown {
    pub(super) fn prose_section(&mut self, heading: &str, blocks: &[Block]) {
        if blocks.is_empty() {
            return;
        }
        self.parts.push(format!("## {}", escape_markdown(heading)));
        let blocks = split_glued_subheadings(blocks);
        let blocks = blocks.as_slice();
        // A run of three or more headings is a flattened table or list, not structure; a
        // heading with nothing under it is a line of its own.
        let is_heading = |i: usize| blocks[i].kind == BlockKind::Heading;
        let run_len = |i: usize| {
            let back = (0..i).rev().take_while(|&j| is_heading(j)).count();
            let fwd = (i..blocks.len()).take_while(|&j| is_heading(j)).count();
            back + fwd
        };
        let is_item = |i: usize| blocks.get(i).is_some_and(|b| b.kind == BlockKind::ListItem);
        let mut previous_item = false;
        for (i, b) in blocks.iter().enumerate() {
            // A bullet at the top of a page lost its indentation (004 line 2524); it reads like
            // its neighbours ("VO …"). A short line between items that does not is a subheading
            // of the list (the delegating officer in § 163).
            let item_on_new_page = b.kind == BlockKind::Heading
                && i > 0
                && is_item(i - 1)
                && is_item(i + 1)
                && [i - 1, i + 1]
                    .iter()
                    .any(|&j| first_word(&blocks[j].text) == first_word(&b.text));
            let (item, text) = match b.kind {
                _ if item_on_new_page => (true, format!("- {}", escape_markdown(&b.text))),
                BlockKind::ListItem => (true, format!("- {}", escape_markdown(&b.text))),
                BlockKind::Heading if run_len(i) < 3 && i + 1 < blocks.len() => {
                    (false, format!("### {}", escape_markdown(&b.text)))
                }
                _ if is_url(&b.text) => (false, format!("<{}>", b.text)),
                _ => match b.text.strip_prefix("- ") {
                    Some(rest) => (true, format!("- {}", escape_markdown(rest))),
                    None => (is_numbered(&b.text), escape_markdown(&b.text)),
                },
            };
            match self.parts.last_mut() {
                Some(last) if item && previous_item => {
                    last.push('\n');
                    last.push_str(&text);
                }
                _ => self.parts.push(text),
            }
            previous_item = item;
        }
    }

    pub(super) fn list_section(&mut self, heading: &str, entries: &[Entry]) {
        if entries.is_empty() {
            return;
        }
        self.parts.push(format!("## {}", escape_markdown(heading)));
        let items: Vec<String> = entries
            .iter()
            .map(|e| {
                let indent = if e.nested { "  " } else { "" };
                let text = match e.text.rsplit_once(' ') {
                    Some((lead, url)) if is_url(url) => {
                        format!("{} <{url}>", escape_markdown(lead))
                    }
                    _ if is_url(&e.text) => format!("<{}>", e.text),
                    _ => escape_markdown(&e.text),
                };
                format!("{indent}- {text}")
            })
            .collect();
        self.parts.push(items.join("\n"));
    }

    /// Joins the parts and adds footnote markers and definitions.
    pub(super) fn finish(mut self, footnotes: Vec<FootnoteMark>) -> String {
        let mut definitions = Vec::new();
        for f in footnotes {
            let marker = format!("[^{}]", f.number);
            // The marker goes after the words that came before it on its line.
            let tail: String = {
                let chars: Vec<char> = f.before.trim_end().chars().collect();
                let from = chars.len().saturating_sub(20);
                escape_markdown(&chars[from..].iter().collect::<String>())
                    .trim_start_matches('\\')
                    .to_string()
            };
            // Two footnotes may follow the same words; each takes the first free place.
            let placed = !tail.is_empty()
                && self.parts.iter_mut().any(|part| {
                    let free = part
                        .match_indices(&tail)
                        .map(|(at, _)| at + tail.len())
                        .find(|&end| !part[end..].starts_with("[^"));
                    free.map(|end| part.insert_str(end, &marker)).is_some()
                });
            if placed {
                definitions.push(format!("{marker}: {}", escape_markdown(&f.text)));
            }
        }
        self.parts.extend(definitions);
        let mut out = self.parts.join("\n\n");
        if !out.is_empty() {
            out.push('\n');
        }
        out
    }
}
